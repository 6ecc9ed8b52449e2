package weka.classifiers.functions.backprop.model;

/**
 * Told by a training backward pass that the gradient of one of the first layer's two input
 * halves ({@link FirstLayerLayout#inputSplit}) is complete, layer 0's biases included with the
 * first half, on the thread that computed it and before that thread takes other work. A training
 * step uses it to update that half's weights at once, on that thread: the weights, their gradient
 * and the optimizer's state for them stay in the cache of the core that has them, and the step
 * needs no phase of its own, with a hand-over between the threads, for that update. Every other
 * layer's gradient is complete by then too, since the first layer's comes last. A pass that cuts
 * a half into blocks for more threads does not call it.
 */
@FunctionalInterface
public interface HalfGradientListener {

  /**
   * @param half 0 (the first input half, with layer 0's bias gradient) or 1
   */
  void halfDone(int half);
}
