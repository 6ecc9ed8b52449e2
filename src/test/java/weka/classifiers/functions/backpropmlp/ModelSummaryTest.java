package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import weka.classifiers.functions.backprop.train.TrainingHistory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/** The gradient-health warnings and the CSV training curve. */
class ModelSummaryTest {

  @Test
  void flagsVanishingAndExplodingLayersWithAdvice() {
    TrainingHistory h = new TrainingHistory(3);
    h.record(1, Double.NaN, Double.NaN, 0.01, new double[] {1e-9, 0.5, 2e4});
    String text = ModelSummary.gradientHealth(h);
    assertTrue(text.contains("layer 1's gradient vanishes"), text);
    assertTrue(text.contains("RELU"), text);
    assertTrue(text.contains("layer 3's gradient explodes"), text);
    assertTrue(text.contains("-clip"), text);
    assertFalse(text.contains("layer 2's"), text);
  }

  @Test
  void healthyLayersGiveNoWarning() {
    TrainingHistory h = new TrainingHistory(2);
    h.record(1, 0.9, 0.5, 0.01, new double[] {0.1, 0.3});
    assertFalse(ModelSummary.gradientHealth(h).contains("WARNING"));
  }

  @Test
  void curveFileHasOneRowPerEpochAndAColumnPerLayer(@TempDir Path dir) throws Exception {
    File csv = dir.resolve("curve.csv").toFile();
    Instances data = DataSource.read("test-data/iris.arff");
    data.setClassIndex(data.numAttributes() - 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "12", "-hidden", "5,4", "-validation", "20",
        "-curve-file", csv.getPath()});
    m.buildClassifier(data);
    List<String> lines = Files.readAllLines(csv.toPath());
    assertEquals("epoch,train_loss,validation_loss,validation_accuracy,learning_rate,"
        + "grad_norm_layer1,grad_norm_layer2,grad_norm_layer3", lines.get(0));
    assertEquals(1 + m.getModelView().epochs(), lines.size());
    String[] first = lines.get(1).split(",");
    assertEquals(8, first.length);
    assertEquals("1", first[0]);
    assertTrue(Double.parseDouble(first[3]) >= 0 && Double.parseDouble(first[3]) <= 1);
  }

  /**
   * The debug line of an epoch (-output-debug-info) gives the validation figures when there is a
   * holdout and says there is none otherwise (it had printed "validation loss NaN").
   */
  @Test
  void theDebugLineSaysWhenThereIsNoHoldout() throws Exception {
    Instances iris = DataSource.read("test-data/iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
    for (String validation : new String[] {"0", "20"}) {
      BackpropMLP o = new BackpropMLP();
      o.setOptions(Utils.splitOptions("-epochs 2 -l2 0.01 -validation " + validation));
      TrainingSession s = BatchBuild.fit(o, iris, false);
      while (s.hasEpochsToRun()) {
        s.runEpoch();
      }
      String line = ModelSummary.lastEpoch(s.model());
      assertTrue(line.startsWith("BackpropMLP epoch 2: train loss "), line);
      assertEquals(validation.equals("0"), line.contains("(no validation holdout)"), line);
      assertEquals(!validation.equals("0"), line.contains(", validation accuracy "), line);
      assertFalse(line.contains("NaN"), line);
    }
  }

  /**
   * An option set to a value that cannot act on the model is named with the reason, and the
   * architecture line no longer shows a smoothing that the loss ignores; where the option acts,
   * nothing is said.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "cpu  | -label-smoothing 0.1        | No effect: -label-smoothing 0.1 smooths the targets of"
          + " the cross-entropy losses only, and this model is trained with SQUARED_ERROR.",
      "iris | -loss HUBER -label-smoothing 0.2 | No effect: -label-smoothing 0.2",
      "cpu  | -class-weights BALANCED     | No effect: -class-weights BALANCED weights the rows of"
          + " a nominal class; this class is numeric.",
      "iris | -validation 0.1             | No effect: -validation 0.1 % held out none of the"
          + " 150 rows (each class gives that share of its rows, rounded, and keeps at least one",
      "weather.nominal | -validation 99   | Note: -validation 99 % held out 12 of 14 rows (86 %):"
          + " the holdout is taken per class, rounded, and leaves every class a row to train on.",
      "iris | -validation 99              | ",
      "iris | -loss HUBER                 | No effect: -loss HUBER on a nominal class is"
          + " SQUARED_ERROR",
      "iris | -schedule STEP -warmup 50 -epochs 10 | Note: -warmup 50 is not shorter than the 10"
          + " epochs trained",
      "cpu  | -normalize NONE             | Note: -normalize NONE feeds the inputs to the network"
          + " unscaled",
      "diabetes | -l1 0.1 -epochs 30       | Note: the model predicts nearly the same for every"
          + " training row",
      "cpu  | -lr 1 -epochs 100            | Note: the model predicts nearly the same for every"
          + " training row (no output moves by more than 0.0 across all of them, the 1 % farthest"
          + " out at either end aside)",
      "iris | -lr 1e-300                   | Note: the training loss moved by less than 0.1 % of"
          + " itself in 2 epochs (1.0143 at the first, 1.0143 at the last)",
      "iris | -momentum 0.5 -nesterov      | No effect: -momentum 0.5 and -nesterov apply to"
          + " -optimizer SGD only; this model is trained with ADAM.",
      "iris | -optimizer RMSPROP -nesterov | No effect: -nesterov applies to -optimizer SGD only",
      "iris | -optimizer SGD -momentum 0 -nesterov | No effect: -nesterov is a form of momentum",
      "iris | -l2 0.01 -patience 5         | No effect: -patience 5 counts epochs without a lower"
          + " validation loss",
      "iris | -hidden 0 -dropout 0.5       | No effect: -dropout 0.5 drops hidden units, and this"
          + " model has no hidden layer.",
      "iris | -hidden 0 -activation TANH   | No effect: -activation TANH sets the hidden layers"
          + " that name no activation of their own, and this model has no hidden layer.",
      "iris | -hidden 8:ELU -activation TANH | No effect: -activation TANH sets the hidden layers"
          + " that name no activation of their own, and this model has none",
      "iris | -hidden 8:TANH -activation TANH | No effect: -activation TANH sets the hidden"
          + " layers that name no activation of their own, and this model has none",
      "iris | -hidden 8:ELU,4 -activation TANH -dropout 0.2 | ",
      "iris | -label-smoothing 0.2 -class-weights BALANCED -validation 10 | ",
      "iris | -optimizer SGD -momentum 0.5 -nesterov -patience 5 | ",
      "iris | -l2 0.01 -validation 10 -patience 5 | ",
      "iris | -warmup 1                   | ",
      "iris | -normalize NONE             | ",
      "cpu  | -validation 10              | "})
  void optionsWithoutEffectAreNamed(String set, String options, String note) throws Exception {
    Instances data = DataSource.read("test-data/" + set + ".arff");
    data.setClassIndex(data.numAttributes() - 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions(options + (options.contains("-epochs") ? "" : " -epochs 2")));
    m.buildClassifier(data);
    String text = m.toString();
    assertNote(note, text);
    boolean smoothed = text.contains("(smoothing");
    assertEquals(options.contains("smoothing") && !options.contains("HUBER")
        && data.classAttribute().isNominal(), smoothed, text);
  }

  /**
   * The options of epochs that a pass over a stream cannot apply are named: class balancing
   * needs the class frequencies, which a stream knows only at its end (its epochs over the
   * reservoir apply it), and a single pass runs no epochs; a stream that fits the reservoir gets
   * the batch model, where they all act.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-reservoir 0 -class-weights BALANCED | No effect: -class-weights BALANCED weights rows by"
          + " their class's frequency, which a stream does not know before its end: the pass"
          + " over the 120 streamed rows took each at its own weight; epochs over a reservoir",
      "-reservoir 0 -validation 20 -patience 5 | No effect: -validation 20, -patience 5 act on"
          + " epochs, and a single pass over a stream (-reservoir 0) runs none.",
      "-reservoir 0 -epochs 7             | No effect: -epochs 7 acts on epochs",
      "-reservoir 50 -class-weights BALANCED | Note: -class-weights BALANCED weights rows by"
          + " their class's frequency, which a stream does not know before its end: the pass"
          + " over the 120 streamed rows took each at its own weight; these epochs applied it.",
      "-reservoir 200 -class-weights BALANCED -validation 20 | "})
  void theOptionsAStreamsPassCannotApplyAreNamed(String options, String note) throws Exception {
    Instances iris = DataSource.read("test-data/iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions(options));
    m.buildClassifier(new Instances(iris, 0));
    for (int i = 0; i < 120; i++) {
      m.updateClassifier(iris.instance(i));
    }
    m.batchFinished();
    String text = m.toString();
    assertNote(note, text);
  }

  /** {@code text} holds {@code note}, or, where it is null, no note at all. */
  private static void assertNote(String note, String text) {
    if (note == null) {
      assertFalse(text.contains("No effect") || text.contains("Note:"), text);
    } else {
      assertTrue(text.contains(note), text);
    }
  }

  /**
   * Options set after training (a model read back on a server and given new ones) do not change
   * what the description says the model was trained with; the decimals, which only format it,
   * are the current ones.
   */
  @Test
  void theDescriptionShowsTheOptionsTheModelWasTrainedWith() throws Exception {
    Instances iris = DataSource.read("test-data/iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions("-hidden 8 -epochs 5 -l2 0.001 -seed 3"));
    m.buildClassifier(iris);
    String trained = m.toString();
    m.setOptions(Utils.splitOptions("-hidden 64,64 -activation TANH -epochs 9 -seed 9"));
    assertEquals(trained, m.toString());
    assertTrue(trained.contains("-hidden 8 ") && trained.contains("-seed 3 "), trained);
    m.setNumDecimalPlaces(6);
    assertTrue(m.toString().contains("-hidden 8 ") && !m.toString().equals(trained));

    // -resume goes on with the same network and settings: only -epochs acts, and the
    // description names the options set since that did not (they had gone without a word)
    BackpropMLP r = new BackpropMLP();
    r.setOptions(Utils.splitOptions("-hidden 8 -epochs 3 -resume -nesterov"));
    r.buildClassifier(iris);
    r.setOptions(Utils.splitOptions("-hidden 32 -epochs 4 -resume -lr 0.5 -dropout -1"
        + " -num-decimal-places 3"));
    TestData.continueTraining(r, iris);
    assertEquals(7, r.getModelView().epochs());
    assertTrue(r.toString().contains("Options: -hidden 8 ") && r.toString().contains("\nNot"
        + " applied to the continued epochs (-resume goes on with the options above and takes"
        + " only -epochs; a new build applies them): -hidden 32 (was 8), -lr 0.5 (was 0.0),"
        + " -nesterov off (was on)\n"), r.toString());
    r.setOptions(Utils.splitOptions("-hidden 8 -epochs 2 -resume -nesterov"));
    TestData.continueTraining(r, iris);
    assertFalse(r.toString().contains("Not applied"), r.toString());
    assertTrue(r.toString().contains("Continued (-resume) by up to +4, +2 epochs after the build;"
        + " the options above are the build's."), r.toString());

    // more rows streamed into a model after its options were reset, as Weka's
    // -continue-iterating does to a model read back with -l: the network is still the one built
    BackpropMLP s = new BackpropMLP();
    s.setOptions(Utils.splitOptions("-hidden 8 -seed 5"));
    s.buildClassifier(new Instances(iris, 0));
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < iris.numInstances(); i++) {
        s.updateClassifier(iris.instance(i));
      }
      s.batchFinished();
      s = (BackpropMLP) new weka.core.SerializedObject(s).getObject(); // saved and read back
      s.setOptions(new String[0]);
    }
    assertTrue(s.toString().contains("Options: -hidden 8 ") && s.toString().contains("-seed 5 ")
        && !s.toString().contains("16 hidden units"), s.toString());
    assertTrue(s.toString().contains("Options at the stream's end, which the steps and epochs"
        + " after the build followed (the network is the one built with those above): -hidden"
        + " auto "), s.toString());
  }

  /**
   * One training row leaves nothing to compare, so no "predicts nearly the same for every
   * training row" note; a model in mid-stream names its class's kind as a finished one does.
   */
  @Test
  void oneRowGetsNoSpreadNoteAndAStreamNamesItsClassKind() throws Exception {
    Instances iris = DataSource.read("test-data/iris.arff");
    iris.setClassIndex(iris.numAttributes() - 1);
    Instances one = new Instances(iris, 0, 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions("-epochs 3 -l2 0.01"));
    m.buildClassifier(one);
    assertFalse(m.toString().contains("nearly the same"), m.toString());
    BackpropMLP s = new BackpropMLP();
    s.buildClassifier(new Instances(iris, 0));
    for (int i = 0; i < 40; i++) {
      s.updateClassifier(iris.instance(i));
    }
    assertTrue(s.toString().contains("Class: class (nominal, 3 values)"), s.toString());
  }

  /**
   * A numeric class's description says which numbers are in its standard deviations and which
   * in its units, and a value the decimals would print as 0 (the RMSE of a class in 1e-8 units)
   * gets significant digits instead.
   */
  @Test
  void aNumericClassSaysItsUnitsAndASmallRmseIsNotZero() throws Exception {
    Instances cpu = DataSource.read("test-data/cpu.arff");
    cpu.setClassIndex(cpu.numAttributes() - 1);
    for (int i = 0; i < cpu.numInstances(); i++) {
      cpu.instance(i).setClassValue(cpu.instance(i).classValue() * 1e-8);
    }
    String text = trained(cpu, "-epochs 5 -validation 20 -l2 0.01").toString();
    assertTrue(text.contains("(numeric; the losses below are computed on it minus its mean, over"
        + " its standard deviation (half the squared error); RMSE in its units)"), text);
    assertTrue(text.matches("(?s).*validation RMSE \\d\\.\\d{3}e-0\\d.*"), text);
  }

  /** With too few rows for a holdout, the description says the strongest penalty was kept. */
  @Test
  void aSelectionWithoutHoldoutRowsSaysSo() throws Exception {
    Instances three = new Instances(DataSource.read("test-data/iris.arff"), 0);
    three.setClassIndex(three.numAttributes() - 1);
    Instances iris = DataSource.read("test-data/iris.arff");
    for (int i : new int[] {0, 50, 100}) {
      three.add(iris.instance(i));
    }
    BackpropMLP m = new BackpropMLP();
    m.setOptions(new String[] {"-epochs", "3"});
    m.buildClassifier(three);
    assertTrue(m.toString().contains("L2 penalty: 0.01, the strongest of the list: the data have"
        + " too few rows to hold any out"), m.toString());
  }

  /**
   * Rows of weight 0 count among the training rows, as Weka's data hold them, and the
   * description says how many of them nothing was learnt from (a reader had taken "Training
   * rows: 187" for 187 rows trained on where 87 were).
   */
  @Test
  void rowsOfWeightZeroAreNamed() throws Exception {
    Instances cpu = DataSource.read("test-data/cpu.arff");
    cpu.setClassIndex(cpu.numAttributes() - 1);
    for (int i = 0; i < 50; i++) {
      cpu.instance(i).setWeight(0);
    }
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions("-epochs 3 -l2 0.01"));
    m.buildClassifier(cpu);
    assertTrue(m.toString().contains("Training rows: 209, validation rows: 0"), m.toString());
    assertTrue(m.toString().contains("Note: 50 of the 209 training rows have weight 0, so nothing"
        + " was learnt from them."), m.toString());
    m.buildClassifier(new Instances(cpu, 50, 159)); // the rows of weight 1 alone
    assertFalse(m.toString().contains("have weight 0"), m.toString());
  }

  @Test
  void countsTakeThePluralExceptForOne() {
    assertEquals("0 rows", ModelSummary.count(0, "row"));
    assertEquals("1 input", ModelSummary.count(1, "input"));
    assertEquals("2 missing-value indicators", ModelSummary.count(2, "missing-value indicator"));
  }

  @Test
  void aLossThatMovedByLessThanATenthOfAPercentStoodStill() {
    TrainingHistory h = new TrainingHistory(1);
    h.record(1.0143, Double.NaN, Double.NaN, 1e-7, new double[] {0.6});
    assertFalse(ModelSummary.lossStood(h), "one epoch has nothing to compare");
    h.record(1.0136, Double.NaN, Double.NaN, 1e-7, new double[] {0.6});
    assertTrue(ModelSummary.lossStood(h));
    h.record(1.0, Double.NaN, Double.NaN, 1e-7, new double[] {0.6});
    assertFalse(ModelSummary.lossStood(h));
  }

  /**
   * A class with one value in every training row gets a note that says so, not the advice for a
   * model that learnt nothing (a weaker penalty, more epochs), which cannot help there.
   */
  @Test
  void aConstantClassIsNamedNotAdvisedAgainst() throws Exception {
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    atts.add(new weka.core.Attribute("x"));
    atts.add(new weka.core.Attribute("y"));
    Instances constant = new Instances("constant", atts, 60);
    constant.setClassIndex(1);
    for (int i = 0; i < 60; i++) {
      constant.add(new weka.core.DenseInstance(1, new double[] {i, 5}));
    }
    BackpropMLP m = trained(constant, "-epochs 5");
    String text = m.toString();
    assertTrue(text.contains("Note: every training row has the same class value: these rows"
        + " hold nothing to learn but that value"), text);
    assertFalse(text.contains("A weaker penalty"), text);
    assertEquals(5, m.classifyInstance(constant.instance(7)), 0.05);
  }

  /** @return a BackpropMLP with {@code options} built on {@code data} */
  private static BackpropMLP trained(Instances data, String options) throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions(options));
    m.buildClassifier(data);
    return m;
  }
}
