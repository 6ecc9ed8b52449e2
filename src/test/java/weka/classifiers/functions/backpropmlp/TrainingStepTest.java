package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.backprop.train.InterruptedBeforeStepException;

/**
 * The model survives only an interrupt noticed before anything changed, in a step that can be
 * made again (an epoch, a row); every other failure, and any failure of a build or a stream's
 * end, forgets it.
 */
class TrainingStepTest {

  @Test
  void onlyAnUntouchedInterruptOfARepeatableStepKeepsTheModel() {
    Exception untouched = new InterruptedBeforeStepException("before the epoch");
    assertTrue(TrainingStep.keepsModel(true, untouched));
    assertFalse(TrainingStep.keepsModel(false, untouched), "a build is not finished");
    assertFalse(TrainingStep.keepsModel(true, new InterruptedException("in mid-epoch")));
    assertFalse(TrainingStep.keepsModel(true, new IllegalStateException("diverged")));
  }

  /** A model not kept is not reported with the type that says the call may be made again. */
  @Test
  void anInterruptWhoseModelWasForgottenIsAPlainOne() {
    Exception untouched = new InterruptedBeforeStepException("before the epoch");
    assertSame(untouched, TrainingStep.thrown(true, untouched));
    Exception plain = TrainingStep.thrown(false, untouched);
    assertEquals(InterruptedException.class, plain.getClass());
    assertEquals("before the epoch", plain.getMessage());
    assertSame(untouched, plain.getCause());
    Exception other = new IllegalStateException("diverged");
    assertSame(other, TrainingStep.thrown(false, other));
  }
}
