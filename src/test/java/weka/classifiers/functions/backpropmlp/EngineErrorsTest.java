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
    DivergenceException advised = EngineErrors.advised(DIVERGED);
    String msg = advised.getMessage();
    assertTrue(msg.startsWith(DIVERGED.getMessage()), msg);
    assertTrue(msg.contains("diverged in epoch 3"), msg);
    assertTrue(msg.contains("use a lower -lr (learningRate), e.g. 0.0500"), msg);
    assertTrue(msg.contains("-clip 1 (gradientClipNorm)"), msg);
    assertSame(DIVERGED, advised.getCause());
    assertEquals(DIVERGED.epoch(), advised.epoch());
    assertSame(advised, EngineErrors.advised(advised), "advised once");
  }

  @Test
  void anAbsurdRateGetsAUsableSuggestionNotATenthOfItself() {
    String msg = EngineErrors.advised(new DivergenceException(
        DivergenceException.Kind.LOSS_NOT_FINITE, 1, 1e307, Double.NaN, Double.NaN)).getMessage();
    assertTrue(msg.contains("use a lower -lr (learningRate), e.g. 0.100"), msg);
  }

  @Test
  void aStreamingDivergenceSaysWhereTheRowByRowTrainingCameFrom() {
    String streaming = EngineErrors.advised(new DivergenceException(
        DivergenceException.Kind.LOSS_NOT_FINITE, 0, 0.5, Double.NaN, Double.NaN)).getMessage();
    assertTrue(streaming.contains("a streaming update"), streaming);
    assertTrue(streaming.endsWith(EngineErrors.STREAMING_NOTE), streaming);
    assertFalse(EngineErrors.advised(DIVERGED).getMessage().contains("updateClassifier"),
        "a batch epoch's divergence says nothing about streaming");
  }

  @Test
  void wordedAdvisesADivergenceAndLeavesOtherFailuresAlone() {
    assertTrue(EngineErrors.worded(DIVERGED).hasAdvice());
    IllegalStateException other = new IllegalStateException("worker failed");
    assertSame(other, EngineErrors.worded(other));
    InterruptedException interrupted = new InterruptedException();
    assertSame(interrupted, EngineErrors.worded(interrupted));
  }

  @Test
  void aRefusedLayerSpecificationNamesTheOption() {
    IllegalArgumentException engine = new IllegalArgumentException("hidden layer width 0");
    IllegalArgumentException e = EngineErrors.hiddenLayers(engine);
    assertEquals("-hidden (hiddenLayers): hidden layer width 0", e.getMessage());
    assertSame(engine, e.getCause());
  }
}
