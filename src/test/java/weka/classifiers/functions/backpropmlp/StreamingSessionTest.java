package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Row-by-row training: the reservoir is bounded and a uniform sample of the stream (every row
 * equally likely to be in it, whatever its position), it is trained on when the stream ends,
 * bad rows are refused without harm, and only models from the header keep one.
 */
class StreamingSessionTest {

  /** Rows with their position as the input "id" and a class alternating a, b. */
  private static Instances rows(int n) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("id"));
    atts.add(new Attribute("class", new ArrayList<>(List.of("a", "b"))));
    Instances d = new Instances("ids", atts, n);
    d.setClassIndex(1);
    for (int i = 0; i < n; i++) {
      d.add(new DenseInstance(1, new double[] {i, i % 2}));
    }
    return d;
  }

  private static BackpropMLP options(int reservoir, int seed) {
    BackpropMLP o = new BackpropMLP();
    o.setHiddenLayers("2");
    o.setMaxEpochs(1);
    o.setReservoirSize(reservoir);
    o.setSeed(seed);
    return o;
  }

  private static StreamingSession stream(BackpropMLP o, Instances data, int rows)
      throws Exception {
    FittedModel model = StreamingSession.untrainedModel(o, data);
    StreamingSession s = new StreamingSession(o, model);
    for (int i = 0; i < rows; i++) {
      assertTrue(s.accepts(data.instance(i)));
      s.add(data.instance(i));
    }
    return s;
  }

  /**
   * An infinite input value is refused naming the attribute, as a batch build refuses it, dense
   * or sparse: row-by-row training had taken ±∞ as a missing value without a word (and so
   * trained another model than a batch build on the same file could).
   */
  @Test
  void anInfiniteInputIsRefusedAsABatchBuildRefusesIt() throws Exception {
    Instances data = rows(10);
    StreamingSession s = stream(options(5, 1), data, 3);
    for (boolean sparse : new boolean[] {false, true}) {
      weka.core.Instance row = sparse ? new weka.core.SparseInstance(data.instance(4))
          : (weka.core.Instance) data.instance(4).copy();
      row.setDataset(data);
      row.setValue(0, Double.NEGATIVE_INFINITY);
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> s.accepts(row));
      assertTrue(e.getMessage().contains("attribute 'id' has the infinite value -Infinity in"
          + " streamed row 4; only NaN means missing in Weka"), e.getMessage());
    }
  }

  /**
   * An infinite numeric class value is refused naming the class and the row, in the words of a
   * batch build's refusal (row by row it had said only "the numeric class value Infinity is not
   * finite").
   */
  @Test
  void anInfiniteNumericClassIsRefusedNamingTheClassAndTheRow() throws Exception {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("y"));
    Instances data = new Instances("numeric", atts, 3);
    data.setClassIndex(1);
    for (int i = 0; i < 3; i++) {
      data.add(new DenseInstance(1, new double[] {i, i == 2 ? Double.POSITIVE_INFINITY : i}));
    }
    StreamingSession s = stream(options(5, 1), data, 2);
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> s.accepts(data.instance(2)));
    assertTrue(e.getMessage().contains("the numeric class 'y' is infinite (Infinity) in streamed"
        + " row 3; remove or fix that instance"), e.getMessage());
  }

  @Test
  void theReservoirHoldsEveryRowUntilItIsFullThenStaysAtItsSize() throws Exception {
    Instances data = rows(300);
    StreamingSession s = stream(options(50, 1), data, 30);
    assertEquals(30, s.reservoir().numInstances(), "all rows while there is room");
    for (int i = 0; i < 30; i++) {
      assertEquals(i, s.reservoir().instance(i).value(0));
    }
    s = stream(options(50, 1), data, 300);
    assertEquals(50, s.reservoir().numInstances());
  }

  /**
   * The end of a pass lets go of its trainer (gradient, optimizer moments, workspace) before the
   * reservoir's epochs allocate theirs, which the memory check counted alone; the pass's mean
   * loss is still reported, and more rows start a new trainer.
   */
  @Test
  void theEndOfAPassLetsGoOfItsTrainer() throws Exception {
    Instances data = rows(300);
    StreamingSession s = stream(options(50, 1), data, 300);
    assertTrue(s.holdsTrainer());
    s.flush();
    double loss = s.meanLoss();
    s.finish();
    assertFalse(s.holdsTrainer());
    assertEquals(loss, s.meanLoss(), 0.0);
    s.add(data.instance(0));
    assertTrue(s.holdsTrainer());
  }

  @Test
  void theReservoirIsAUniformSampleOfTheStream() throws Exception {
    // 400 streams of 200 rows into 20 slots: each row should be kept in 10 % of them, early
    // and late rows alike (the algorithm's point); 20 blocks of 10 rows, 800 expected each.
    int n = 200;
    int size = 20;
    int runs = 400;
    Instances data = rows(n);
    int[] kept = new int[n / 10];
    for (int seed = 1; seed <= runs; seed++) {
      StreamingSession s = stream(options(size, seed), data, n);
      assertEquals(size, s.reservoir().numInstances());
      for (Instance inst : s.reservoir()) {
        kept[(int) inst.value(0) / 10]++;
      }
    }
    double expected = runs * size / (double) kept.length;
    double chiSquare = 0;
    for (int k : kept) {
      chiSquare += (k - expected) * (k - expected) / expected;
    }
    // 19 degrees of freedom: P(chi² > 43.8) = 0.001
    assertTrue(chiSquare < 43.8,
        "chi² " + chiSquare + " over blocks " + java.util.Arrays.toString(kept));
  }

  @Test
  void theStreamsEndTrainsOnTheReservoirAndRecordsItsEpochs() throws Exception {
    Instances data = rows(40);
    BackpropMLP o = options(100, 1);
    o.setMaxEpochs(3);
    StreamingSession s = stream(o, data, 40);
    assertNull(s.model().history(), "no epochs before the end of the stream");
    s.finish();
    assertNull(s.reservoir(), "the reservoir is used up");
    assertFalse(Double.isNaN(s.meanLoss()));
    assertEquals(40, s.model().streamedRows());
    assertEquals(3, s.model().history().epochs());
    assertEquals(40, s.model().trainingRows());
  }

  @Test
  void noReservoirWithSizeZeroOrForAModelBuiltOnData() throws Exception {
    Instances data = rows(50);
    assertNull(stream(options(0, 1), data, 50).reservoir());
    BackpropMLP o = options(100, 1);
    TrainingSession built = BatchBuild.fit(o, data, true);
    StreamingSession s = new StreamingSession(o, built.model());
    s.add(data.instance(0));
    assertNull(s.reservoir(), "fine-tuning a built model keeps no reservoir");
  }

  /**
   * Whether the network changed after {@code rows} rows streamed into the session. A stream
   * from the header steps on its first row (its automatic mini-batch grows from one row); a
   * batch-built model updated row by row, and an explicit -mini-batch, wait for a full batch.
   */
  private static boolean stepped(StreamingSession s, Instances data, int rows) throws Exception {
    double[] before = s.model().network().parameters().clone();
    for (int i = 0; i < rows; i++) {
      s.add(data.instance(i));
    }
    return !java.util.Arrays.equals(before, s.model().network().parameters());
  }

  @Test
  void aStreamFromTheHeaderStepsOnItsFirstRowsOthersWaitForAFullBatch() throws Exception {
    Instances data = rows(40);
    BackpropMLP o = options(100, 1);
    assertTrue(stepped(new StreamingSession(o, StreamingSession.untrainedModel(o, data)), data,
        1), "a stream from the header waited for a full batch");
    TrainingSession built = BatchBuild.fit(o, data, true);
    assertFalse(stepped(new StreamingSession(o, built.model()), data, 31),
        "a batch-built model took steps smaller than the mini-batch");
    assertTrue(stepped(new StreamingSession(o, built.model()), data, 32));
    BackpropMLP fixed = options(100, 1);
    fixed.setMiniBatchSize(8);
    StreamingSession explicit =
        new StreamingSession(fixed, StreamingSession.untrainedModel(fixed, data));
    assertFalse(stepped(explicit, data, 7), "an explicit -mini-batch 8 stepped before 8 rows");
    assertTrue(stepped(explicit, data, 1));
  }

  /**
   * The steps of a stream from the header are topped up with rows of its reservoir: the first
   * row's step (an empty reservoir) is the same with and without one, the second row's (the
   * first row drawn to fill the batch) is not.
   */
  @Test
  void aStreamsStepsAreToppedUpFromItsReservoir() throws Exception {
    Instances data = rows(10);
    StreamingSession kept = new StreamingSession(options(100, 1),
        StreamingSession.untrainedModel(options(100, 1), data));
    StreamingSession none = new StreamingSession(options(0, 1),
        StreamingSession.untrainedModel(options(0, 1), data));
    kept.add(data.instance(0));
    none.add(data.instance(0));
    assertTrue(java.util.Arrays.equals(kept.model().network().parameters(),
        none.model().network().parameters()), "the first step differs");
    kept.add(data.instance(1));
    none.add(data.instance(1));
    assertFalse(java.util.Arrays.equals(kept.model().network().parameters(),
        none.model().network().parameters()), "the second step was not topped up");
  }

  /**
   * A reservoir smaller than a mini-batch tops nothing up (its few rows would be repeated in
   * every step): the stream trains bit for bit as one without a reservoir; and without a
   * reservoir the pass goes on growing after a pause (plain online steps).
   */
  @Test
  void aReservoirSmallerThanABatchTopsNothingUpAndNoReservoirKeepsGrowing() throws Exception {
    Instances data = rows(60);
    assertTrue(java.util.Arrays.equals(
        stream(options(10, 1), data, 40).model().network().parameters(),
        stream(options(0, 1), data, 40).model().network().parameters()));
    StreamingSession single = stream(options(0, 1), data, 10);
    single.endPass();
    assertTrue(stepped(single, data, 1), "-reservoir 0 stopped growing after a pause");
  }

  /**
   * A stream on the sparse route (a bag of words) keeps full batches at the row-by-row rate; its
   * route is chosen from its first {@value StreamingSession#ROUTE_ROWS} rows, which it holds.
   */
  @Test
  void theSparseRouteKeepsFullBatches() throws Exception {
    Instances bow = SparseTestData.bow();
    StreamingSession s = new StreamingSession(options(100, 1),
        StreamingSession.untrainedModel(options(100, 1), bow));
    assertFalse(stepped(s, bow, StreamingSession.ROUTE_ROWS - 1),
        "a sparse stream stepped before a full batch");
    assertFalse(s.model().encoder().isSparse() || s.model().encoder().hasObserved(),
        "the rows held until the route is chosen");
    assertTrue(stepped(s, bow, 1));
    assertTrue(s.model().encoder().isSparse(), "the route");
    assertFalse(s.model().streamPassGrew());
  }

  /**
   * A wide stream's first rows wait for its route ({@value StreamingSession#ROUTE_ROWS} of them):
   * meanwhile nothing is encoded, counted or trained, not even the class statistics (observing
   * them early had changed how the first rows' numeric class was scaled, and so the model), so
   * the model predicts as untrained (0 for a numeric class before any value); the rows train in
   * their order once the route is chosen, or at a flush before that.
   */
  @Test
  void aWideStreamHoldsItsFirstRowsUntilItsRouteIsChosen() throws Exception {
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    for (int a = 0; a < 1200; a++) {
      atts.add(new weka.core.Attribute("w" + a));
    }
    atts.add(new weka.core.Attribute("y"));
    Instances data = new Instances("wide", atts, 10);
    data.setClassIndex(1200);
    for (int i = 0; i < 10; i++) {
      double[] v = new double[1201];
      v[i * 7] = 1;
      v[1200] = 10 + i;
      data.add(new weka.core.SparseInstance(1, v));
    }
    BackpropMLP o = options(100, 1);
    StreamingSession s = new StreamingSession(o, StreamingSession.untrainedModel(o, data));
    for (int i = 0; i < 5; i++) {
      s.add(data.instance(i));
    }
    assertFalse(s.model().encoder().hasObserved(), "the inputs wait for the route");
    assertEquals(0, s.model().streamedRows());
    assertEquals(0.0, BatchPrediction.distribution(s.model(), data.instance(7))[0], 0.0);
    s.flush();
    assertTrue(s.model().encoder().isSparse() && s.model().encoder().hasObserved());
    assertEquals(5, s.model().streamedRows());
    assertEquals(12.0, s.model().target().mean(), 1e-12, "the class statistics of the 5 rows");
  }

  /**
   * A pass grows its batch only while the reservoir samples every row streamed: after a long
   * stream's end (its reservoir used up), and in a copy of the model (which keeps none), the
   * rows that follow wait for a full batch of 32, as a batch-built model's do; a stream paused
   * with its whole reservoir (one that fits) goes on stepping on single rows.
   */
  @Test
  void onlyAPassWhoseReservoirHoldsTheWholeStreamGrowsItsBatch() throws Exception {
    Instances data = rows(80);
    StreamingSession ended = stream(options(5, 1), data, 40);
    ended.finish();
    assertFalse(stepped(ended, data, 31), "rows after a long stream's end stepped early");
    assertFalse(ended.model().streamPassGrew());
    StreamingSession copied = new StreamingSession(options(100, 1), (FittedModel)
        new weka.core.SerializedObject(stream(options(100, 1), data, 10).model()).getObject());
    assertFalse(stepped(copied, data, 31), "a copy's rows stepped early");
    StreamingSession copiedSinglePass = new StreamingSession(options(0, 1), (FittedModel)
        new weka.core.SerializedObject(stream(options(0, 1), data, 10).model()).getObject());
    assertFalse(stepped(copiedSinglePass, data, 31), "a -reservoir 0 copy's rows stepped early");
    StreamingSession paused = stream(options(100, 1), data, 10);
    paused.endPass();
    assertTrue(stepped(paused, data, 1), "a paused stream with its reservoir waited");
    assertTrue(paused.model().streamPassGrew());
  }

  /**
   * An explicit -mini-batch keeps the row-by-row rate 0.003 (only a growing batch takes 0.005),
   * bit for bit; and the same seed gives the same topped-up stream.
   */
  @Test
  void anExplicitMiniBatchKeepsTheRowByRowRateAndTheTopUpIsSeeded() throws Exception {
    Instances data = rows(40);
    BackpropMLP automatic = options(100, 1);
    automatic.setMiniBatchSize(8);
    BackpropMLP rate = options(100, 1);
    rate.setMiniBatchSize(8);
    rate.setLearningRate(0.003);
    assertTrue(java.util.Arrays.equals(stream(automatic, data, 40).model().network().parameters(),
        stream(rate, data, 40).model().network().parameters()));
    assertTrue(java.util.Arrays.equals(
        stream(options(100, 1), data, 40).model().network().parameters(),
        stream(options(100, 1), data, 40).model().network().parameters()));
  }

  @Test
  void rowsWithoutClassAreSkippedAndBadRowsRefused() throws Exception {
    Instances data = rows(5);
    StreamingSession s =
        new StreamingSession(options(10, 1), StreamingSession.untrainedModel(options(10, 1), data));
    Instance missing = data.instance(0);
    missing.setClassMissing();
    assertFalse(s.accepts(missing));
    Instance heavy = data.instance(1);
    heavy.setWeight(Double.POSITIVE_INFINITY);
    Exception e = assertThrows(IllegalArgumentException.class, () -> s.accepts(heavy));
    assertTrue(e.getMessage().contains("weight"), e.getMessage());
    assertEquals(0, s.model().streamedRows());
  }

  @Test
  void aHeaderWithoutInputsIsRefused() {
    Instances onlyClass = new Instances(rows(0));
    onlyClass.setClassIndex(-1);
    onlyClass.deleteAttributeAt(0);
    onlyClass.setClassIndex(0);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> StreamingSession.untrainedModel(new BackpropMLP(), onlyClass));
    assertTrue(e.getMessage().contains("no input attribute"), e.getMessage());
  }

  @Test
  void aggregationAveragesTwoPartitionsAndRefusesOtherHeaders() throws Exception {
    Instances data = rows(60);
    BackpropMLP o = options(0, 1);
    StreamingSession a = stream(o, data, 30);
    Instances second = new Instances(data, 30, 30);
    StreamingSession b = stream(o, second, 30);
    double[] before = a.model().network().parameters().clone();
    a.aggregate(b.model(), null);
    a.finalizeAggregation();
    assertNotEquals(before[0], a.model().network().parameters()[0]);
    assertEquals(60, a.model().streamedRows());
    assertEquals(0, a.model().rowsSinceAggregation());
    assertThrows(IllegalStateException.class, a::finalizeAggregation, "nothing aggregated");

    Instances renamed = rows(10);
    renamed.renameAttribute(0, "other");
    StreamingSession c = stream(o, renamed, 10);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> a.aggregate(c.model(), null));
    assertTrue(e.getMessage().contains("different headers"), e.getMessage());
  }
}
