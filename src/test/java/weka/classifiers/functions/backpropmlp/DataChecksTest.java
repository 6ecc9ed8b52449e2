package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.train.TrainingHistory;
import weka.classifiers.meta.Bagging;
import weka.core.Capabilities.Capability;
import weka.core.Instances;
import weka.core.UnsupportedClassTypeException;

/**
 * The checks before training that the classifier-level tests do not reach: a {@code
 * -curve-file} that cannot be written is refused before any epoch runs, not after all of them;
 * one written by several copies at once is always one whole curve.
 */
class DataChecksTest {

  @Test
  void anUnwritableCurveFileIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP mlp = new BackpropMLP();
    mlp.setCurveFile(dir.resolve("no-such-folder").resolve("curve.csv").toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertTrue(e.getMessage().startsWith("BackpropMLP: -curve-file (curveFile) ")
        && e.getMessage().contains("no-such-folder does not exist"), e.getMessage());
    mlp.setCurveFile(dir.toString());
    e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertTrue(e.getMessage().contains(": it is a folder"), e.getMessage());
  }

  /** A bad weight in a stream names the row as the stream's other refusals do. */
  @Test
  void aBadWeightInAStreamNamesTheStreamedRow() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.buildClassifier(new Instances(iris, 0));
    m.updateClassifier(iris.instance(0));
    iris.instance(1).setWeight(-1);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> m.updateClassifier(iris.instance(1)));
    assertTrue(e.getMessage().contains("streamed row 2 has weight -1.0; weights must be finite"),
        e.getMessage());
  }

  /** A null argument of a public method is refused naming what is missing, not by an NPE. */
  @Test
  void aNullArgumentIsRefusedByName() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.setMaxEpochs(1);
    assertNullRefused("the training data", () -> m.buildClassifier(null));
    assertNullRefused("the training data", () -> m.initializeClassifier(null));
    m.buildClassifier(iris);
    assertNullRefused("the instance", () -> m.updateClassifier(null));
    assertNullRefused("the instance", () -> m.distributionForInstance(null));
    assertNullRefused("the instance", () -> m.classifyInstance(null));
    assertNullRefused("the instances", () -> m.distributionsForInstances(null));
    assertNullRefused("the model to aggregate", () -> m.aggregate(null));
  }

  private static void assertNullRefused(String what,
      org.junit.jupiter.api.function.Executable call) {
    Exception e = assertThrows(IllegalArgumentException.class, call);
    assertEquals("BackpropMLP: " + what + " is null", e.getMessage());
  }

  /**
   * A NaN, infinite or negative weight is refused naming the row, for a nominal class too, where a
   * NaN had first reached ZeroR's prior ("ZeroR could not be trained: Can't normalize array. Sum
   * is NaN").
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"iris", "cpu"})
  void aBadWeightIsRefusedNamingTheRow(String set) throws Exception {
    for (double w : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
      Instances data = TestData.load(set);
      data.instance(3).setWeight(w);
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> new BackpropMLP().buildClassifier(data));
      assertTrue(e.getMessage().contains("instance 4 has weight " + w
          + "; weights must be finite and >= 0"), e.getMessage());
      data.instance(3).setClassMissing(); // an unlabelled row is skipped, whatever its weight
      BackpropMLP m = new BackpropMLP();
      m.setMaxEpochs(2);
      m.buildClassifier(data);
    }
  }

  @Test
  void aWritableCurveFileIsWrittenAfterTraining(@TempDir Path dir) throws Exception {
    File curve = dir.resolve("curve.csv").toFile();
    assertDoesNotThrow(() -> DataChecks.checkCurveFile(curve.getPath()));
    assertDoesNotThrow(() -> DataChecks.checkCurveFile(""));
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(new String[] {"-epochs", "3", "-curve-file", curve.getPath()});
    mlp.buildClassifier(TestData.load("iris"));
    assertTrue(Files.readAllLines(curve.toPath()).size() == 4, "a header and 3 epochs");
  }

  /**
   * Copies of the classifier that write the same curve file at once (RandomCommittee's members
   * with -num-slots) leave one whole curve, the last writer's, never two interleaved, and no
   * temporary file behind.
   */
  @Test
  void concurrentWritersLeaveOneWholeCurve(@TempDir Path dir) throws Exception {
    File curve = dir.resolve("curve.csv").toFile();
    java.util.List<java.util.concurrent.Callable<Void>> writers = new java.util.ArrayList<>();
    java.util.Set<String> whole = new java.util.HashSet<>();
    for (int t = 0; t < 6; t++) {
      TrainingHistory h = new TrainingHistory(1);
      for (int e = 0; e <= 2000 * (t + 1); e++) { // files of 80-480 KB: many writes each
        h.record(t + e / 1000.0, Double.NaN, Double.NaN, 0.01, new double[] {t});
      }
      File own = dir.resolve("own" + t + ".csv").toFile();
      ModelSummary.writeCurve(h, true, 1, own);
      whole.add(Files.readString(own.toPath()));
      writers.add(() -> {
        for (int i = 0; i < 30; i++) {
          ModelSummary.writeCurve(h, true, 1, curve);
        }
        return null;
      });
    }
    ModelSummary.writeCurve(new TrainingHistory(1), true, 1, curve);
    whole.add(Files.readString(curve.toPath()));
    AtomicInteger torn = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread reader = new Thread(() -> { // what a user opening the file meanwhile would see
      while (writing.get()) {
        try {
          torn.addAndGet(whole.contains(Files.readString(curve.toPath())) ? 0 : 1);
        } catch (java.io.IOException e) {
          torn.incrementAndGet();
        }
      }
    });
    reader.start();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      for (java.util.concurrent.Future<Void> f : pool.invokeAll(writers)) {
        f.get();
      }
    } finally {
      pool.shutdown();
      writing.set(false);
      reader.join();
    }
    assertTrue(whole.contains(Files.readString(curve.toPath())), "one writer's whole curve");
    assertTrue(torn.get() == 0, torn.get() + " reads found a torn or missing curve");
    try (java.util.stream.Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.toString().endsWith(".tmp")));
    }
  }

  /**
   * The curve file keeps the permissions a plain write gives and a symbolic link to it stays a
   * link whose target is rewritten (a temporary file had made it owner-only and replaced links).
   */
  @Test
  void theCurveFileKeepsItsPermissionsAndLinks(@TempDir Path dir) throws Exception {
    TrainingHistory h = new TrainingHistory(1);
    h.record(1, Double.NaN, Double.NaN, 0.01, new double[] {1});
    Path real = dir.resolve("real.csv");
    Files.writeString(real, "old");
    java.util.Set<java.nio.file.attribute.PosixFilePermission> perms =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(real, perms);
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
    ModelSummary.writeCurve(h, true, 1, link.toFile());
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertTrue(Files.readString(real).startsWith("epoch,"), Files.readString(real));
    assertTrue(perms.equals(Files.getPosixFilePermissions(real)),
        "" + Files.getPosixFilePermissions(real));
  }

  /**
   * Data refused before a build begins leave the model built before: a model that predicts iris
   * had been dropped by a refused build on cpu's numeric class.
   */
  @Test
  void refusedDataKeepThePreviousModel() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP mlp = new BackpropMLP();
    mlp.setLoss(LossChoice.CROSS_ENTROPY);
    mlp.setMaxEpochs(2);
    mlp.buildClassifier(iris);
    double[] before = mlp.distributionForInstance(iris.instance(0));
    assertThrows(UnsupportedClassTypeException.class,
        () -> mlp.buildClassifier(TestData.load("cpu")));
    assertArrayEquals(before, mlp.distributionForInstance(iris.instance(0)), 0.0);
  }

  /**
   * A cross-entropy loss takes the numeric and date class out of the capabilities, so that
   * Weka's meta-classifiers refuse such data up front (Bagging had failed part-way), and the
   * build's refusal still names the option.
   */
  @ParameterizedTest
  @EnumSource(LossChoice.class)
  void theCapabilitiesFollowTheLoss(LossChoice loss) throws Exception {
    Instances cpu = TestData.load("cpu");
    BackpropMLP mlp = new BackpropMLP();
    mlp.setLoss(loss);
    boolean numeric = loss != LossChoice.CROSS_ENTROPY && loss != LossChoice.BINARY_CROSS_ENTROPY;
    assertEquals(numeric, mlp.getCapabilities().handles(Capability.NUMERIC_CLASS));
    assertEquals(numeric, mlp.getCapabilities().handles(Capability.DATE_CLASS));
    assertTrue(mlp.getCapabilities().handles(Capability.NOMINAL_CLASS));
    if (numeric) {
      return;
    }
    Bagging bagging = new Bagging();
    bagging.setClassifier(mlp);
    Exception up = assertThrows(Exception.class, () -> bagging.buildClassifier(cpu));
    assertTrue(up.getMessage().contains("Cannot handle numeric class"), up.getMessage());
    Exception e = assertThrows(UnsupportedClassTypeException.class,
        () -> mlp.buildClassifier(new Instances(cpu, 0)));
    assertTrue(e.getMessage().startsWith("-loss (loss): " + loss + " needs a nominal class"),
        e.getMessage());
  }
}
