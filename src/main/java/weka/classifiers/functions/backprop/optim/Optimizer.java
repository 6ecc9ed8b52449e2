package weka.classifiers.functions.backprop.optim;

import java.io.Serializable;

/**
 * A first-order update rule. It sees only a flat parameter vector and its gradient, never
 * layers, so one implementation serves every architecture. Per-parameter state (velocities,
 * moment estimates) lives in the instance; the hyper-parameters are fixed at construction.
 */
public interface Optimizer extends Serializable {

  /**
   * Applies one update in place: {@link #beginStep()} then {@link #update} over everything.
   *
   * @param params parameters, updated in place
   * @param grad gradient of the objective at {@code params} (not modified)
   * @param learningRate step size for this step (schedules vary it between steps)
   */
  default void step(double[] params, double[] grad, double learningRate) {
    beginStep();
    update(params, grad, learningRate, 0, params.length);
  }

  /**
   * Starts a step (advances step counters, e.g. Adam's t). Call once per step, then
   * {@link #update} over disjoint ranges that together cover all parameters — possibly from
   * several threads, since the update is element-wise.
   */
  default void beginStep() {}

  /**
   * Applies the current step to parameters {@code [from, to)}.
   *
   * @param params parameters, updated in place
   * @param grad gradient (not modified)
   * @param learningRate step size
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  void update(double[] params, double[] grad, double learningRate, int from, int to);

  /**
   * {@link #update} of a range of weights on the gradient plus an L2 penalty's, {@code g_i +
   * λ₂·w_i} (the {@code Regularizer}'s formula, so the same bits as adding it to the gradient
   * first): the rules that override this fold the penalty into their one pass over the range,
   * which saves a pass that reads the weights and rewrites the gradient (about 8 µs of a
   * 300-µs 784-64-10 step). This default adds it to {@code grad} in place, then updates.
   *
   * @param params parameters, updated in place
   * @param grad gradient of the data term (modified only by this default)
   * @param l2 λ₂
   * @param learningRate step size
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  default void updateWithL2(double[] params, double[] grad, double l2, double learningRate,
      int from, int to) {
    for (int i = from; i < to; i++) {
      grad[i] += l2 * params[i];
    }
    update(params, grad, learningRate, from, to);
  }

  /**
   * Whether {@link #updateWithL2} leaves {@code grad} as it was (the rules that override it fold
   * the penalty into their pass), which the eager step on sparse rows needs to clear the
   * gradient at the batch's columns alone ({@code GradientStep}); false for the default.
   *
   * @return whether {@code updateWithL2} never writes the gradient
   */
  default boolean keepsGradientWithL2() {
    return false;
  }

  /**
   * Sets the parameters in {@code [from, to)}, and this optimizer's state for them, to exactly
   * zero where they have decayed below {@link Underflow}'s bounds, so that no later step computes
   * with subnormal numbers. The trainer calls it every {@link Underflow#INTERVAL} steps, after
   * {@link #update}, over the same disjoint ranges. The default flushes the parameters only,
   * which is all a rule without decaying state (AdaGrad's sums only grow) needs.
   *
   * @param params parameters, changed in place
   * @param from first index, inclusive
   * @param to last index, exclusive
   */
  default void flushNegligible(double[] params, int from, int to) {
    Underflow.flush(params, from, to, Underflow.NEGLIGIBLE);
  }

  /** Forgets all accumulated state (velocities, moments, step count). */
  void reset();

  /**
   * The per-parameter state (velocities, moments, sums of squares): arrays as long as the
   * parameters and indexed like them, held live. A caller that reorders the parameters in place
   * (the first layer's two-block layout during an epoch, {@code FirstLayerLayout.toSplitLayout})
   * reorders these the same way, so that each state value stays with its parameter.
   *
   * @return the state arrays (none for a rule without per-parameter state)
   */
  double[][] perParameterState();

  /** An independent copy, state included. */
  Optimizer copy();
}
