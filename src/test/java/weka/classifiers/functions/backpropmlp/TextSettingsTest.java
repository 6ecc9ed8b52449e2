package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.Instances;

/** The automatic text settings: when they apply, what they set, what the user's options keep. */
class TextSettingsTest {

  /** {@code rows} rows of {@code columns} columns with {@code perRow} non-zeros each. */
  private static Dataset sparse(int rows, int columns, int perRow) {
    int[] start = new int[rows + 1];
    int[] cols = new int[rows * perRow];
    double[] vals = new double[rows * perRow];
    for (int i = 0; i < rows; i++) {
      start[i + 1] = start[i] + perRow;
      for (int k = 0; k < perRow; k++) {
        cols[i * perRow + k] = k * (columns / perRow) + i % 3; // increasing within a row
        vals[i * perRow + k] = 1;
      }
    }
    return new Dataset(SparseRows.wrap(columns, rows, start, cols, vals), new double[rows], 1,
        filled(rows), null);
  }

  private static double[] filled(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  @ParameterizedTest(name = "{0} columns, {1} non-zeros a row: density {2}, text {3}")
  @CsvSource({"1000, 10, 0.01, true", "1000, 100, 0.10, true", "1000, 110, 0.11, false",
      "999, 10, 0.01001001001001001, false"})
  void densityIsCountedOnTheSparseRows(int columns, int perRow, double density, boolean text) {
    Dataset d = sparse(4, columns, perRow);
    assertEquals(density, TextSettings.density(d), 1e-15);
    assertEquals(text, TextSettings.of(new BackpropMLP(), d, false).applies());
  }

  /**
   * Numbers standardized on the sparse route (beside an identifier) train as on the dense
   * route, without the text settings.
   */
  @Test
  void standardizedNumbersAreNotText() {
    assertSame(TextSettings.NONE, TextSettings.of(new BackpropMLP(), sparse(4, 2000, 20), true));
  }

  @Test
  void denseDataNeverCountAsText() {
    Dataset dense = new Dataset(new double[4 * 2000], 2000, new double[4], 1, filled(4), null);
    assertEquals(1, TextSettings.density(dense));
    assertSame(TextSettings.NONE, TextSettings.of(new BackpropMLP(), dense, false));
  }

  @Test
  void defaultsTakeTheTextValues() {
    BackpropMLP m = new BackpropMLP();
    TextSettings t = TextSettings.of(m, sparse(4, 2000, 20), false);
    TrainerConfig c = t.apply(EngineConfig.of(m, 5000, 2000)).build();
    assertEquals(AutoSettings.textEpochs(4, AutoSettings.TEXT_MINI_BATCH), c.epochs());
    assertEquals(AutoSettings.TEXT_MIN_STEPS, c.epochs(), "4 rows: one step per epoch");
    assertEquals(AutoSettings.TEXT_MINI_BATCH, c.miniBatch());
    assertEquals(AutoSettings.TEXT_LEARNING_RATE, c.learningRate());
    assertEquals(AutoSettings.TEXT_L2, c.l2());
    assertArrayEquals(new double[] {AutoSettings.TEXT_L2}, t.l2Candidates(m));
    assertEquals(AutoSettings.TEXT_L2, t.fixedL2(m));
    assertEquals("text settings (wide and 1.00 % non-zero): epochs 500, mini-batch 128, lr 0.01,"
        + " L2 0.0001 (no selection)", t.describe());
  }

  @Test
  void theUsersOptionsWin() {
    BackpropMLP m = new BackpropMLP();
    m.setMaxEpochs(7);
    m.setMiniBatchSize(16);
    m.setLearningRate(0.05);
    m.setL2("0.01,0.1");
    TextSettings t = TextSettings.of(m, sparse(4, 2000, 20), false);
    assertTrue(t.applies());
    TrainerConfig c = t.apply(EngineConfig.of(m, 5000, 2000)).build();
    assertEquals(7, c.epochs());
    assertEquals(16, c.miniBatch());
    assertEquals(0.05, c.learningRate());
    assertEquals(0.1, c.l2(), "the strongest candidate until one is chosen");
    assertArrayEquals(new double[] {0.01, 0.1}, t.l2Candidates(m));
    assertEquals("", t.describe(), "nothing automatic to report");
  }

  @Test
  void aSparseBagOfWordsTrainsWithTheTextSettingsAndSaysSo() throws Exception {
    Instances data = bowSmall();
    BackpropMLP m = new BackpropMLP();
    m.setThreads(1);
    m.buildClassifier(data);
    String auto = m.getModelView().automaticSettings();
    assertTrue(auto.contains("text settings (wide and "), auto);
    // 200 rows: 2 mini-batches of 128 an epoch, 250 epochs for the least number of steps
    assertTrue(auto.contains("epochs 250, mini-batch 128, lr 0.01, L2 0.0001 (no selection)"),
        auto);
    assertTrue(m.toString().contains("text settings"), "the model's description names them");
    Instances iris;
    try (java.io.FileReader r = new java.io.FileReader("test-data/iris.arff")) {
      iris = new Instances(r);
    }
    iris.setClassIndex(iris.numAttributes() - 1);
    BackpropMLP dense = new BackpropMLP();
    dense.setThreads(1);
    dense.buildClassifier(iris);
    assertFalse(dense.getModelView().automaticSettings().contains("text"));
  }

  @ParameterizedTest(name = "-epochs {0}: resume adds {1}")
  @CsvSource({"0, 250", "100, 100", "7, 7", "250, 250"})
  void resumeAddsTheEpochsTheTextRuleChose(int optionEpochs, int added) throws Exception {
    Instances data = bowSmall();
    BackpropMLP m = new BackpropMLP();
    m.setThreads(1);
    m.setResume(true);
    m.setHiddenLayers("4");
    m.buildClassifier(data); // -epochs 0 (automatic, the default): the text rule's 250 epochs
    assertEquals(250, m.getModelView().epochs());
    m.setMaxEpochs(optionEpochs);
    weka.classifiers.functions.TestData.continueTraining(m, data);
    assertEquals(250 + added, m.getModelView().epochs());
    assertEquals(optionEpochs == 0 ? 100 : optionEpochs,
        TextSettings.NONE.resumeEpochs(optionEpochs), "dense: -epochs, 100 if automatic");
  }

  /**
   * An -epochs typed in is taken as it is, also when it equals the general default 100: the
   * automatic budget is -epochs 0 (a typed 100 had counted as "left at its default" and run the
   * text rule's 250 epochs, so no grid over -epochs could ask for exactly 100 on text).
   */
  @Test
  void aTypedEpochCountIsTakenOnTextToo() throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(weka.core.Utils.splitOptions("-threads 1 -hidden 4 -epochs 100"));
    m.buildClassifier(bowSmall());
    assertEquals(100, m.getModelView().epochs());
    assertFalse(m.getModelView().automaticSettings().contains("epochs 250"),
        m.getModelView().automaticSettings());
  }

  /**
   * A stream longer than its reservoir ends in epochs over the reservoir; on a wide, sparse
   * stream they take the text settings (for the reservoir's rows, λ₂ included), the pass over
   * the stream before them the row-by-row ones, and the description says which was which. A
   * dense stream's epochs keep the row-by-row settings.
   */
  @Test
  void aStreamedBagOfWordsTakesTheTextSettingsOverItsReservoir() throws Exception {
    Instances data = bowSmall();
    BackpropMLP m = TestData.streamed(data, "-reservoir", "100",
        "-hidden", "4", "-threads", "1");
    String auto = m.getModelView().automaticSettings();
    assertTrue(auto.startsWith("automatic row by row and "), auto);
    assertTrue(auto.contains(": mini-batch 32, lr 0.003, "), "the pass over the stream: " + auto);
    // 100 rows: one mini-batch of 128 an epoch, so the least number of steps sets the epochs
    int epochs = AutoSettings.textEpochs(100, AutoSettings.TEXT_MINI_BATCH);
    assertTrue(auto.contains("; epochs over the reservoir: text settings (wide and "), auto);
    assertTrue(auto.endsWith(" % non-zero): epochs " + epochs
        + ", mini-batch 128, lr 0.01, L2 0.0001 (no selection)"), auto);
    assertEquals(epochs, m.getModelView().epochs());
    assertEquals(AutoSettings.TEXT_L2, m.getModelView().l2());

    Instances iris = TestData.load("iris");
    BackpropMLP dense = TestData.streamed(iris, "-reservoir", "50",
        "-epochs", "3", "-threads", "1");
    assertFalse(dense.getModelView().automaticSettings().contains("text"));
    assertEquals(3, dense.getModelView().epochs());
  }

  /**
   * The dense sets keep their models bit for bit: none of the bundled data sets has nearly as many
   * encoded inputs as the text settings need, even counting a missing-value indicator per column.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"breast-cancer", "cpu", "credit-g",
      "diabetes", "glass", "ionosphere", "iris", "labor", "segment-challenge", "soybean",
      "unbalanced", "vote"})
  void noBundledDataSetIsWideEnoughForTheTextSettings(String name) throws Exception {
    Instances data;
    try (java.io.FileReader r = new java.io.FileReader("test-data/" + name + ".arff")) {
      data = new Instances(r);
    }
    data.setClassIndex(data.numAttributes() - 1);
    assertTrue(2 * SparseEncoding.encodedColumns(data) < AutoSettings.TEXT_INPUTS);
  }

  /** The bundled 200-row sparse bag of words, class last. */
  private Instances bowSmall() throws java.io.IOException {
    try (InputStreamReader r = new InputStreamReader(
        getClass().getResourceAsStream("/sparse/bow-small.arff"), StandardCharsets.UTF_8)) {
      Instances data = new Instances(r);
      data.setClassIndex(data.numAttributes() - 1);
      return data;
    }
  }
}
