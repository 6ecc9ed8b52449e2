package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropout masks: every entry is 0 or 1/(1−p), the dropped fraction is p within binomial error,
 * so that the masked activations keep their expectation (inverted dropout); the same stream gives
 * the same masks, one 64-bit value per batch, exactly the draws of version 1.0; p = 0 is the
 * identity and takes nothing from the stream; training passes apply the masks and passes without
 * the dropout are untouched by it.
 */
class DropoutTest {

  private static final int ROWS = 64;

  private static Network network(int inputs, String hidden, int outputs) {
    return new Network(inputs, LayerSpec.parse(hidden, Activation.RELU), outputs,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
  }

  /** The mask of hidden layer {@code l} over its first {@code n} entries. */
  private static double[] mask(Dropout d, int l, int n) {
    double[] m = new double[n];
    Arrays.fill(m, 1);
    d.multiplyByMask(l, m, 0, n);
    return m;
  }

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(doubles = {0.05, 0.3, 0.5, 0.9})
  void masksDropTheirProbabilityAndScaleTheRest(double p) {
    Network net = network(5, "101,37", 3);
    Dropout d = new Dropout(net, ROWS, p, new Well19937c(17));
    long dropped = 0;
    long total = 0;
    for (int b = 0; b < 50; b++) {
      int rows = ROWS - b % 3;
      d.drawMasks(rows);
      for (int l = 0; l < 2; l++) {
        int n = rows * net.size(l + 1); // odd counts exercise the last single draw
        for (double v : mask(d, l, n)) {
          assertTrue(v == 0 || v == 1 / (1 - p), "mask value " + v);
          dropped += v == 0 ? 1 : 0;
        }
        total += n;
      }
    }
    double sd = Math.sqrt(p * (1 - p) / total);
    assertEquals(p, (double) dropped / total, 5 * sd, "dropped fraction of " + total);
  }

  @Test
  void sameStreamGivesSameMasksWithOneDrawPerBatch() {
    Network net = network(4, "9,5", 2);
    RandomGenerator[] rngs = {new Well19937c(42), new Well19937c(42)};
    Dropout[] ds = {new Dropout(net, 7, 0.3, rngs[0]), new Dropout(net, 7, 0.3, rngs[1])};
    for (int b = 0; b < 3; b++) {
      for (Dropout d : ds) {
        d.drawMasks(7 - b);
      }
      for (int l = 0; l < 2; l++) {
        int n = (7 - b) * net.size(l + 1);
        assertArrayEquals(mask(ds[0], l, n), mask(ds[1], l, n));
      }
    }
    RandomGenerator fresh = new Well19937c(42);
    for (int b = 0; b < 3; b++) {
      fresh.nextLong();
    }
    assertEquals(fresh.nextLong(), rngs[0].nextLong(), "one nextLong() per batch");
  }

  /**
   * The masks of the first two batches for seed 42 and p = 0.3 (1 = kept), as version 1.0 drew
   * them: the trained models depend on these exact draws.
   */
  @Test
  void drawsTheMasksOfVersion1() {
    Network net = network(4, "9,5", 2);
    Well19937c rng = new Well19937c(42);
    Dropout d = new Dropout(net, 7, 0.3, rng);
    StringBuilder sb = new StringBuilder();
    for (int b = 0; b < 2; b++) {
      d.drawMasks(7 - b);
      for (int l = 0; l < 2; l++) {
        for (double v : mask(d, l, (7 - b) * net.size(l + 1))) {
          sb.append(v == 0 ? '0' : '1');
        }
        sb.append('|');
      }
    }
    assertEquals("101001011100110111101111001110011110111100110111101110101111110"
        + "|01111011111010010011111111111010101"
        + "|011111001101011111110101100111100111111110111010111011"
        + "|111001111011110010101011101101|", sb.toString());
    assertEquals(-1809573438813050863L, rng.nextLong());
  }

  @Test
  void offIsTheIdentityAndTakesNothingFromTheStream() {
    Network net = network(4, "6,5", 3);
    Problem plain = new Problem(net, 8);
    Problem off = new Problem(net, 8);
    Well19937c rng = new Well19937c(9);
    Dropout d = new Dropout(net, 8, 0, rng);
    assertFalse(d.isActive());
    d.drawMasks(8);
    assertEquals(new Well19937c(9).nextLong(), rng.nextLong());
    double[] g0 = new double[net.numParameters()];
    double[] g1 = new double[net.numParameters()];
    net.forward(plain.ws, 0, 8);
    double l0 = net.backward(plain.ws, 0, 8, 8, g0);
    net.forward(off.ws, 0, 8, null, d);
    double l1 = net.backward(off.ws, 0, 8, 8, g1, null, d);
    assertEquals(l0, l1);
    assertArrayEquals(plain.ws.activations(2), off.ws.activations(2));
    assertArrayEquals(g0, g1);
  }

  @Test
  void trainingPassesApplyMasksAndOtherPassesAreUntouched() {
    Network net = network(4, "6,5", 3);
    Problem p = new Problem(net, 8);
    Dropout d = new Dropout(net, 8, 0.5, new Well19937c(3));
    d.drawMasks(8);
    double[] before = p.outputs(null);
    double[] dropped = p.outputs(d);
    // hidden activations are f(z)·mask: dropped units are 0, kept ones doubled
    for (int l = 0; l < 2; l++) {
      int n = 8 * net.size(l + 1);
      double[] m = mask(d, l, n);
      double[] z = p.ws.preActivations(l);
      double[] a = p.ws.activations(l + 1);
      for (int i = 0; i < n; i++) {
        assertEquals(Math.max(z[i], 0) * m[i], a[i], "layer " + l + " unit " + i);
      }
    }
    assertFalse(Arrays.equals(before, dropped), "masks had no effect");
    assertArrayEquals(before, p.outputs(null), "a pass without the dropout ignores it");
  }

  @Test
  void fixedMasksAreCopiedAppliedToEveryPassAndNeverDrawn() {
    Network net = network(3, "4", 2);
    double[][] masks = {{0, 2, 2, 0, 2, 0, 0, 2}};
    Dropout d = Dropout.withMasks(net, masks);
    masks[0][1] = 0;
    assertTrue(d.isActive());
    assertEquals(2.0, mask(d, 0, 8)[1]);
    assertThrows(IllegalStateException.class, () -> d.drawMasks(2));
    Problem p = new Problem(net, 2);
    assertArrayEquals(p.outputs(d), p.outputs(d));
    assertThrows(IllegalStateException.class, () -> net.forward(new Workspace(net, 3, true), 0,
        3, null, d), "masks for 2 rows, pass over 3");
  }

  @Test
  void aPassNeedsMasksForItsRows() {
    Network net = network(3, "4", 2);
    Problem p = new Problem(net, 6);
    Dropout d = new Dropout(net, 6, 0.3, new Well19937c(1));
    assertThrows(IllegalStateException.class, () -> p.outputs(d), "nothing drawn yet");
    d.drawMasks(4);
    net.forward(p.ws, 0, 4, null, d);
    assertThrows(IllegalStateException.class, () -> p.outputs(d));
    assertThrows(IllegalArgumentException.class, () -> d.drawMasks(7));
    assertThrows(IllegalArgumentException.class,
        () -> new Dropout(net, 6, 1, new Well19937c(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new Dropout(net, 6, -0.1, new Well19937c(1)));
  }

  /** A network with random parameters and a workspace holding random inputs and targets. */
  private static final class Problem {
    final Network net;
    final Workspace ws;
    final int rows;

    Problem(Network net, int rows) {
      this.net = net;
      this.rows = rows;
      this.ws = new Workspace(net, rows, true);
      Random rnd = new Random(rows);
      double[] theta = net.parameters();
      for (int i = 0; i < theta.length; i++) {
        theta[i] = 0.5 * rnd.nextGaussian();
      }
      double[] x = ws.activations(0);
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian();
      }
      for (int r = 0; r < rows; r++) {
        ws.targets()[r * net.outputs() + rnd.nextInt(net.outputs())] = 1;
        ws.weights()[r] = 1;
      }
    }

    /** A copy of the outputs of a forward pass over all rows, with the given dropout or none. */
    double[] outputs(Dropout d) {
      net.forward(ws, 0, rows, null, d);
      return ws.activations(net.numLayers()).clone();
    }
  }
}
