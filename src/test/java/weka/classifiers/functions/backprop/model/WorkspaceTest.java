package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropout masks: every entry is 0 or 1/(1−p), the dropped fraction is p within binomial error,
 * so that the masked activations keep their expectation (inverted dropout), and the same
 * generator state gives the same masks.
 */
class WorkspaceTest {

  private static final int ROWS = 64;

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(doubles = {0.05, 0.3, 0.5, 0.9})
  void masksDropTheirProbabilityAndScaleTheRest(double p) {
    Network net = new Network(5, LayerSpec.parse("101,37", Activation.RELU), 3,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    Workspace ws = new Workspace(net, ROWS, true);
    long dropped = 0;
    long total = 0;
    int batches = 50;
    for (int b = 0; b < batches; b++) {
      ws.drawDropoutMasks(net, p, ROWS - b % 3, new Well19937c(b));
      for (int l = 0; l < 2; l++) {
        int n = (ROWS - b % 3) * net.size(l + 1); // odd counts exercise the last single draw
        double[] m = new double[n];
        Arrays.fill(m, 1);
        ws.applyDropout(l, 0, n, m);
        for (double v : m) {
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
  void sameGeneratorStateGivesSameMasks() {
    Network net = new Network(4, LayerSpec.parse("9", Activation.RELU), 2,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    double[][] masks = new double[2][];
    for (int k = 0; k < 2; k++) {
      Workspace ws = new Workspace(net, 7, true);
      ws.drawDropoutMasks(net, 0.3, 7, new Well19937c(42));
      masks[k] = new double[63];
      Arrays.fill(masks[k], 1);
      ws.applyDropout(0, 0, 63, masks[k]);
    }
    assertTrue(Arrays.equals(masks[0], masks[1]));
  }
}
