package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  /**
   * A failure that forgets the model calls {@code forget}; an interrupt reported so clears the
   * thread's interrupt status (it had stayed set on some routes, failing the thread's next
   * build); one that keeps the model leaves it set; an {@link Error} (Weka 3.8's Stop button
   * ends the thread with {@code ThreadDeath}) forgets the model too.
   */
  @Test
  void aForgettingFailureClearsTheInterruptAndAnErrorForgetsTheModel() {
    int[] forgotten = {0};
    Runnable forget = () -> forgotten[0]++;
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> TrainingStep.guarded(false, () -> {
      throw new InterruptedException("in mid-epoch");
    }, forget, Normalization.AUTO));
    assertEquals(1, forgotten[0]);
    assertFalse(Thread.interrupted(), "reported: the status is cleared");
    Thread.currentThread().interrupt();
    assertThrows(InterruptedBeforeStepException.class, () -> TrainingStep.guarded(true, () -> {
      throw new InterruptedBeforeStepException("before the epoch");
    }, forget, Normalization.AUTO));
    assertEquals(1, forgotten[0], "kept");
    assertTrue(Thread.interrupted(), "kept: the status stays until the caller clears it");
    Error death = new ThreadDeath();
    assertSame(death, assertThrows(ThreadDeath.class,
        () -> TrainingStep.guarded(true, () -> {
          throw death;
        }, forget, Normalization.AUTO)));
    assertEquals(2, forgotten[0]);
  }
}
