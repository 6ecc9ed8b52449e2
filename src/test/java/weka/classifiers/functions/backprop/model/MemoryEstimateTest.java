package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The memory estimate against bytes counted by hand: five copies of the parameters, four values
 * per hidden or output unit and mini-batch row and one per input (none for sparse inputs), 8
 * bytes each.
 */
class MemoryEstimateTest {

  @Test
  void oneHiddenLayer() {
    // 4-8-3: 8·(4+1) + 3·(8+1) = 67 parameters; 4 inputs, 8 + 3 = 11 other units
    LayerSpec eight = LayerSpec.parse("8", Activation.RELU);
    MemoryEstimate e = MemoryEstimate.forTraining(4, eight, 3, 10, false);
    assertEquals(67, e.parameters());
    assertEquals(67 * 8 * 5 + 8 * 10 * (4 + 4 * 11), e.bytes());
    assertEquals(6520, e.bytes());
    // sparse inputs: no dense input rows
    assertEquals(6520 - 8 * 10 * 4, MemoryEstimate.forTraining(4, eight, 3, 10, true).bytes());
  }

  @Test
  void twoHiddenLayers() {
    // 10-20-5-1: 20·11 + 5·21 + 1·6 = 331 parameters; 36 units; 32-row batches
    MemoryEstimate e =
        MemoryEstimate.forTraining(10, LayerSpec.parse("20,5:TANH", Activation.RELU), 1, 32,
            false);
    assertEquals(331, e.parameters());
    assertEquals(13240 + 8 * 32 * (10 + 4 * 26), e.bytes());
  }

  @Test
  void noHiddenLayerAndAnEmptyBatchCountAsOneRow() {
    // 3-2: 2·4 = 8 parameters; 3 inputs, 2 outputs; a batch of 0 rows is counted as 1
    MemoryEstimate e =
        MemoryEstimate.forTraining(3, LayerSpec.parse("", Activation.RELU), 2, 0, false);
    assertEquals(8, e.parameters());
    assertEquals(320 + 8 * (3 + 4 * 2), e.bytes());
    assertEquals(e.bytes(),
        MemoryEstimate.forTraining(3, LayerSpec.parse("", Activation.RELU), 2, 1, false).bytes());
  }

  @Test
  void theParameterCountIsTheNetworks() {
    LayerSpec layers = LayerSpec.parse("7,5", Activation.RELU);
    Network net = new Network(6, layers, 4, new OutputLayer(OutputActivation.SOFTMAX,
        Loss.CROSS_ENTROPY, 0));
    assertEquals(net.numParameters(),
        MemoryEstimate.forTraining(6, layers, 4, 8, false).parameters());
    assertEquals(MemoryEstimate.forTraining(6, layers, 4, 8, false).bytes(),
        MemoryEstimate.forRun(net, 8));
  }

  @Test
  void aHugeNetworkDoesNotOverflow() {
    // 100000-100000-100000-10: about 2e10 parameters, more than an int holds
    MemoryEstimate e = MemoryEstimate.forTraining(
        100_000, LayerSpec.parse("100000,100000", Activation.RELU), 10, 32, false);
    long params = 100_000L * 100_001 + 100_000L * 100_001 + 10L * 100_001;
    assertEquals(params, e.parameters());
    // the inputs, and the second halves' sums of both hidden layers (input cut, unit cut)
    assertEquals(params * 40 + 8L * 32 * (3 * 100_000 + 4 * 200_010), e.bytes());
  }

  /**
   * The buffers of halved sums: 784 dense inputs cut in two (the first hidden layer's second
   * half), a 256 × 256 layer cut by units (the first hidden layer's again); with sparse inputs
   * only the latter. {@link MemoryEstimate#forRun} counts the same as {@code forTraining}.
   */
  @Test
  void halvedSumsCountOneValuePerUnitAndRow() {
    LayerSpec layers = LayerSpec.parse("256,256", Activation.RELU);
    Network net = new Network(784, layers, 10, new OutputLayer(OutputActivation.SOFTMAX,
        Loss.CROSS_ENTROPY, 0));
    long params = net.numParameters();
    MemoryEstimate dense = MemoryEstimate.forTraining(784, layers, 10, 32, false);
    assertEquals(params * 40 + 8L * 32 * (784 + 256 + 256 + 4 * 522), dense.bytes());
    assertEquals(dense.bytes(), MemoryEstimate.forRun(net, 32));
    assertEquals(params * 40 + 8L * 32 * (256 + 4 * 522),
        MemoryEstimate.forTraining(784, layers, 10, 32, true).bytes());
  }
}
