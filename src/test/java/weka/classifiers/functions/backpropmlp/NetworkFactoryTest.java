package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.core.Instances;

/**
 * The network the options describe: its architecture from -hidden and the loss, the same
 * initial weights for the same seed, and a refusal in the options' words when it is too large.
 */
class NetworkFactoryTest {

  @Test
  void theArchitectureFollowsTheOptionsAndTheClass() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("5:TANH,3");
    Network net = NetworkFactory.create(o, 4, iris, 150);
    assertEquals("4-[5 TANH]-[3 RELU]-3 SOFTMAX + CROSS_ENTROPY", net.toString());
    o.setLoss(LossChoice.BINARY_CROSS_ENTROPY);
    o.setHiddenLayers("none");
    assertTrue(NetworkFactory.create(o, 4, iris, 150).toString().startsWith("4-3 SIGMOID"));
    Instances cpu = TestData.load("cpu");
    o.setLoss(LossChoice.AUTO);
    assertEquals(1, NetworkFactory.create(o, 6, cpu, AutoSettings.UNKNOWN_ROWS).outputs());
  }

  @Test
  void theInitialWeightsDependOnlyOnTheSeed() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP o = new BackpropMLP();
    double[] first = NetworkFactory.create(o, 4, iris, 150).parameters();
    assertArrayEquals(first, NetworkFactory.create(o, 4, iris, 10).parameters(), 0.0);
    o.setSeed(2);
    assertTrue(first[0] != NetworkFactory.create(o, 4, iris, 150).parameters()[0]);
  }

  @Test
  void aLossTheClassCannotTakeIsRefusedNamingTheOption() throws Exception {
    BackpropMLP o = new BackpropMLP();
    o.setLoss(LossChoice.CROSS_ENTROPY);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.create(o, 6, TestData.load("cpu"), 100));
    assertTrue(e.getMessage().startsWith("-loss (loss): CROSS_ENTROPY needs a nominal class"),
        e.getMessage());
  }

  @Test
  void aNetworkBeyondTheHeapIsRefusedBeforeAllocationNamingTheOptions() throws Exception {
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("100000,100000");
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.create(o, 4, TestData.load("iris"), 150));
    String msg = e.getMessage();
    assertTrue(msg.contains("4-[100000 RELU]-[100000 RELU]-3 has 10,000,900,003 parameters"),
        msg);
    assertTrue(msg.contains("-hidden (hiddenLayers)") && msg.contains("-Xmx"), msg);
  }

  @Test
  void dataBeyondTheHeapIsRefusedWithTheFiguresAndTheWaysOut() {
    LayerSpec layers = LayerSpec.parse("100", Activation.RELU);
    // 60,000 rows of 10 targets: 60,000 × (10·8 + 8 + 3·4) bytes = 6,000,000 bytes
    assertEquals(100, MemoryEstimate.bytesPerRow(10));
    assertEquals(376_320_000L, MemoryEstimate.denseCopyBytes(60_000, 784));
    long network = MemoryEstimate.forTraining(784, layers, 10, 100, false).bytes();
    long need = network + 6_000_000L;
    long enough = (long) Math.ceil(need / NetworkFactory.HEAP_BUDGET);
    NetworkFactory.refuseBeyondHeap(784, layers, 10, 100, 60_000, 0, false, enough);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.refuseBeyondHeap(784, layers, 10, 100, 60_000, 0, false,
            enough - 8));
    String msg = e.getMessage();
    assertTrue(msg.startsWith("BackpropMLP: the network 784-[100 RELU]-10 has 79,510 parameters and"
        + " needs about " + NetworkFactory.mb(need) + " MB for training ("
        + NetworkFactory.mb(network) + " MB for the network, 6 MB for the targets and weights of"
        + " 60,000 rows), more than " + NetworkFactory.budget(enough - 8) + ";"), msg);
    assertTrue(msg.contains("larger -Xmx (e.g. -Xmx") && msg.contains("updateClassifier"), msg);
    // -resume with a holdout keeps a sixth copy of the parameters (the last epoch's weights)
    assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.refuseBeyondHeap(784, layers, 10, 100, 60_000, 1, false, enough));
    NetworkFactory.refuseBeyondHeap(784, layers, 10, 100, 60_000, 1, false,
        enough + (long) Math.ceil(79_510 * 8 / NetworkFactory.HEAP_BUDGET));
    assertEquals("the 40 MB it may take (80 % of the 50 MB of heap available)",
        NetworkFactory.budget(50L << 20));
  }

  /**
   * The ways out suit what is too big: row by row is offered only when the rows, not the
   * network, tip the heap over (it holds no data but still the network), and a mini-batch whose
   * activations are most of the need is named instead of the layers.
   */
  @Test
  void theWaysOutNameWhatIsTooBig() {
    LayerSpec wide = LayerSpec.parse("100000,100000", Activation.RELU);
    String streaming = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.refuseBeyondHeap(4, wide, 3, 32, 0, 0, false, 1L << 30))
        .getMessage();
    assertTrue(streaming.contains("needs about 381,724 MB for training, more than the 819 MB it"
        + " may take (80 % of the 1,024 MB of heap available)"), streaming);
    assertTrue(streaming.contains("use smaller -hidden (hiddenLayers) layers or start Java"),
        streaming);
    assertFalse(streaming.contains("row by row"), streaming);
    LayerSpec small = LayerSpec.parse("32", Activation.RELU);
    String batch = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.refuseBeyondHeap(8, small, 3, 100_000_000, 0, 0, false,
            1L << 30))
        .getMessage();
    java.util.regex.Matcher most = java.util.regex.Pattern.compile("use a -mini-batch"
        + " \\(miniBatchSize\\) of at most ([0-9,]+) rows \\(not 100,000,000\\) or start Java"
        + " with a larger -Xmx").matcher(batch);
    assertTrue(most.find(), batch);
    assertFalse(batch.contains("row by row") || batch.contains("-hidden"), batch);
    // the mini-batch advised fits, one row more does not
    int fits = Integer.parseInt(most.group(1).replace(",", ""));
    NetworkFactory.refuseBeyondHeap(8, small, 3, fits, 0, 0, false, 1L << 30);
    assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.refuseBeyondHeap(8, small, 3, fits + 1, 0, 0, false, 1L << 30));
    // a network too big for even one row a step is told to shrink its layers
    LayerSpec huge = LayerSpec.parse("1048576", Activation.RELU);
    String layers = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.refuseBeyondHeap(8, huge, 3, 32, 0, 0, false, 200L << 20))
        .getMessage();
    assertTrue(layers.contains("use smaller -hidden (hiddenLayers) layers"), layers);
  }

  @Test
  void megabytesAreRoundedUp() {
    assertEquals(0, NetworkFactory.mb(0));
    assertEquals(1, NetworkFactory.mb(1));
    assertEquals(1, NetworkFactory.mb(1 << 20));
    assertEquals(359, NetworkFactory.mb(376_320_000L));
  }
}
