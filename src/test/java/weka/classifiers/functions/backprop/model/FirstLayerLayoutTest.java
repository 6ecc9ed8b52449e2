package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.TestData;

/**
 * What {@link FirstLayerLayout} is responsible for: where a first layer is cut into input
 * halves, the two layouts a training epoch switches its weights to (two blocks, by input) and
 * back to the very same bits, and the network's refusal of whatever reads the weights row-major
 * meanwhile; a network read back from its serialized form has a row-major layout of its own.
 */
class FirstLayerLayoutTest {

  private static final OutputLayer SOFTMAX_CE =
      new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0);

  /**
   * The first layer's cut ({@link FirstLayerLayout#inputSplit}): none under 256 inputs, else about
   * the middle on a multiple of 8; and its two-block layout: unit j's weight of input p moves to
   * {@code j·h + p} or {@code units·h + j·(in − h) + p − h}, in the parameters and in every
   * companion array, and back to the very same arrays; copying, transposing and serializing
   * are refused meanwhile, as is cutting a first layer that has no cut.
   */
  @Test
  void splitLayoutMovesEachWeightToItsBlockAndBack() {
    assertEquals(0, FirstLayerLayout.splitPoint(255));
    assertEquals(128, FirstLayerLayout.splitPoint(256));
    assertEquals(392, FirstLayerLayout.splitPoint(784));
    assertEquals(152, FirstLayerLayout.splitPoint(300));
    Network net = new Network(300, LayerSpec.parse("7:TANH", Activation.TANH), 2, SOFTMAX_CE);
    net.initialize(Initializer.AUTO, new Well19937c(4));
    double[] before = net.parameters().clone();
    Random rnd = new Random(8);
    double[] companion = new double[before.length];
    for (int i = 0; i < companion.length; i++) {
      companion[i] = rnd.nextGaussian();
    }
    double[] companionBefore = companion.clone();
    double[] scratch = new double[300 * 7];

    assertEquals(152, net.firstLayer().halfWidth(0));
    assertEquals(148, net.firstLayer().halfWidth(1));
    assertEquals(152, net.firstLayer().halfStart(1));
    assertEquals(net.weightOffset(0) + 7 * 152 + 2 * 148, net.firstLayer().blockRow(1, 2));
    net.firstLayer().toSplitLayout(scratch, companion);

    assertTrue(net.firstLayer().inSplitLayout());
    double[] p = net.parameters();
    int w0 = net.weightOffset(0);
    for (int j = 0; j < 7; j++) {
      for (int q = 0; q < 300; q++) {
        int at = w0 + (q < 152 ? j * 152 + q : 7 * 152 + j * 148 + q - 152);
        assertEquals(before[w0 + j * 300 + q], p[at], 0.0, "weight " + j + "," + q);
        assertEquals(companionBefore[w0 + j * 300 + q], companion[at], 0.0);
      }
    }
    for (int i = net.biasOffset(0); i < p.length; i++) {
      assertEquals(before[i], p[i], 0.0, "parameter " + i + " outside the first layer's weights");
    }
    assertRefusesWhatReadsRowMajor(net, scratch);

    net.firstLayer().toRowMajorLayout(scratch, companion);

    assertFalse(net.firstLayer().inSplitLayout());
    assertArrayEquals(before, net.parameters(), 0.0);
    assertArrayEquals(companionBefore, companion, 0.0);
    Network narrow = new Network(20, LayerSpec.parse("7:TANH", Activation.TANH), 2, SOFTMAX_CE);
    assertThrows(IllegalStateException.class,
        () -> narrow.firstLayer().toSplitLayout(new double[140]));
  }

  /**
   * The first layer stored by input (a training epoch on sparse rows): unit j's weight of input
   * p at {@code weightOffset(0) + p·units + j}, nothing else moved; copies, transposes,
   * serialization, the split layout and dense passes refused meanwhile; back to the same bits.
   */
  @Test
  void inputMajorLayoutTransposesTheFirstLayerAndBack() {
    Network net = new Network(300, LayerSpec.parse("7:TANH,5", Activation.TANH), 2, SOFTMAX_CE);
    net.initialize(Initializer.AUTO, new Well19937c(5));
    double[] before = net.parameters().clone();
    double[] scratch = new double[300 * 7];

    net.firstLayer().toInputMajorLayout(scratch);

    assertTrue(net.firstLayer().inInputMajorLayout());
    double[] p = net.parameters();
    int w0 = net.weightOffset(0);
    for (int j = 0; j < 7; j++) {
      for (int q = 0; q < 300; q++) {
        assertEquals(before[w0 + j * 300 + q], p[w0 + q * 7 + j], 0.0, "weight " + j + "," + q);
      }
    }
    for (int i = net.biasOffset(0); i < p.length; i++) {
      assertEquals(before[i], p[i], 0.0, "parameter " + i + " outside the first layer's weights");
    }
    assertRefusesWhatReadsRowMajor(net, scratch);
    Workspace dense = new Workspace(net, 2, false);
    assertThrows(IllegalStateException.class, () -> net.forward(dense, 0, 2));

    net.firstLayer().toRowMajorLayout(scratch);

    assertFalse(net.firstLayer().inInputMajorLayout());
    assertArrayEquals(before, net.parameters(), 0.0);
  }

  /**
   * A network whose first layer is not row-major refuses copies, transposes, serialization and
   * another layout change.
   */
  private static void assertRefusesWhatReadsRowMajor(Network net, double[] scratch) {
    assertThrows(IllegalStateException.class, net::copy);
    assertThrows(IllegalStateException.class, net::transposedWeights);
    assertThrows(IllegalStateException.class, () -> TestData.serialized(net));
    assertThrows(IllegalStateException.class, () -> net.firstLayer().toSplitLayout(scratch));
    assertThrows(IllegalStateException.class, () -> net.firstLayer().toInputMajorLayout(scratch));
  }

  /**
   * The layout is not part of the saved model: a network read back is row-major, with a layout
   * over its own parameters that can switch to two blocks and back.
   */
  @Test
  void aNetworkReadBackHasARowMajorLayoutOverItsOwnParameters() throws Exception {
    Network net = new Network(300, LayerSpec.parse("7:TANH", Activation.TANH), 2, SOFTMAX_CE);
    net.initialize(Initializer.AUTO, new Well19937c(6));
    Network read = TestData.roundTrip(net);
    FirstLayerLayout layout = read.firstLayer();
    assertFalse(layout.inSplitLayout());
    assertFalse(layout.inInputMajorLayout());
    assertEquals(net.firstLayer().blockRow(1, 2), layout.blockRow(1, 2));
    double[] before = read.parameters().clone();
    layout.toSplitLayout(new double[300 * 7]);
    assertEquals(before[read.weightOffset(0) + 300 + 152], read.parameters()[layout.blockRow(1, 1)],
        0.0);
    layout.toRowMajorLayout(new double[300 * 7]);
    assertArrayEquals(before, read.parameters(), 0.0);
  }
}
