package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.kernel.KernelRouteBench;
import weka.classifiers.functions.backprop.model.ByUnitPrediction;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.spark.SyntheticRows;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Predictions in blocks: the same bits on any number of threads, the same values (to rounding)
 * whatever the block size and one instance at a time, and the block size read from Weka's
 * -batch-size.
 */
class BatchPredictionTest {

  private static FittedModel model;
  private static Instances data;

  @BeforeAll
  static void train() throws Exception {
    data = TestData.load("diabetes");
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("7,5");
    o.setMaxEpochs(3);
    o.setL2("0.01");
    model = fitted(o, data);
  }

  /** @return the model of a whole batch build of {@code d} with options {@code o} */
  private static FittedModel fitted(BackpropMLP o, Instances d) throws Exception {
    TrainingSession s = BatchBuild.fit(o, d, true);
    while (s.hasEpochsToRun()) {
      s.runEpoch();
    }
    s.finishEpochs(false);
    return s.model();
  }

  @Test
  void theThreadsDoNotChangeABit() throws Exception {
    double[][] one = BatchPrediction.distributions(model, data, 50, 1);
    double[][] four = BatchPrediction.distributions(model, data, 50, 4);
    assertEquals(data.numInstances(), one.length);
    for (int i = 0; i < one.length; i++) {
      assertArrayEquals(one[i], four[i], 0.0);
    }
  }

  /**
   * Prediction takes no more threads than the processors (each would only add a workspace) nor
   * than half the free heap holds workspaces for; at least one. A block of 10^7 rows of this
   * model's 8 + 2·(7 + 5 + 2) columns would need 2.9 GB a thread.
   */
  @Test
  void predictionThreadsAreBoundedByProcessorsAndHeap() {
    int cores = Runtime.getRuntime().availableProcessors();
    int small = BatchPrediction.threadsThatFit(model, 256);
    assertTrue(small >= 1 && small <= cores, "" + small);
    long perThread = 10_000_000L * (8 + 2 * (7 + 5 + 2)) * Double.BYTES;
    assertEquals(Math.max(1, Math.min(cores, HeapRoom.available() / 2 / perThread)),
        BatchPrediction.threadsThatFit(model, 10_000_000), 1.0);
  }

  /**
   * One instance on the sparse route allocates no buffers, only its result, as on the dense
   * route: a workspace and two arrays had been made per call (3.2 KB here, 2.2 KB with
   * 5,000 inputs). Counted by the JVM for this thread, after a warm-up; the same predictions.
   */
  @Test
  void oneSparseInstanceAllocatesOnlyItsResult() throws Exception {
    Instances bow = SparseTestData.bow();
    BackpropMLP o = new BackpropMLP();
    o.setMaxEpochs(1);
    o.setL2("0.01");
    FittedModel sparse = fitted(o, bow);
    assertTrue(sparse.encoder().isSparse());
    double[][] batch = BatchPrediction.distributions(sparse, bow, 100, 1);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    int calls = bow.numInstances();
    long bytes = Long.MAX_VALUE;
    // the least round counts, once the JIT has compiled the kernel: run alone, the Vector API
    // route's vectors are objects until C2 compiles its loops (55 KB a call in the first rounds)
    for (int round = 0; round < 30 && bytes / calls >= 400; round++) {
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < calls; i++) {
        assertArrayEquals(batch[i], BatchPrediction.distribution(sparse, bow.instance(i)), 0.0);
      }
      bytes = Math.min(bytes, mx.getThreadAllocatedBytes(tid) - before);
    }
    assertTrue(bytes / calls < 400, bytes / calls + " bytes per call");
  }

  /**
   * A row that stores no value (every input 0, the first class), as a thread's first single
   * prediction on the sparse route, gets the batch prediction: its non-zeros are bounded by 0,
   * which had left the thread's buffers unmade and thrown a NullPointerException (an empty
   * document through StringToWordVector).
   */
  @Test
  void anEmptySparseRowFirstOnItsThreadGetsTheBatchPrediction() throws Exception {
    Instances bow = SparseTestData.bow();
    bow.deleteAttributeAt(bow.attribute("source").index()); // words alone: no one-hot slot
    BackpropMLP o = new BackpropMLP();
    o.setMaxEpochs(1);
    o.setL2("0.01");
    FittedModel sparse = fitted(o, bow);
    assertTrue(sparse.encoder().isSparse());
    Instances empty = new Instances(bow, 1);
    weka.core.SparseInstance row = new weka.core.SparseInstance(1, new double[0], new int[0],
        bow.numAttributes());
    row.setDataset(empty);
    empty.add(row);
    assertEquals(0, empty.instance(0).numValues());
    double[] batch = BatchPrediction.distributions(sparse, empty, 100, 1)[0];
    java.util.concurrent.ExecutorService fresh =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      assertArrayEquals(batch,
          fresh.submit(() -> BatchPrediction.distribution(sparse, empty.instance(0))).get(), 0.0);
    } finally {
      fresh.shutdown();
    }
  }

  @Test
  void blocksAndSingleInstancesAgree() throws Exception {
    double[][] big = BatchPrediction.distributions(model, data, 10_000, 2);
    double[][] small = BatchPrediction.distributions(model, data, 7, 2);
    for (int i = 0; i < big.length; i++) {
      assertEquals(2, big[i].length);
      assertEquals(1, big[i][0] + big[i][1], 1e-12);
      assertArrayEquals(big[i], small[i], 1e-12);
      assertArrayEquals(big[i], BatchPrediction.distribution(model, data.instance(i)), 1e-12);
    }
  }

  /**
   * Single instances predicted from four threads at once, each thread reusing its own one-row
   * workspace ({@link FittedModel#rowWorkspace()}), get the batch prediction's bits: no thread
   * sees another's buffers, and one row goes through the same sums as a block.
   */
  @Test
  void singleInstancesOnSeveralThreadsGetTheBatchBits() throws Exception {
    double[][] batch = BatchPrediction.distributions(model, data, 100, 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[][]>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          double[][] one = new double[data.numInstances()][];
          for (int rep = 0; rep < 5; rep++) {
            for (int i = 0; i < one.length; i++) {
              one[i] = BatchPrediction.distribution(model, data.instance(i));
            }
          }
          return one;
        }));
      }
      for (Future<double[][]> run : runs) {
        double[][] one = run.get();
        for (int i = 0; i < batch.length; i++) {
          assertArrayEquals(batch[i], one[i], 0.0, "instance " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theBlockSizeComesFromWekasBatchSize() {
    assertEquals(100, BatchPrediction.blockRows("100"));
    assertEquals(7, BatchPrediction.blockRows(" 7 "));
    assertEquals(1, BatchPrediction.blockRows("0"));
    assertEquals(BatchPrediction.DEFAULT_BLOCK, BatchPrediction.blockRows("many"));
  }

  /**
   * Dense rows go in blocks of at least the kernel's full row block, as far as its memory bound
   * allows; sparse rows as asked.
   */
  @Test
  void denseRowsGoInBlocksOfAtLeastTheKernelsFullRowBlock() throws Exception {
    assertEquals(256, BatchPrediction.MIN_DENSE_BLOCK);
    assertEquals(256, BatchPrediction.blockRows(model, "100"));
    assertEquals(1000, BatchPrediction.blockRows(model, "1000"));
    Instances text = SparseTestData.bow();
    BackpropMLP o = new BackpropMLP();
    o.setMaxEpochs(1);
    FittedModel sparse = BatchBuild.fit(o, text, true).model();
    assertTrue(sparse.encoder().isSparse());
    assertEquals(100, BatchPrediction.blockRows(sparse, "100"));
    // 3,000 columns forced dense: 4 MB of inputs hold 174 of its rows
    o.setNormalization(Normalization.STANDARDIZE);
    o.setHiddenLayers("2");
    Instances rows = SyntheticRows.header(3000);
    Random rnd = new Random(7);
    for (int i = 0; i < 20; i++) {
      double[] v = new double[3001];
      for (int j = 0; j < 3000; j++) {
        v[j] = rnd.nextGaussian();
      }
      v[3000] = i % 2;
      rows.add(new DenseInstance(1, v));
    }
    FittedModel wide = BatchBuild.fit(o, rows, true).model();
    assertFalse(wide.encoder().isSparse());
    assertEquals(3000, wide.encoder().width());
    assertEquals(174, BatchPrediction.blockRows(wide, "100"));
    assertEquals(250, BatchPrediction.blockRows(wide, "250"));
  }

  /**
   * A block holds as many rows as half the free heap has room for: a 4-100000-3 network (1.6 MB
   * of sums and activations a row) in 120 MB of free heap gets blocks of 37 rows, not the 152 of
   * a 150-row prediction that had run out of memory; never fewer than one row.
   */
  @Test
  void aBlockHoldsTheRowsHalfTheFreeHeapHasRoomFor() {
    long bytesPerRow = (4 + 2 * 100_000 + 2 * 3) * 8L;
    assertEquals(37, BatchPrediction.rowsThatFit(bytesPerRow, 120_000_000L));
    assertEquals(1, BatchPrediction.rowsThatFit(bytesPerRow, 0));
    assertEquals(Integer.MAX_VALUE, BatchPrediction.rowsThatFit(8, Long.MAX_VALUE));
    assertTrue(BatchPrediction.rowsThatFit(model) >= 256, "a small model keeps whole blocks");
  }

  @Test
  void aFallbackModelPredictsTheClassDistribution() throws Exception {
    Instances onlyClass = new Instances(data);
    for (int a = onlyClass.numAttributes() - 2; a >= 0; a--) {
      onlyClass.deleteAttributeAt(a);
    }
    BackpropMLP o = new BackpropMLP();
    FittedModel prior = BatchBuild.fit(o, onlyClass, true).model();
    double[] p = BatchPrediction.distribution(prior, onlyClass.instance(0));
    assertArrayEquals(prior.fallback().distributionForInstance(onlyClass.instance(0)), p, 0.0);
    assertArrayEquals(p, BatchPrediction.distributions(prior, onlyClass, 10, 2)[5], 0.0);
  }

  @Test
  void batchPredictionIsDeclaredOnlyWhileEvaluationsTwoCopiesOfTheDataFit() throws Exception {
    // 768 rows × (9 values · 8 bytes + 48 bytes per instance), twice: 184,320 bytes = 80 % of
    // 230,400
    assertTrue(BatchPrediction.evaluationCopiesFit(model, 230_401));
    assertFalse(BatchPrediction.evaluationCopiesFit(model, 230_000));
    BackpropMLP c = new BackpropMLP();
    assertTrue(c.implementsMoreEfficientBatchPrediction());
    c.setMaxEpochs(1);
    c.buildClassifier(data);
    assertTrue(c.implementsMoreEfficientBatchPrediction());
  }

  /**
   * A value far beyond every training value gets the class the network extrapolates to, as a
   * large one does: ±1.8e308 had encoded as ±∞, summed to NaN in the first layer and predicted
   * a uniform distribution. Dense (iris, standardized by a spread under 1) and sparse (a word
   * column of values under 1, divided by its largest magnitude); one instance and in blocks.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aValueBeyondEveryTrainingValueIsExtrapolatedNotNaN(boolean sparse) throws Exception {
    Instances d = sparse ? SparseTestData.bow() : TestData.load("iris");
    if (sparse) { // word 1's counts, divided by 100: its largest magnitude is under 1
      for (Instance inst : d) {
        inst.setValue(0, inst.value(0) / 100);
      }
    }
    BackpropMLP o = new BackpropMLP();
    o.setMaxEpochs(5);
    FittedModel m = fitted(o, d);
    assertEquals(sparse, m.encoder().isSparse());
    Instances probes = new Instances(d, 0);
    for (double v : new double[] {1e12, 1e120, Double.MAX_VALUE}) {
      for (double sign : new double[] {1, -1}) {
        Instance x = (Instance) d.instance(0).copy();
        x.setValue(0, sign * v);
        probes.add(x);
      }
    }
    double[][] blocks = BatchPrediction.distributions(m, probes, 100, 1);
    for (int i = 0; i < probes.numInstances(); i++) {
      double[] one = BatchPrediction.distribution(m, probes.instance(i));
      assertEquals(1, java.util.Arrays.stream(one).sum(), 1e-12, java.util.Arrays.toString(one));
      assertArrayEquals(one, blocks[i], 1e-12);
    }
    for (int s = 0; s < 2; s++) { // the probes at 1e120 and 1.8e308 both meet the bound
      assertArrayEquals(blocks[2 + s], blocks[4 + s], 0.0);
      assertEquals(argmax(blocks[s]), argmax(blocks[4 + s]), "sign " + s);
    }
  }

  /**
   * Only a row whose outputs come out non-finite has its inputs bounded, so a row's prediction
   * does not depend on the rows predicted with it: a tanh layer keeps a row with 1e308 finite,
   * and bounding the whole block because of another row had changed its class.
   */
  @Test
  void aRowIsPredictedAsAloneWhateverTheRowsBesideIt() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP o = new BackpropMLP();
    o.setOptions(Utils.splitOptions("-hidden 8,4:GELU,2:TANH -epochs 1"));
    FittedModel m = fitted(o, iris);
    Instances probes = new Instances(iris, 0);
    for (double[] v : new double[][] {{4.6, -1e308, 1.5, Double.NaN, 0},
        {5.6, Double.NaN, 3.6, 1e308, 1}, {5.1, 3.5, 1.4, 0.2, 0}}) {
      probes.add(new DenseInstance(1, v));
    }
    double[][] block = BatchPrediction.distributions(m, probes, 100, 1);
    for (int i = 0; i < probes.numInstances(); i++) {
      Instances alone = new Instances(probes, i, 1);
      assertArrayEquals(BatchPrediction.distributions(m, alone, 100, 1)[0], block[i], 0.0);
      assertArrayEquals(BatchPrediction.distribution(m, probes.instance(i)), block[i], 1e-12);
    }
  }

  /**
   * Dense blocks are copied unchecked until one holds a missing or infinite value; such a block
   * is encoded again, checked, and so is every later block. The predictions must be the bits of
   * instances that are always encoded checked, value by value ({@link OtherDenseInstance}), with
   * the hidden activations by unit (16 units) and by row (no hidden layer; 150 units), on 8
   * inputs (diabetes) and on 300 (whose first layer is summed in two input halves), the bad rows
   * in the first block or only in the last.
   */
  @ParameterizedTest(name = "{0} inputs, hidden {1}, bad rows from {2}")
  @CsvSource({"8, 16, 0, true", "8, 16, 600, true", "8, none, 0, false", "8, none, 600, false",
      "8, 150, 0, false", "8, 150, 600, false", "300, 16, 0, true", "300, 16, 600, true",
      "300, 150, 0, false"})
  void missingAndInfiniteValuesGetTheCheckedEncodingsBits(int inputs, String hidden,
      int firstBad, boolean byUnit) throws Exception {
    Instances d = inputs == 8 ? data : wide(inputs, 768);
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers(hidden);
    o.setMaxEpochs(2);
    o.setL2("0.01");
    FittedModel m = fitted(o, d);
    assertEquals(inputs >= 256, m.network().firstLayer().inputSplit() > 0);
    Instances probes = new Instances(d);
    Instances checked = new Instances(d, 0);
    double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < probes.numInstances(); i++) {
      Instance x = probes.instance(i);
      if (i >= firstBad && i % 97 == 5) {
        x.setValue(i % inputs, bad[i % 3]);
      }
      checked.add(new OtherDenseInstance(x.toDoubleArray()));
    }
    KernelRouteBench.withPurePath(() -> { // the route whose narrow layers go by unit
      assertEquals(byUnit, ByUnitPrediction.takes(m.network(), 256));
      try {
        double[][] blocks = BatchPrediction.distributions(m, probes, 256, 1);
        double[][] reference = BatchPrediction.distributions(m, checked, 256, 1);
        for (int i = 0; i < probes.numInstances(); i++) {
          assertArrayEquals(reference[i], blocks[i], 0.0, "row " + i);
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  /**
   * A block workspace kept between calls ({@link BlockWorkspaces}) gives the bits of a new one,
   * though it still holds another call's values: non-finite inputs, another model of the same
   * shape, and rows past a shorter last block (700 rows in blocks of 240, 240 and 220). With the
   * hidden activations by unit and by row, on 8 inputs and on 300 (summed in two halves).
   */
  @ParameterizedTest(name = "{0} inputs, hidden {1}")
  @CsvSource({"8, 16", "8, 150", "300, 16"})
  void aKeptWorkspaceGivesTheBitsOfANewOne(int inputs, String hidden) throws Exception {
    Instances d = inputs == 8 ? new Instances(data, 0, 700) : wide(inputs, 700);
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers(hidden);
    o.setMaxEpochs(2);
    o.setL2("0.01");
    FittedModel m = fitted(o, d);
    o.setSeed(2);
    FittedModel other = fitted(o, d);
    Instances dirty = new Instances(d);
    for (int i = 0; i < dirty.numInstances(); i += 7) {
      dirty.instance(i).setValue(i % inputs, i % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY);
    }
    BlockWorkspaces.clear();
    double[][] reference = BatchPrediction.distributions(m, d, 256, 1);
    BlockWorkspaces.clear();
    Workspace kept = BlockWorkspaces.take(m.network(), 240);
    BlockWorkspaces.giveBack(kept);
    BatchPrediction.distributions(m, dirty, 256, 1);
    BatchPrediction.distributions(other, d, 256, 1);
    double[][] again = BatchPrediction.distributions(m, d, 256, 1);
    for (int i = 0; i < d.numInstances(); i++) {
      assertArrayEquals(reference[i], again[i], 0.0, "row " + i);
    }
    assertSame(kept, BlockWorkspaces.take(m.network(), 240), "the workspace was kept");
  }

  /** {@code rows} rows of {@code inputs} Gaussian inputs, the class the sign of the first's. */
  private static Instances wide(int inputs, int rows) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < inputs; a++) {
      atts.add(new Attribute("x" + a));
    }
    atts.add(new Attribute("class", List.of("neg", "pos")));
    Instances d = new Instances("wide", atts, rows);
    d.setClassIndex(inputs);
    Random rnd = new Random(7);
    for (int r = 0; r < rows; r++) {
      double[] v = new double[inputs + 1];
      for (int a = 0; a < inputs; a++) {
        v[a] = rnd.nextGaussian();
      }
      v[inputs] = v[0] > 0 ? 1 : 0;
      d.add(new DenseInstance(1, v));
    }
    return d;
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      best = p[k] > p[best] ? k : best;
    }
    return best;
  }
}
