package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.WekaException;

/**
 * The end of a row-by-row build ({@code batchFinished}), as Weka's command line ({@code -t})
 * trains the printed model of an UpdateableClassifier: a stream that fits in the reservoir gets
 * exactly the batch model {@code buildClassifier} trains on the same rows, while a genuine
 * stream (rows evicted, or {@code -reservoir 0}) keeps the streaming model and says why; an
 * aggregation still averages the streamed models; a stream without a labelled row refuses to
 * predict but can be aggregated.
 */
class BackpropMLPStreamEndTest {

  private static BackpropMLP model(String... options) throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(options.clone());
    return m;
  }

  private static void assertSameBits(BackpropMLP expected, BackpropMLP actual, Instances data)
      throws Exception {
    double[][] e = expected.distributionsForInstances(data);
    double[][] a = actual.distributionsForInstances(data);
    for (int i = 0; i < e.length; i++) {
      assertArrayEquals(e[i], a[i], 0.0, "row " + i);
      assertArrayEquals(e[i], actual.distributionForInstance(data.instance(i)), 0.0, "row " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris", "cpu", "labor"})
  void aStreamThatFitsInTheReservoirGivesTheBatchModel(String name) throws Exception {
    Instances data = TestData.load(name);
    String[] options = {"-epochs", "20", "-threads", "1"};
    BackpropMLP batch = model(options);
    batch.buildClassifier(data);
    BackpropMLP rows = TestData.streamed(data, options);
    assertSameBits(batch, rows, data);
    assertEquals(batch.toString(), rows.toString());
    assertEquals(batch.getModelView().numParameters(), rows.getModelView().numParameters());
  }

  /**
   * A stream paused by batchFinished (Weka's KnowledgeFlow model saver calls it before every
   * periodic save) goes on with the rows after it, and its real end trains the model an unpaused
   * stream ends with, bit for bit: the first call had ended the stream for good, and the later
   * rows only fine-tuned the batch model of the rows before it. The model at the pause is that
   * of its rows.
   */
  /**
   * A stream whose rows all had weight 0 ends as one without a labelled row ends: the model is
   * kept, refuses to predict with the reason, and goes on with more rows. Its end had thrown the
   * batch build's refusal (which speaks of folds) and lost the model, so that the next row was
   * refused with "no model has been built yet". So does one larger than its reservoir (which
   * had predicted from the untrained network).
   */
  @ParameterizedTest(name = "-reservoir {0}")
  @ValueSource(strings = {"10000", "1"})
  void aStreamOfWeightlessRowsEndsLikeOneWithoutALabelledRow(String reservoir) throws Exception {
    Instances data = TestData.load("iris");
    BackpropMLP m = model("-epochs", "2", "-reservoir", reservoir);
    m.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < 3; i++) {
      Instance row = (Instance) data.instance(i * 50).copy();
      row.setWeight(0);
      m.updateClassifier(row);
    }
    m.batchFinished();
    assertTrue(m.toString().contains("every one of the 3 training rows has weight 0"),
        m.toString());
    WekaException refused =
        assertThrows(WekaException.class, () -> m.distributionForInstance(data.instance(0)));
    assertTrue(refused.getMessage().startsWith("every one of the 3 training rows has weight 0"),
        refused.getMessage());
    for (int i = 0; i < data.numInstances(); i++) {
      m.updateClassifier(data.instance(i));
    }
    m.batchFinished();
    double[] p = m.distributionForInstance(data.instance(0));
    assertEquals(1, Arrays.stream(p).sum(), 1e-9);
  }

  /**
   * A stream larger than its reservoir whose sample holds only weight-0 rows keeps its streamed
   * model at the end (the epochs over the sample had been refused as a build of weightless rows,
   * and the whole streamed model lost).
   */
  @Test
  void aSampleOfWeightlessRowsLeavesTheStreamedModel() throws Exception {
    Instances data = TestData.load("iris");
    data.randomize(new java.util.Random(3));
    BackpropMLP m = model("-epochs", "2", "-reservoir", "1");
    m.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < data.numInstances(); i++) {
      Instance row = (Instance) data.instance(i).copy();
      row.setWeight(i < 20 ? 1 : 0); // the one-row sample draws a weight-0 row
      m.updateClassifier(row);
    }
    double[] streamed = m.distributionForInstance(data.instance(0));
    m.batchFinished();
    assertArrayEquals(streamed, m.distributionForInstance(data.instance(0)), 0.0);
    // a copy that learnt before it was made, then given weight-0 rows alone, still predicts
    BackpropMLP copy = model("-epochs", "2", "-reservoir", "1");
    copy.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < 20; i++) {
      copy.updateClassifier(data.instance(i));
    }
    copy = (BackpropMLP) AbstractClassifier.makeCopy(copy);
    for (int i = 20; i < 40; i++) {
      Instance row = (Instance) data.instance(i).copy();
      row.setWeight(0);
      copy.updateClassifier(row);
    }
    copy.batchFinished(); // its last partial batch steps; it is not refused as weightless
    assertEquals(1, Arrays.stream(copy.distributionForInstance(data.instance(0))).sum(), 1e-9);
  }

  @Test
  void aStreamPausedByBatchFinishedGoesOn() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP straight = TestData.streamed(data, "-epochs", "5", "-threads", "1");
    BackpropMLP paused = new BackpropMLP();
    paused.setOptions(new String[] {"-epochs", "5", "-threads", "1"});
    paused.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < data.numInstances(); i++) {
      paused.updateClassifier(data.instance(i));
      if (i == 199 || i == 499) {
        paused.batchFinished();
        if (i == 199) {
          assertEquals(200, trainingRows(paused), "the model at the pause: its 200 rows");
          String atPause = paused.toString();
          Instance bad = (Instance) data.instance(200).copy();
          bad.setValue(0, Double.POSITIVE_INFINITY);
          assertThrows(IllegalArgumentException.class, () -> paused.updateClassifier(bad));
          assertEquals(atPause, paused.toString(), "a refused row leaves the model as it was");
          Instance unlabelled = (Instance) data.instance(200).copy();
          unlabelled.setClassMissing();
          paused.updateClassifier(unlabelled);
          Thread.currentThread().interrupt();
          assertThrows(Exception.class, () -> paused.updateClassifier(data.instance(200)));
          assertTrue(Thread.interrupted(), "an interrupt before the row keeps the status");
          assertEquals(atPause, paused.toString(), "so do a skipped and an interrupted row");
        }
      }
    }
    paused.batchFinished();
    assertEquals(straight.toString(), paused.toString());
    assertArrayEquals(straight.distributionsForInstances(data),
        paused.distributionsForInstances(data));
  }

  /**
   * A stream larger than the reservoir, paused by batchFinished near its end, ends with epochs
   * over a sample of all its rows, not of the rows since the pause: the pause's epochs train a
   * copy of the streamed model and the stream goes on behind it. (The end had trained the
   * streamed network in place and dropped the reservoir: 50 rows here instead of 100.)
   */
  @Test
  void aLongStreamPausedByBatchFinishedEndsOnASampleOfAllItsRows() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP paused = model(new String[] {"-epochs", "3", "-threads", "1", "-reservoir", "100"});
    paused.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < 400; i++) {
      paused.updateClassifier(data.instance(i));
      if (i == 349) {
        paused.batchFinished();
        assertEquals(100, trainingRows(paused), "the model at the pause: its reservoir");
      }
    }
    paused.batchFinished();
    assertEquals(100, trainingRows(paused), "the end's epochs ran on the rows since the pause");
    assertTrue(paused.toString().contains("Trained row by row: 400 rows streamed"),
        paused.toString());
  }

  /**
   * An end interrupted in its epochs keeps the stream: the end trains a new model (here a copy
   * of the streamed one), so the classifier keeps its stream and rows, and ends it again once
   * the interrupt is cleared. (It had dropped everything: "no model has been built yet".)
   */
  @Test
  void anInterruptedEndKeepsTheStream() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP m = streamedFromHeader(data, 0, 300, "-epochs", "100000", "-reservoir", "100");
    Exception[] thrown = new Exception[1];
    Thread end = new Thread(() -> {
      try {
        m.batchFinished();
      } catch (Exception e) {
        thrown[0] = e;
      }
    });
    end.start();
    Thread.sleep(300);
    end.interrupt();
    end.join(60_000);
    assertFalse(end.isAlive(), "the end was not interrupted");
    assertTrue(thrown[0] instanceof InterruptedException, String.valueOf(thrown[0]));
    assertTrue(thrown[0].getMessage().contains("the stream and its rows are kept"),
        thrown[0].getMessage());
    assertTrue(m.toString().contains("The stream has not ended"), m.toString());
    m.setMaxEpochs(2);
    m.batchFinished();
    assertEquals(100, trainingRows(m));
    assertTrue(m.toString().contains("Trained row by row: 300 rows streamed"), m.toString());
  }

  /**
   * A copy made in mid-stream keeps no reservoir, so a long stream's end on it runs on the rows
   * since the copy, and its description says so (it had claimed a sample of all 380 rows).
   */
  @Test
  void aCopysEndSaysItsEpochsRanOnTheRowsSinceTheCopy() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP m = streamedFromHeader(data, 0, 350, "-epochs", "2", "-reservoir", "300");
    BackpropMLP copy = (BackpropMLP) AbstractClassifier.makeCopy(m);
    for (int i = 350; i < 380; i++) {
      copy.updateClassifier(data.instance(i));
    }
    copy.batchFinished();
    assertTrue(copy.toString().contains("Trained row by row on 380 streamed rows; these epochs"
        + " ran on the 30 streamed since the model was last saved or copied"), copy.toString());
  }

  /** After an aggregation, more rows train the average, not the stream a pause left behind. */
  @Test
  void rowsAfterAnAggregationTrainTheAverage() throws Exception {
    Instances data = TestData.load("diabetes");
    String[] options = {"-epochs", "2", "-threads", "1", "-reservoir", "50"};
    BackpropMLP a = model(options);
    BackpropMLP b = model(options);
    a.buildClassifier(new Instances(data, 0));
    b.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < 200; i++) {
      (i % 2 == 0 ? a : b).updateClassifier(data.instance(i));
    }
    a.batchFinished();
    b.batchFinished();
    a.aggregate(b);
    a.finalizeAggregation();
    BackpropMLP average = (BackpropMLP) AbstractClassifier.makeCopy(a); // no stream behind it
    for (int i = 300; i < 340; i++) {
      a.updateClassifier(data.instance(i));
      average.updateClassifier(data.instance(i));
    }
    assertArrayEquals(average.distributionsForInstances(data), a.distributionsForInstances(data));
  }

  /** A model built on the header, one thread, then given rows [from, to) one by one. */
  private static BackpropMLP streamedFromHeader(Instances data, int from, int to,
      String... options) throws Exception {
    BackpropMLP m = model(options);
    m.setThreads(1);
    m.buildClassifier(new Instances(data, 0));
    for (int i = from; i < to; i++) {
      m.updateClassifier(data.instance(i));
    }
    return m;
  }

  private static int trainingRows(BackpropMLP m) {
    String text = m.toString();
    int at = text.indexOf("Training rows: ");
    return Integer.parseInt(text.substring(at + 15, text.indexOf(',', at)));
  }

  @Test
  void irisWithTheDefaultsGetsTheFourInputNetwork() throws Exception {
    BackpropMLP rows = TestData.streamed(TestData.load("iris"));
    assertTrue(rows.toString().contains("Architecture: 4-[16 RELU]-3"), rows.toString());
    assertFalse(rows.toString().contains("row by row"), rows.toString());
  }

  @Test
  void aStreamLargerThanTheReservoirKeepsTheStreamingModelAndSaysWhy() throws Exception {
    BackpropMLP rows = TestData.streamed(TestData.load("iris"), "-epochs", "5", "-reservoir", "50");
    String text = rows.toString();
    assertTrue(text.contains("Architecture: 8-[16 RELU]-3"), text);
    assertTrue(text.contains("Trained row by row: 150 rows streamed, more than -reservoir 50"),
        text);
  }

  /** A stream in progress says how its steps were made: growing, topped up, at which rate. */
  @Test
  void aStreamInProgressDescribesItsSteps() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP m = new BackpropMLP();
    m.buildClassifier(new Instances(iris, 0));
    for (int i = 0; i < 40; i++) {
      m.updateClassifier(iris.instance(i));
    }
    String text = m.toString();
    assertTrue(text.contains("so far each step trained on new rows (one row per 300 rows seen, 1"
        + " to 32), topped up to 32 rows with rows drawn from the reservoir, those of the first 599"
        + " rows each followed by 3 steps on reservoir rows alone, at learning rate 0.005"), text);
  }

  @Test
  void reservoirZeroKeepsTheSinglePassAndSaysWhy() throws Exception {
    BackpropMLP rows = TestData.streamed(TestData.load("iris"), "-reservoir", "0");
    String text = rows.toString();
    assertTrue(text.contains("Architecture: 8-[16 RELU]-3"), text);
    assertTrue(text.contains("Trained row by row (UpdateableClassifier) on 150 rows"), text);
    assertTrue(text.contains("-reservoir 0 keeps no rows, so the model took about 150 optimizer"
        + " steps (150 rows in mini-batches of one row per 300 rows seen, 1 to 32)"), text);
    // the values the options left automatic, as every other description names them
    assertTrue(text.contains("-reservoir 0 (automatic row by row and 4 inputs: 16 hidden units,"
        + " mini-batch growing from 1 to 32, lr 0.005, no dropout)"), text);
    // its mean loss is kept with the model: the measure and a copy's description show it
    double loss = rows.getMeasure("measureFinalTrainingLoss");
    assertTrue(loss > 0 && text.contains(String.format(java.util.Locale.ROOT,
        "mean training loss %.4f", loss)), loss + "\n" + text);
    BackpropMLP copy = (BackpropMLP) AbstractClassifier.makeCopy(rows);
    assertEquals(text, copy.toString());
    assertEquals(loss, copy.getMeasure("measureFinalTrainingLoss"), 0.0);
  }

  /**
   * A model saved or copied in mid-stream keeps its weights but not its reservoir: the stream's
   * end then trains on the rows after the copy, not the batch model, and the description says so.
   */
  @Test
  void aCopyInMidStreamSaysItsEpochsRanOnTheRowsAfterIt() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP m = model("-epochs", "3", "-threads", "1");
    m.buildClassifier(new Instances(data, 0));
    for (int i = 0; i < 300; i++) {
      m.updateClassifier(data.instance(i));
    }
    BackpropMLP copy = (BackpropMLP) AbstractClassifier.makeCopy(m);
    for (int i = 300; i < data.numInstances(); i++) {
      copy.updateClassifier(data.instance(i));
    }
    copy.batchFinished();
    assertTrue(copy.toString().contains("Trained row by row on 768 streamed rows; these epochs ran"
        + " on the 468 streamed since the model was last saved or copied in mid-stream"),
        copy.toString());
    // ended with no row since the copy: no epochs, and the description says why (its end had
    // done nothing, and it went on saying that the stream had not ended)
    BackpropMLP idle = (BackpropMLP) AbstractClassifier.makeCopy(m);
    double[] before = idle.distributionForInstance(data.instance(0));
    idle.batchFinished();
    String text = idle.toString();
    assertTrue(text.contains("No epochs followed the stream: its end had no sample of rows")
        && !text.contains("has not ended"), text);
    assertArrayEquals(before, idle.distributionForInstance(data.instance(0)), 0.0);
  }

  /**
   * A streamed model says what its options do not show: the missing-value indicator inputs a
   * narrow header gets, nominal attributes' too (they make 8 inputs of iris's 4 attributes, 12
   * of weather's 4 nominal ones, which had been counted as 0) and the penalty it trained
   * with: the strongest of the list for a single pass, the one chosen on the reservoir for its
   * epochs over one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"0", "100"})
  void aStreamedModelNamesItsIndicatorInputsAndItsPenalty(String reservoir) throws Exception {
    String text = TestData.streamed(TestData.load("iris"), "-reservoir", reservoir, "-epochs",
        "3").toString();
    assertTrue(text.contains("Inputs: 8 encoded columns, of which 4 missing-value indicators,"
        + " one per attribute"), text);
    if (reservoir.equals("0")) { // weather's 14 rows fit a reservoir of 100: a batch build
      String nominal = TestData.streamed(TestData.load("weather.nominal"), "-reservoir", "0")
          .toString();
      assertTrue(nominal.contains("Inputs: 12 encoded columns, of which 4 missing-value"
          + " indicators, one per attribute"), nominal);
    }
    if (reservoir.equals("0")) {
      assertTrue(text.contains("L2 penalty: 0.01, without a choice among the list"), text);
    } else {
      assertTrue(text.contains("chosen by holdout error rate") && text.contains("The pass over the"
          + " stream trained with the strongest L2 penalty of the list, 0.01"), text);
    }
  }

  /**
   * A partition whose stream fit takes part in an aggregation with its streamed model, trained
   * on its reservoir as before: the same as a partition that never had the batch model, which
   * -reservoir equal to the rows gives too, and the same after the model was saved and read.
   */
  @Test
  void aggregationAveragesTheStreamedModels() throws Exception {
    Instances data = TestData.load("cpu");
    int half = data.numInstances() / 2;
    String[] options = {"-epochs", "5", "-hidden", "8", "-threads", "1"};
    BackpropMLP a = TestData.streamed(data, 0, half, options);
    BackpropMLP b = TestData.streamed(data, half, data.numInstances(), options);
    assertFalse(a.toString().contains("row by row"), "batch model: " + a);
    String batchArchitecture = a.toString().lines()
        .filter(l -> l.startsWith("Architecture: ")).findFirst().orElseThrow();
    BackpropMLP copyA = (BackpropMLP) AbstractClassifier.makeCopy(a);
    BackpropMLP copyB = (BackpropMLP) AbstractClassifier.makeCopy(b);
    a.aggregate(b);
    a.finalizeAggregation();
    copyA.aggregate(copyB);
    copyA.finalizeAggregation();
    assertSameBits(a, copyA, data);
    assertTrue(a.toString().contains("in partitions whose models were averaged"), a.toString());
    assertFalse(a.toString().contains(batchArchitecture), "streaming encoder: " + a);
  }

  @Test
  void anEmptyPartitionAggregatesWithWeightZeroButAloneRefusesToPredict() throws Exception {
    Instances data = TestData.load("iris");
    String[] options = {"-epochs", "5", "-threads", "1"};
    BackpropMLP empty = TestData.streamed(data, 0, 0, options);
    Exception e = assertThrows(WekaException.class,
        () -> empty.distributionForInstance(data.instance(0)));
    assertTrue(e.getMessage().startsWith("the training data have no rows: BackpropMLP needs"
        + " labelled rows"), e.getMessage());
    assertTrue(empty.toString().contains("BackpropMLP needs labelled rows"), empty.toString());

    BackpropMLP full = TestData.streamed(data, options);
    BackpropMLP twice = (BackpropMLP) AbstractClassifier.makeCopy(full);
    twice.aggregate((BackpropMLP) AbstractClassifier.makeCopy(full));
    twice.finalizeAggregation();
    full.aggregate(empty);
    full.finalizeAggregation();
    BackpropMLP first = TestData.streamed(data, 0, 0, options);
    first.aggregate(TestData.streamed(data, options));
    first.finalizeAggregation();
    double[] p = full.getModelView().parameters();
    assertArrayEquals(p, first.getModelView().parameters(), 1e-12, "either order");
    // two copies of one model pool the same rows twice: only the sample variances differ
    double[] q = twice.getModelView().parameters();
    for (int i = 0; i < p.length; i++) {
      assertEquals(q[i], p[i], 0.01, "parameter " + i);
    }
    assertEquals(3, first.distributionForInstance(data.instance(0)).length);
  }

  @Test
  void unlabelledRowsEndInTheSameRefusal() throws Exception {
    Instances data = TestData.load("iris");
    for (Instance i : data) {
      i.setClassMissing();
    }
    BackpropMLP m = TestData.streamed(data);
    assertThrows(WekaException.class, () -> m.distributionsForInstances(data));
  }

  @Test
  void theCommandLinePrintsTheBatchModel() throws Exception {
    String rows = modelText(run("-t", "test-data/iris.arff", "-no-cv", "-epochs", "10"));
    String batch = modelText(run("-t", "test-data/iris.arff", "-no-cv", "-epochs", "10",
        "-force-batch-training"));
    assertTrue(rows.contains("Architecture: 4-[16 RELU]-3"), rows);
    assertEquals(batch, rows);
  }

  /** The model's description: from the model heading to the build time. */
  private static String modelText(String out) {
    int from = out.indexOf("=== Classifier model");
    int to = out.indexOf("Time taken to build model");
    assertTrue(from >= 0 && to > from, out);
    return out.substring(from, to);
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      BackpropMLP.main(Arrays.copyOf(args, args.length));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
