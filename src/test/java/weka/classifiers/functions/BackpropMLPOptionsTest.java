package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.train.AutoSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.Utils;

/**
 * The option contract: every option has a description, round-trips through
 * {@code getOptions}/{@code setOptions} (also through Weka's quoting of a command line), enum
 * values are accepted in any case, absent options fall back to defaults, and bad values are
 * refused with a message naming the option and what is allowed.
 */
class BackpropMLPOptionsTest {

  /** A non-default value for every option of BackpropMLP. */
  private static final String[][] NON_DEFAULTS = {
    {"-hidden", "16:TANH,8:GELU"}, {"-activation", "ELU"}, {"-loss", "HUBER"},
    {"-init", "HE_UNIFORM"}, {"-optimizer", "SGD"}, {"-lr", "0.05"}, {"-momentum", "0.5"},
    {"-nesterov"}, {"-mini-batch", "7"}, {"-epochs", "12"}, {"-schedule", "STEP"},
    {"-warmup", "3"}, {"-clip", "2.5"}, {"-l1", "1.0E-5"}, {"-l2", "0.5,0.05"},
    {"-dropout", "0.25"},
    {"-label-smoothing", "0.1"}, {"-class-weights", "BALANCED"}, {"-validation", "25.0"},
    {"-patience", "4"}, {"-normalize", "MINMAX"}, {"-seed", "42"}, {"-threads", "3"},
    {"-curve-file", "curve.csv"}, {"-reservoir", "500"}, {"-resume"}
  };

  @Test
  void everyListedOptionHasADescriptionAndANonDefaultCase() {
    Set<String> listed = new HashSet<>();
    for (Option o : Collections.list(new BackpropMLP().listOptions())) {
      assertTrue(o.description().trim().length() > 20, "description of -" + o.name());
      listed.add(o.name());
    }
    for (String[] nd : NON_DEFAULTS) {
      assertTrue(listed.contains(nd[0].substring(1)), nd[0] + " is not listed");
    }
    Set<String> own = new HashSet<>();
    for (String s : new BackpropMLP().getOptions()) {
      if (s.startsWith("-") && !Character.isDigit(s.charAt(1))) {
        own.add(s);
      }
    }
    for (String[] nd : NON_DEFAULTS) {
      own.remove(nd[0]);
    }
    assertTrue(own.isEmpty(), "options without a round-trip case: " + own);
  }

  @Test
  void everyOptionRoundTripsThroughACommandLine() throws Exception {
    List<String> all = new ArrayList<>();
    for (String[] nd : NON_DEFAULTS) {
      Collections.addAll(all, nd);
    }
    BackpropMLP a = new BackpropMLP();
    a.setOptions(all.toArray(new String[0]));
    String[] got = a.getOptions();
    for (String[] nd : NON_DEFAULTS) {
      int pos = indexOf(got, nd[0]);
      assertTrue(pos >= 0, nd[0] + " missing from " + String.join(" ", got));
      if (nd.length == 2) {
        assertEquals(nd[1], got[pos + 1], nd[0]);
      }
    }
    BackpropMLP b = new BackpropMLP();
    b.setOptions(Utils.splitOptions(Utils.joinOptions(got)));
    assertArrayEquals(got, b.getOptions());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "-hidden, 16:TANH,8:GELU", "-hidden, none", "-activation, ELU", "-lr, 0.05", "-nesterov, ",
    "-validation, 0.0", "-optimizer, RMSPROP"
  })
  void singleOptionSurvivesAFreshObject(String flag, String value) throws Exception {
    String[] in = value == null ? new String[] {flag} : new String[] {flag, value};
    BackpropMLP a = new BackpropMLP();
    a.setOptions(in);
    BackpropMLP b = new BackpropMLP();
    b.setOptions(Utils.splitOptions(Utils.joinOptions(a.getOptions())));
    assertArrayEquals(a.getOptions(), b.getOptions());
  }

  @Test
  void enumValuesAreCaseInsensitiveAndAbsentOptionsResetToDefaults() throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-activation", "tanh", "-optimizer", "AdamW", "-lr", "0.1"});
    assertEquals(Activation.TANH, m.getActivation());
    assertEquals("ADAMW", m.getOptimizer().name());
    m.setOptions(new String[0]);
    assertArrayEquals(new BackpropMLP().getOptions(), m.getOptions());
  }

  @Test
  void automaticStepSettingsFollowTheRowCountAndGiveWayToExplicitValues() throws Exception {
    // the values for given row counts: backpropmlp.BackpropMLPOptionsTest
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "2"});
    m.buildClassifier(TestData.load("iris"));
    assertTrue(m.toString().contains(
        "(automatic for 150 rows and 4 inputs: 16 hidden units, mini-batch 8, lr 0.01, no"
            + " dropout)"), m.toString());
    assertEquals("automatic for 150 rows and 4 inputs: 16 hidden units, mini-batch 8, lr 0.01,"
        + " no dropout",
        m.getModelView().automaticSettings());
    m.setOptions(new String[] {"-hidden", "64", "-mini-batch", "16", "-lr", "0.05", "-dropout",
        "0", "-epochs", "2"});
    m.buildClassifier(TestData.load("iris"));
    assertTrue(!m.toString().contains("automatic"), m.toString());
    assertEquals("", m.getModelView().automaticSettings());
  }

  @Test
  void automaticDropoutFollowsTheInputCountAndGivesWayToExplicitValues() throws Exception {
    // the values for given input counts: backpropmlp.BackpropMLPOptionsTest
    BackpropMLP m = new BackpropMLP();
    assertEquals(BackpropMLP.AUTOMATIC_DROPOUT, m.getDropout());
    m.setOptions(new String[] {"-epochs", "2"});
    m.buildClassifier(TestData.load("ionosphere"));
    assertTrue(m.toString().contains(
        "(automatic for 351 rows and 34 inputs: 64 hidden units, mini-batch 8, lr 0.01,"
            + " dropout 0.3)"),
        m.toString());
  }

  @ParameterizedTest(name = "{0} rows of 20 inputs: the model of -dropout {1}")
  @CsvSource({"2000, 0, no dropout", "1999, 0.3, dropout 0.3"})
  void automaticDropoutIsOffFromAHundredRowsPerInput(int rows, String dropout, String described)
      throws Exception {
    Instances data = gaussianClasses(rows, AutoSettings.DROPOUT_INPUTS);
    String[] common = {"-epochs", "1", "-l2", "0.01", "-threads", "1"};
    BackpropMLP automatic = new BackpropMLP();
    automatic.setOptions(common.clone());
    automatic.buildClassifier(data);
    assertTrue(automatic.getModelView().automaticSettings().endsWith(", " + described),
        automatic.getModelView().automaticSettings());
    BackpropMLP explicit = new BackpropMLP();
    explicit.setOptions(common.clone());
    explicit.setDropout(Double.parseDouble(dropout));
    explicit.buildClassifier(data);
    // the same training, so the same model bit for bit; the other value gives another model
    assertArrayEquals(explicit.distributionsForInstances(data),
        automatic.distributionsForInstances(data));
    explicit.setDropout(dropout.equals("0") ? AutoSettings.DROPOUT : 0);
    explicit.buildClassifier(data);
    assertFalse(Arrays.deepEquals(explicit.distributionsForInstances(data),
        automatic.distributionsForInstances(data)));
  }

  /** Two Gaussian classes over {@code inputs} numeric attributes, the class last. */
  private static Instances gaussianClasses(int rows, int inputs) {
    Instances data = TestData.numericTwoClass("gaussian", "x", inputs, rows);
    Random random = new Random(7);
    for (int r = 0; r < rows; r++) {
      double[] v = new double[inputs + 1];
      v[inputs] = r % 2;
      for (int a = 0; a < inputs; a++) {
        v[a] = random.nextGaussian() + (a < 3 ? v[inputs] : 0);
      }
      data.add(new DenseInstance(1.0, v));
    }
    return data;
  }

  @Test
  void emptyHiddenSpecMeansNoHiddenLayer() throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-hidden", ""});
    assertEquals("none", m.getHiddenLayers());
    m.setOptions(new String[] {"-hidden", "NONE", "-epochs", "5"});
    m.buildClassifier(TestData.load("iris"));
    assertTrue(m.toString().contains("Architecture: 4-3 SOFTMAX"), m.toString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = ';', value = {
    "-lr; -0.1; -lr",
    "-lr; -1e-9; 0 for automatic",
    "-lr; NaN; -lr",
    "-lr; Infinity; finite",
    "-lr; abc; a number",
    "-lr; 1e-400; option -lr: 1e-400 is too small to tell from 0",
    "-dropout; 1E-330; option -dropout: 1E-330 is too small to tell from 0",
    "-hidden; 16,0; out of range",
    "-hidden; a,b; expected a positive layer width",
    "-hidden; 64:NOPE; allowed: RELU, LEAKY_RELU",
    "-activation; NOPE; allowed: RELU, LEAKY_RELU",
    "-optimizer; LBFGS; allowed: SGD, ADAM",
    "-epochs; -1; -epochs",
    "-epochs; -5; >= 1, or 0 for automatic",
    "-mini-batch; -1; -mini-batch",
    "-momentum; 1; [0, 1)",
    "-validation; 100; [0, 100)",
    "-patience; -1; -patience",
    "-dropout; 1.5; -dropout",
    "-dropout; -0.5; -1 for automatic",
    "-l2; -1; -l2",
    "-l2; '0.01,x'; comma-separated list",
    "-l2; '0.01,,0.1'; comma-separated list",
    "-l2; '0.01,-0.1'; >= 0",
    "-l2; ' '; comma-separated list",
    "-l2; ','; comma-separated list",
    "-batch-size; abc; -batch-size (batchSize) must be a whole number >= 1, got \"abc\"",
    "-batch-size; -5; -batch-size (batchSize)",
    "-batch-size; 0; -batch-size (batchSize)",
    "-num-decimal-places; abc; option -num-decimal-places expects an integer >= 0, got 'abc'",
    "-num-decimal-places; -3; -num-decimal-places",
    "-l2; ' , , '; comma-separated list",
    "-l2; '0.01,'; comma-separated list",
    "-clip; -1; -clip",
    "-warmup; -2; -warmup",
    "-label-smoothing; 1; -label-smoothing",
    "-threads; -1; -threads",
    "-reservoir; -1; -reservoir"
  })
  void badValuesAreRefusedWithAMessageNamingTheOption(String flag, String value, String expected) {
    Exception e = assertThrows(Exception.class,
        () -> new BackpropMLP().setOptions(new String[] {flag, value}));
    assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
        "message '" + e.getMessage() + "' should contain '" + expected + "'");
  }

  @Test
  void unknownOptionsAreRefused() {
    Exception e = assertThrows(Exception.class,
        () -> new BackpropMLP().setOptions(new String[] {"-no-such-option", "1"}));
    assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
  }

  private static int indexOf(String[] a, String s) {
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals(s)) {
        return i;
      }
    }
    return -1;
  }
}
