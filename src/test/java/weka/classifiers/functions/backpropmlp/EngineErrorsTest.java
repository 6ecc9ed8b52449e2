package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.backprop.train.DivergenceException;

/** The engine's failures reworded: the remedy names the flag and the GUI property. */
class EngineErrorsTest {

  private static final DivergenceException DIVERGED = new DivergenceException(
      DivergenceException.Kind.LOSS_NOT_FINITE, 3, 0.5, Double.NaN, Double.NaN);

  @Test
  void aDivergenceGetsItsRemedyOnceWithTheEnginesNumbers() {
    DivergenceException advised = EngineErrors.advised(DIVERGED, Normalization.AUTO);
    String msg = advised.getMessage();
    assertTrue(msg.startsWith(DIVERGED.getMessage()), msg);
    assertTrue(msg.contains("diverged in epoch 3"), msg);
    assertTrue(msg.contains("use a lower -lr (learningRate), e.g. 0.0500"), msg);
    assertTrue(msg.contains("-clip 1 (gradientClipNorm)"), msg);
    assertSame(DIVERGED, advised.getCause());
    assertEquals(DIVERGED.epoch(), advised.epoch());
    assertSame(advised, EngineErrors.advised(advised, Normalization.AUTO), "advised once");
  }

  /**
   * With -normalize NONE the remedy names the scaling first: inputs of ±1e308 had been advised
   * ever lower rates, down to 1e-301, which cannot help; a whole build says the same.
   */
  @Test
  void unscaledInputsAreAdvisedTheScalingFirst() throws Exception {
    String msg = EngineErrors.advised(DIVERGED, Normalization.NONE).getMessage();
    assertTrue(msg.contains("-normalize (normalization) NONE feeds the inputs unscaled, and inputs"
        + " far from [-1, 1] diverge whatever the learning rate: scale them with -normalize AUTO"
        + " (the default); for inputs near [-1, 1], use a lower -lr (learningRate)"), msg);
    weka.core.Instances iris = weka.classifiers.functions.TestData.load("iris");
    for (weka.core.Instance row : iris) {
      row.setValue(0, row.value(0) * 1e305);
    }
    weka.classifiers.functions.BackpropMLP m = new weka.classifiers.functions.BackpropMLP();
    m.setOptions(weka.core.Utils.splitOptions("-normalize NONE -l2 0.01 -epochs 3"));
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(DivergenceException.class,
        () -> m.buildClassifier(iris));
    assertTrue(e.getMessage().contains("scale them with -normalize AUTO"), e.getMessage());
  }

  @Test
  void anAbsurdRateGetsAUsableSuggestionNotATenthOfItself() {
    String msg = EngineErrors.advised(new DivergenceException(
        DivergenceException.Kind.LOSS_NOT_FINITE, 1, 1e307, Double.NaN, Double.NaN),
        Normalization.AUTO).getMessage();
    assertTrue(msg.contains("use a lower -lr (learningRate), e.g. 0.100"), msg);
  }

  @Test
  void aStreamingDivergenceSaysWhereTheRowByRowTrainingCameFrom() {
    String streaming = EngineErrors.advised(new DivergenceException(
        DivergenceException.Kind.LOSS_NOT_FINITE, 0, 0.5, Double.NaN, Double.NaN),
        Normalization.AUTO).getMessage();
    assertTrue(streaming.contains("a streaming update"), streaming);
    assertTrue(streaming.endsWith(EngineErrors.STREAMING_NOTE), streaming);
    assertFalse(EngineErrors.advised(DIVERGED, Normalization.AUTO).getMessage()
        .contains("updateClassifier"), "a batch epoch's divergence says nothing about streaming");
  }

  @Test
  void wordedAdvisesADivergenceAndLeavesOtherFailuresAlone() {
    assertTrue(EngineErrors.worded(DIVERGED, Normalization.AUTO).hasAdvice());
    IllegalStateException other = new IllegalStateException("worker failed");
    assertSame(other, EngineErrors.worded(other, Normalization.AUTO));
    InterruptedException interrupted = new InterruptedException();
    assertSame(interrupted, EngineErrors.worded(interrupted, Normalization.AUTO));
  }

  @Test
  void aRefusedLayerSpecificationNamesTheOption() {
    IllegalArgumentException engine = new IllegalArgumentException("hidden layer width 0");
    IllegalArgumentException e = EngineErrors.hiddenLayers(engine);
    assertEquals("-hidden (hiddenLayers): hidden layer width 0", e.getMessage());
    assertSame(engine, e.getCause());
  }
}
