package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backpropmlp.FittedModel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * Bad data, absurd options, divergence, interruption, concurrency and persistence: every refusal
 * is an exception whose message names the problem; nothing hangs, leaks threads or predicts NaN.
 */
class BackpropMLPReliabilityTest {

  private static BackpropMLP quick(String... extra) throws Exception {
    BackpropMLP m = new BackpropMLP();
    List<String> o = new ArrayList<>(List.of(extra));
    for (String[] d : new String[][] {{"-epochs", "5"}, {"-hidden", "8"}}) {
      if (!o.contains(d[0])) {
        o.addAll(List.of(d));
      }
    }
    m.setOptions(o.toArray(new String[0]));
    return m;
  }

  private static Instances numericData(int n, double... special) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("a"));
    atts.add(new Attribute("b"));
    ArrayList<String> cls = new ArrayList<>(List.of("x", "y"));
    atts.add(new Attribute("class", cls));
    Instances d = new Instances("synthetic", atts, n);
    d.setClassIndex(2);
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < n; i++) {
      double a = i < special.length ? special[i] : r.nextGaussian();
      d.add(new DenseInstance(1, new double[] {a, r.nextGaussian(), r.nextInt(2)}));
    }
    return d;
  }

  private static void assertMessage(Exception e, String... parts) {
    assertNotNull(e.getMessage());
    for (String p : parts) {
      assertTrue(e.getMessage().toLowerCase().contains(p.toLowerCase()),
          "message '" + e.getMessage() + "' should mention '" + p + "'");
    }
  }

  @Test
  void emptyDataInitializesForRowByRowTrainingAndPredictsFinitely() throws Exception {
    Instances empty = numericData(0);
    BackpropMLP m = quick();
    m.buildClassifier(empty);
    assertDistribution(m.distributionForInstance(numericData(1).instance(0)));
    assertTrue(m.toString().contains("Built from a header without rows, for training row by row"
        + " (UpdateableClassifier): no row trained on yet"), m.toString());
  }

  @Test
  void allClassValuesMissingIsRefused() throws Exception {
    Instances d = numericData(20);
    for (Instance i : d) {
      i.setClassMissing();
    }
    Exception e = assertThrows(Exception.class, () -> quick().buildClassifier(d));
    assertMessage(e, "class");
  }

  @Test
  void unaryClassIsRefusedByCapabilities() throws Exception {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("a"));
    atts.add(new Attribute("class", new ArrayList<>(List.of("only"))));
    Instances d = new Instances("unary", atts, 3);
    d.setClassIndex(1);
    for (int i = 0; i < 3; i++) {
      d.add(new DenseInstance(1, new double[] {i, 0}));
    }
    Exception e = assertThrows(Exception.class, () -> quick().buildClassifier(d));
    assertTrue(e instanceof weka.core.UnsupportedClassTypeException, e.toString());
    assertMessage(e, "the class attribute 'class' has a single value ('only')", "unary class");
  }

  @Test
  void allWeightsZeroIsRefused() throws Exception {
    Instances d = numericData(10);
    for (Instance i : d) {
      i.setWeight(0);
    }
    Exception e = assertThrows(Exception.class, () -> quick().buildClassifier(d));
    assertMessage(e, "weights are zero");
  }

  @Test
  void singleInstanceTrainsAndPredictsThatClass() throws Exception {
    Instances d = numericData(1);
    BackpropMLP m = quick("-epochs", "50");
    m.buildClassifier(d);
    double[] p = m.distributionForInstance(d.instance(0));
    assertEquals(d.instance(0).classValue(), m.classifyInstance(d.instance(0)));
    assertEquals(1, p[0] + p[1], 1e-9);
  }

  @Test
  void infiniteTrainingValueIsRefusedWithTheAttributeName() throws Exception {
    Exception e = assertThrows(Exception.class,
        () -> quick().buildClassifier(numericData(10, 1, Double.POSITIVE_INFINITY)));
    assertMessage(e, "'a'", "infinite");
  }

  @Test
  void hugeConstantAndEntirelyMissingAttributesGiveFinitePredictions() throws Exception {
    Instances d = numericData(30, 1e300, -1e300, 1e308, -1.7e308);
    d.insertAttributeAt(new Attribute("constant"), 0);
    d.insertAttributeAt(new Attribute("missing"), 0);
    for (Instance i : d) {
      i.setValue(1, 5.0);
      i.setMissing(0);
    }
    BackpropMLP m = quick();
    m.buildClassifier(d);
    Instance probe = (Instance) d.instance(0).copy();
    probe.setValue(2, Double.POSITIVE_INFINITY); // non-finite at prediction: treated as missing
    for (Instance i : List.of(d.instance(0), d.instance(3), probe)) {
      assertDistribution(m.distributionForInstance(i));
    }
  }

  @Test
  void manyNominalValuesAndAThousandClasses() throws Exception {
    ArrayList<String> values = new ArrayList<>();
    for (int v = 0; v < 1000; v++) {
      values.add("v" + v);
    }
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("nom", new ArrayList<>(values.subList(0, 300))));
    atts.add(new Attribute("num"));
    atts.add(new Attribute("class", values));
    Instances d = new Instances("wide", atts, 2000);
    d.setClassIndex(2);
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 2000; i++) {
      d.add(new DenseInstance(1, new double[] {r.nextInt(300), r.nextGaussian(), r.nextInt(1000)}));
    }
    BackpropMLP m = quick("-epochs", "2");
    m.buildClassifier(d);
    double[] p = m.distributionForInstance(d.instance(0));
    assertEquals(1000, p.length);
    assertDistribution(p);
  }

  @Test
  void mismatchedTestHeaderIsRefused() throws Exception {
    BackpropMLP m = quick();
    m.buildClassifier(TestData.load("iris"));
    Instances other = TestData.load("diabetes");
    Exception e = assertThrows(Exception.class, () -> m.distributionForInstance(other.instance(0)));
    assertMessage(e, "training header");
    Instances renamed = TestData.load("iris");
    renamed.renameAttribute(0, "sepal");
    e = assertThrows(Exception.class, () -> m.distributionsForInstances(renamed));
    assertMessage(e, "training header");
    // the class's labels may differ in a prediction (MultiClassClassifier renames them), not in
    // rows to train on
    Instances relabelled = TestData.load("iris");
    relabelled.renameAttributeValue(relabelled.classAttribute(), "Iris-setosa", "Setosa");
    assertArrayEquals(m.distributionsForInstances(TestData.load("iris")),
        m.distributionsForInstances(relabelled));
    e = assertThrows(Exception.class, () -> m.updateClassifier(relabelled.instance(0)));
    assertMessage(e, "training header");
  }

  @Test
  void stringAttributesAreRefusedByCapabilities() throws Exception {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("text", (List<String>) null));
    atts.add(new Attribute("class", new ArrayList<>(List.of("a", "b"))));
    Instances d = new Instances("strings", atts, 2);
    d.setClassIndex(1);
    Exception e = assertThrows(Exception.class, () -> quick().buildClassifier(d));
    assertTrue(e instanceof weka.core.UnsupportedAttributeTypeException, e.toString());
    assertMessage(e, "attribute 'text' is a string attribute", "StringToWordVector",
        "FilteredClassifier");
  }

  @Test
  void networkTooLargeForTheHeapIsRefusedBeforeAllocation() throws Exception {
    BackpropMLP m = quick("-hidden", "200000,200000");
    Exception e = assertThrows(Exception.class, () -> m.buildClassifier(TestData.load("iris")));
    assertMessage(e, "parameters", "MB", "heap", "-Xmx");
  }

  /**
   * Rows given to a model built in batch, whose mini-batch buffers would not fit the heap, are
   * refused with the figures and the model kept (a NegativeArraySizeException had come from the
   * workspace's size).
   */
  @Test
  void rowsForABatchModelWhoseBuffersDoNotFitAreRefused() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m =
        quick("-mini-batch", "1073741824", "-reservoir", "1073741824", "-epochs", "1");
    m.buildClassifier(iris);
    double[] before = m.distributionForInstance(iris.instance(0));
    Exception e = assertThrows(IllegalStateException.class,
        () -> m.updateClassifier(iris.instance(0)));
    assertMessage(e, "training this model row by row needs about", "-mini-batch", "-Xmx");
    assertArrayEquals(before, m.distributionForInstance(iris.instance(0)), 0.0);
  }

  /**
   * SGD at 1e6 overflows; Adam at 1e10 keeps every number finite, and its first epoch's loss
   * (about 1e20 against 1.2 at the start) is what reports it.
   */
  @ParameterizedTest(name = "{0} at {1} on {2}")
  @CsvSource({"SGD, 1e6, cpu", "ADAM, 1e10, iris"})
  void divergenceStopsWithAdviceAndKeepsNoModel(String optimizer, String lr, String set)
      throws Exception {
    BackpropMLP m = quick("-optimizer", optimizer, "-lr", lr, "-epochs", "50");
    Exception e = assertThrows(Exception.class, () -> m.buildClassifier(TestData.load(set)));
    assertMessage(e, "diverged", "epoch", "-lr", "-clip");
    assertThrows(Exception.class, () -> m.classifyInstance(TestData.load(set).instance(0)));
  }

  /**
   * A step that throws the weights to about 1e300 as an epoch's or a stream's last: the losses,
   * measured before each step, stayed finite, and the model had predicted ±∞ unremarked.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"batch", "stream"})
  void aLastStepThatThrowsTheWeightsFarIsDivergence(String route) throws Exception {
    Instances cpu = TestData.load("cpu");
    BackpropMLP m = quick("-lr", "1e300", "-mini-batch", "1000", "-l2", "0", "-epochs", "1",
        "-reservoir", "0");
    Exception e = assertThrows(Exception.class, () -> {
      if (route.equals("batch")) {
        m.buildClassifier(cpu);
        return;
      }
      m.buildClassifier(new Instances(cpu, 0));
      for (Instance row : cpu) {
        m.updateClassifier(row);
      }
      m.batchFinished();
    });
    assertMessage(e, "diverged", "the weights overflowed", "-lr");
  }

  /**
   * The same Adam at 1e10, row by row through {@code updateClassifier}: a step's loss thousands
   * of times that of uninformed outputs stops the stream (it used to leave a model that called
   * every iris one class, or predicted cpu's performance as numbers near 1e20), with the advice
   * and no model kept.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"iris, same probability", "cpu, predicting the mean"})
  void aStreamThatDivergesStopsWithAdviceAndKeepsNoModel(String set, String reference)
      throws Exception {
    Instances data = TestData.load(set);
    data.randomize(new Random(1));
    BackpropMLP m = quick("-optimizer", "ADAM", "-lr", "1e10");
    m.buildClassifier(new Instances(data, 0));
    Exception e = assertThrows(Exception.class, () -> {
      for (int i = 0; i < data.numInstances(); i++) {
        m.updateClassifier(data.instance(i));
      }
    });
    assertMessage(e, "diverged in a streaming update", reference, "-lr", "-clip");
    assertThrows(Exception.class, () -> m.classifyInstance(data.instance(0)));
  }

  @Test
  void interruptionStopsTrainingPromptlyAndLeavesNoThreads() throws Exception {
    Instances data = TestData.load("segment-challenge");
    BackpropMLP m = quick("-epochs", "100000", "-hidden", "256,256", "-threads", "2");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        m.buildClassifier(data);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    Thread.sleep(500);
    long before = System.nanoTime();
    t.interrupt();
    t.join(5000);
    assertTrue(!t.isAlive(), "training did not stop within 5 s of the interrupt");
    assertTrue((System.nanoTime() - before) / 1e9 < 5);
    assertTrue(thrown.get() instanceof InterruptedException, "got " + thrown.get());
    assertMessage((Exception) thrown.get(), "interrupted");
    assertEquals(0, workerThreads(), "worker threads left running");
  }

  /**
   * A stream whose thread is interrupted keeps its model: the row passed is refused before it
   * changes anything, prediction still works, and once the flag is cleared the stream goes on
   * from that row to the model of an uninterrupted stream, bit for bit (the streamed network,
   * then the stream's end). Interrupted at the row that fills the first mini-batch (64 rows),
   * a mini-batch used to throw after its row had joined the buffer, and the whole model was
   * thrown away.
   */
  @Test
  void anInterruptedStreamKeepsItsModelAndGoesOnAsIfUninterrupted() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP reference = quick("-threads", "2");
    reference.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < data.numInstances(); i++) {
      reference.updateClassifier(data.instance(i));
    }
    double[][] streamed = reference.distributionsForInstances(data);
    reference.batchFinished();

    BackpropMLP m = quick("-threads", "2");
    m.buildClassifier(new Instances(data, 0));
    int i = 0;
    for (int interruptAt : new int[] {63, 200}) {
      for (; i < interruptAt; i++) {
        m.updateClassifier(data.instance(i));
      }
      Thread.currentThread().interrupt();
      Exception e;
      try {
        e = assertThrows(InterruptedException.class, () -> m.updateClassifier(data.instance(
            interruptAt)));
      } finally {
        Thread.interrupted(); // clear the flag for the rest of this test and the next ones
      }
      assertMessage(e, "interrupted after " + interruptAt + " rows", "not taken");
      assertDistribution(m.distributionForInstance(data.instance(0)));
    }
    for (; i < data.numInstances(); i++) { // row 200 again: it was not taken
      m.updateClassifier(data.instance(i));
    }
    assertArrayEquals(streamed, m.distributionsForInstances(data));
    Thread.currentThread().interrupt(); // the stream's end, interrupted before it begins
    Exception e;
    try {
      e = assertThrows(InterruptedException.class, m::batchFinished);
    } finally {
      Thread.interrupted();
    }
    assertMessage(e, "stream's end was interrupted before it began", "call again");
    assertArrayEquals(streamed, m.distributionsForInstances(data));
    m.batchFinished();
    assertArrayEquals(reference.distributionsForInstances(data), m.distributionsForInstances(data));
  }

  /**
   * An interrupt noticed before an epoch of {@code next()} starts keeps the model, and the epochs
   * go on to the uninterrupted run's model once the flag is cleared; a {@code buildClassifier}
   * interrupted so (before its first epoch) still keeps no model, since it did not finish it.
   */
  @Test
  void anIterativeRunInterruptedBetweenEpochsKeepsItsModelAndGoesOn() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP reference = quick("-epochs", "4");
    reference.initializeClassifier(data);
    while (reference.next()) {
      // every epoch
    }
    reference.done();

    BackpropMLP m = quick("-epochs", "4");
    m.initializeClassifier(data);
    m.next();
    Thread.currentThread().interrupt();
    Exception e;
    try {
      e = assertThrows(InterruptedException.class, m::next);
    } finally {
      Thread.interrupted(); // clear the flag for the rest of this test and the next ones
    }
    assertMessage(e, "interrupted in epoch 2 after 0 mini-batches");
    assertDistribution(m.distributionForInstance(data.instance(0)));
    while (m.next()) {
      // the remaining epochs
    }
    m.done();
    assertArrayEquals(reference.distributionsForInstances(data), m.distributionsForInstances(data));

    BackpropMLP built = quick("-l2", "0.01");
    Thread.currentThread().interrupt();
    try {
      e = assertThrows(InterruptedException.class, () -> built.buildClassifier(data));
    } finally {
      Thread.interrupted();
    }
    assertMessage(e, "interrupted in epoch 1 after 0 mini-batches");
    assertMessage(assertThrows(IllegalStateException.class,
        () -> built.distributionForInstance(data.instance(0))), "no model has been built");
  }

  @Test
  void noWorkerThreadsSurviveTraining() throws Exception {
    BackpropMLP m = quick("-threads", "4");
    m.buildClassifier(TestData.load("diabetes"));
    m.distributionsForInstances(TestData.load("diabetes"));
    assertEquals(0, workerThreads());
  }

  /**
   * The worker threads still alive once those of closed pools have had up to 5 s to end: a
   * closed pool's workers end on their own, later on a loaded machine (100 ms had not been
   * enough while other builds ran), and a leaked one never does.
   */
  private static long workerThreads() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long alive;
    while ((alive = Thread.getAllStackTraces().keySet().stream()
        .filter(th -> th.getName().startsWith("BackpropMLP-worker") && th.isAlive())
        .count()) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return alive;
  }

  @Test
  void concurrentPredictionEqualsSequential() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP m = quick();
    m.buildClassifier(data);
    int per = 10_000;
    double[][] expected = new double[per][];
    for (int i = 0; i < per; i++) {
      expected[i] = m.distributionForInstance(data.instance(i % data.numInstances()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < per; i++) {
            double[] p = m.distributionForInstance(data.instance(i % data.numInstances()));
            if (!java.util.Arrays.equals(p, expected[i])) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void tamperedModelIsRejectedOnDeserialization() throws Exception {
    BackpropMLP m = quick();
    m.buildClassifier(TestData.load("iris"));
    // the live network, which nothing outside the model reaches but a tamperer
    Field model = BackpropMLP.class.getDeclaredField("model");
    model.setAccessible(true);
    Field network = FittedModel.class.getDeclaredField("network");
    network.setAccessible(true);
    Field params = Network.class.getDeclaredField("params");
    params.setAccessible(true);
    params.set(network.get(model.get(m)), new double[3]);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, m);
    Exception e = assertThrows(Exception.class,
        () -> SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray())));
    Throwable cause = e;
    while (!(cause instanceof InvalidObjectException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertTrue(cause instanceof InvalidObjectException, "got " + e);
    assertTrue(cause.getMessage().contains("parameters"), cause.getMessage());
  }

  @Test
  void retrainingAndCopiesGiveTheSameModel() throws Exception {
    Instances data = TestData.load("glass");
    BackpropMLP m = quick();
    m.buildClassifier(TestData.load("iris"));
    m.buildClassifier(data);
    BackpropMLP fresh = quick();
    fresh.buildClassifier(data);
    assertArrayEquals(fresh.getModelView().parameters(), m.getModelView().parameters(), 0.0);
    Classifier copy = AbstractClassifier.makeCopy(m);
    Classifier[] copies = AbstractClassifier.makeCopies(fresh, 2);
    copies[1].buildClassifier(data);
    for (int i = 0; i < data.numInstances(); i++) {
      assertArrayEquals(m.distributionForInstance(data.instance(i)),
          copies[1].distributionForInstance(data.instance(i)), 0.0);
    }
    assertTrue(copy instanceof BackpropMLP);
  }

  static void assertDistribution(double[] p) {
    double s = 0;
    for (double v : p) {
      assertTrue(Double.isFinite(v) && v >= 0, "bad probability " + v);
      s += v;
    }
    assertEquals(1, s, 1e-9);
  }
}
