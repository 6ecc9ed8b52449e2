package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Schedule;
import weka.classifiers.functions.backprop.train.TrainerConfig;

/**
 * The options' values in force: the automatic step settings follow the row count and the
 * automatic dropout the input count, explicit values win; the defaults are the engine's; the
 * engine configuration carries every option; refusals name the flag and the GUI property. (The
 * command-line contract of the options is {@code functions.BackpropMLPOptionsTest}.)
 */
class BackpropMLPOptionsTest {

  @Test
  void automaticStepSettingsFollowTheRowCountAndGiveWayToExplicitValues() {
    BackpropMLP m = new BackpropMLP();
    assertEquals(BackpropMLPOptions.AUTOMATIC, m.getMiniBatchSize());
    assertEquals(BackpropMLPOptions.AUTOMATIC, m.getLearningRate());
    assertEquals(8, m.effectiveMiniBatch(AutoSettings.SMALL_DATA_ROWS - 1));
    assertEquals(0.01, m.effectiveLearningRate(AutoSettings.SMALL_DATA_ROWS - 1));
    assertEquals(32, m.effectiveMiniBatch(AutoSettings.SMALL_DATA_ROWS));
    assertEquals(0.003, m.effectiveLearningRate(AutoSettings.SMALL_DATA_ROWS));
    assertEquals(32, m.effectiveMiniBatch(AutoSettings.UNKNOWN_ROWS), "row by row");
    assertEquals(0.003, m.effectiveLearningRate(AutoSettings.UNKNOWN_ROWS), "row by row");
    m.setMiniBatchSize(16);
    m.setLearningRate(0.05);
    assertEquals(16, m.effectiveMiniBatch(10));
    assertEquals(0.05, m.effectiveLearningRate(10));
    assertEquals(16, m.effectiveMiniBatch(AutoSettings.UNKNOWN_ROWS));
  }

  @Test
  void automaticDropoutFollowsInputsAndRowsAndGivesWayToExplicitValues() {
    BackpropMLP m = new BackpropMLP();
    int inputs = AutoSettings.DROPOUT_INPUTS;
    int plentiful = AutoSettings.DROPOUT_MAX_ROWS_PER_INPUT * inputs;
    assertEquals(BackpropMLPOptions.AUTOMATIC_DROPOUT, m.getDropout());
    assertEquals(0, m.effectiveDropout(inputs - 1, 100));
    assertEquals(AutoSettings.DROPOUT, m.effectiveDropout(inputs, plentiful - 1));
    assertEquals(0, m.effectiveDropout(inputs, plentiful));
    assertEquals(AutoSettings.DROPOUT, m.effectiveDropout(inputs, AutoSettings.UNKNOWN_ROWS));
    m.setDropout(0.1);
    assertEquals(0.1, m.effectiveDropout(inputs, plentiful));
    m.setDropout(0);
    assertEquals(0, m.effectiveDropout(inputs, 100));
  }

  @Test
  void defaultsAreTheEngines() {
    BackpropMLP m = new BackpropMLP();
    assertEquals(BackpropMLPOptions.AUTOMATIC, m.getMaxEpochs());
    assertEquals(TrainerConfig.DEFAULT_EPOCHS, EngineConfig.epochs(m.getMaxEpochs()));
    assertEquals(7, EngineConfig.epochs(7));
    assertEquals(TrainerConfig.DEFAULT_MOMENTUM, m.getMomentum());
    assertEquals(TrainerConfig.DEFAULT_PATIENCE, m.getPatience());
    assertEquals(TrainerConfig.DEFAULT_SEED, m.getSeed());
    assertEquals(TrainerConfig.DEFAULT_OPTIMIZER, m.getOptimizer());
    assertEquals(TrainerConfig.DEFAULT_SCHEDULE, m.getSchedule());
    assertEquals(BackpropMLPOptions.DEFAULT_L2, m.getL2());
  }

  @Test
  void penaltyCandidatesGiveTheFixedPenaltyAndTheSelectionHoldout() {
    BackpropMLP m = new BackpropMLP();
    m.setL2("0.01, 0.1,0.001");
    assertEquals(3, m.l2Candidates().length);
    assertEquals(0.1, m.fixedL2(), "the strongest candidate");
    assertEquals(0.2, m.selectionHoldout(), "20 % without a validation holdout");
    m.setValidationPercent(25);
    assertEquals(0.25, m.selectionHoldout());
    m.setL2("0.5");
    assertEquals(0.5, m.fixedL2());
  }

  @Test
  void theEngineConfigurationCarriesEveryOption() {
    BackpropMLP m = new BackpropMLP();
    m.setMaxEpochs(12);
    m.setOptimizer(OptimizerType.SGD);
    m.setMomentum(0.5);
    m.setNesterov(true);
    m.setL1(1e-5);
    m.setL2("0.5,0.05");
    m.setGradientClipNorm(2.5);
    m.setValidationPercent(25);
    m.setPatience(4);
    m.setSeed(42);
    m.setSchedule(Schedule.STEP);
    m.setWarmupEpochs(3);
    m.setThreads(3);
    TrainerConfig c = EngineConfig.of(m, AutoSettings.SMALL_DATA_ROWS, AutoSettings.DROPOUT_INPUTS)
        .build();
    assertEquals(12, c.epochs());
    assertEquals(32, c.miniBatch());
    assertEquals(0.003, c.learningRate());
    assertEquals(OptimizerType.SGD, c.optimizer());
    assertEquals(0.5, c.momentum());
    assertTrue(c.nesterov());
    assertEquals(1e-5, c.l1());
    assertEquals(0.5, c.l2(), "the strongest candidate until one is chosen");
    assertEquals(2.5, c.clipNorm());
    assertEquals(0.25, c.validationFraction());
    assertEquals(4, c.patience());
    assertEquals(42, c.seed());
    assertEquals(AutoSettings.DROPOUT, c.dropout());
    assertEquals(Schedule.STEP, c.schedule());
    assertEquals(3, c.warmup());
    assertEquals(3, c.threads());
    m.setThreads(0);
    assertEquals(Runtime.getRuntime().availableProcessors(), m.effectiveThreads());
  }

  @Test
  void theDefaultWidthIsAutomaticAndFollowsTheInputs() {
    BackpropMLP m = new BackpropMLP();
    assertEquals("auto", m.getHiddenLayers());
    assertTrue(EngineConfig.automaticWidth(m));
    assertEquals("16:RELU", EngineConfig.layers(m, 4).toString());
    assertEquals("52:RELU", EngineConfig.layers(m, 13).toString());
    assertEquals("64:RELU", EngineConfig.layers(m, 784).toString());
    m.setHiddenLayers("Auto:TANH, 8");
    assertTrue(EngineConfig.automaticWidth(m));
    assertEquals("32:TANH,8:RELU", EngineConfig.layers(m, 8).toString());
    m.setHiddenLayers("64");
    assertFalse(EngineConfig.automaticWidth(m));
    assertEquals("64:RELU", EngineConfig.layers(m, 4).toString());
  }

  @Test
  void noneMeansNoHiddenLayer() {
    BackpropMLP m = new BackpropMLP();
    m.setHiddenLayers(" NONE ");
    assertEquals("none", m.getHiddenLayers());
    assertEquals("", EngineConfig.hiddenLayers(m));
    m.setHiddenLayers("16:TANH, 8");
    assertEquals("16:TANH, 8", EngineConfig.hiddenLayers(m));
    m.setHiddenLayers("0"); // as MultilayerPerceptron's -H 0
    assertEquals("none", m.getHiddenLayers());
    assertEquals("", EngineConfig.hiddenLayers(m));
    assertThrows(IllegalArgumentException.class, () -> m.setHiddenLayers("8,0"));
  }

  @Test
  void refusalsNameTheFlagAndTheGuiProperty() {
    BackpropMLP m = new BackpropMLP();
    assertMessage(assertThrows(IllegalArgumentException.class, () -> m.setLearningRate(-1)),
        "-lr (learningRate)");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> m.setMaxEpochs(-1)),
        "-epochs (maxEpochs)");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> m.setHiddenLayers("8,0")),
        "-hidden (hiddenLayers)");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> m.setL2("x")),
        "-l2 (l2)");
    assertMessage(assertThrows(IllegalArgumentException.class, () -> m.setActivation(null)),
        "-activation (activation)");
  }

  private static void assertMessage(Exception e, String part) {
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
