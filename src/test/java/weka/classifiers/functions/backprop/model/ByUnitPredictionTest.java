package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.kernel.KernelRouteBench;

/**
 * {@link ByUnitPrediction} gives the outputs of {@link Network#forward} bit for bit, on both
 * kernel routes: first layers summed whole and in two input halves (300 inputs), one to three
 * hidden layers of several widths and activations, every output layer, blocks of rows that fill
 * the pure-Java kernel's loop and ragged ones; and it takes the blocks its rule names.
 */
class ByUnitPredictionTest {

  @ParameterizedTest(name = "{0} inputs, hidden \"{1}\", {2} outputs ({3}), {4} rows")
  @CsvSource(delimiter = ';', value = {
      "784; 64; 10; SOFTMAX; 256",
      "300; 64:RELU,32:TANH; 3; SOFTMAX; 203",
      "300; 16; 1; IDENTITY; 256",
      "13; 20:SIGMOID; 2; SIGMOID; 37",
      "7; 5,9,11:GELU; 4; SOFTMAX; 16",
      "40; 100; 1; IDENTITY; 250",
      "257; 127; 26; SOFTMAX; 300"})
  void sameBitsAsTheForwardPass(int inputs, String hidden, int outputs, OutputActivation act,
      int rows) {
    Loss loss = act == OutputActivation.SOFTMAX ? Loss.CROSS_ENTROPY
        : act == OutputActivation.SIGMOID ? Loss.BINARY_CROSS_ENTROPY : Loss.SQUARED_ERROR;
    Network net = new Network(inputs, LayerSpec.parse(hidden, Activation.RELU), outputs,
        new OutputLayer(act, loss, 0));
    net.initialize(Initializer.AUTO, new Well19937c(inputs));
    Random rng = new Random(rows);
    double[] params = net.parameters();
    for (int l = 0; l < net.numLayers(); l++) { // biases of both signs, not the zeros of init
      for (int u = 0; u < net.size(l + 1); u++) {
        params[net.biasOffset(l) + u] = rng.nextGaussian();
      }
    }
    double[] x = new double[rows * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(5) == 0 ? 0.0 : 2 * rng.nextGaussian();
    }
    Runnable check = () -> {
      double[] expected = outputs(net, x, rows, false);
      double[] actual = outputs(net, x, rows, true);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
            "output " + i + ": " + expected[i] + " vs " + actual[i]);
      }
    };
    check.run();
    KernelRouteBench.withPurePath(check);
  }

  /** The outputs of a block, by the forward pass or by unit. */
  private static double[] outputs(Network net, double[] x, int rows, boolean byUnit) {
    Workspace ws = new Workspace(net, rows + 3, false);
    System.arraycopy(x, 0, ws.activations(0), 0, x.length);
    if (byUnit) {
      ByUnitPrediction.forward(net, ws, rows);
    } else {
      net.forward(ws, 0, rows);
    }
    double[] out = new double[rows * net.outputs()];
    System.arraycopy(ws.activations(net.numLayers()), 0, out, 0, out.length);
    return out;
  }

  @Test
  void takesNarrowHiddenLayersOverABlockOnThePureJavaRoute() {
    Network mnist = new Network(784, LayerSpec.parse("64", Activation.RELU), 10,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    Network wide = new Network(784, LayerSpec.parse("256,256", Activation.RELU), 10,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    Network linear = new Network(784, LayerSpec.parse("", Activation.RELU), 10,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    KernelRouteBench.withPurePath(() -> {
      assertTrue(ByUnitPrediction.takes(mnist, 256));
      assertFalse(ByUnitPrediction.takes(mnist, 64), "fewer rows than 1.5 times the units");
      assertFalse(ByUnitPrediction.takes(wide, 256), "units past the narrow products' width");
      assertFalse(ByUnitPrediction.takes(linear, 256), "no hidden layer");
    });
  }
}
