package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-epoch choice between the worker pool and the calling thread, on hand-made timings. */
class ThreadChoiceTest {

  /**
   * Runs one probe: the pool's steps take {@code pooledNanos} a row, the caller's alone
   * {@code aloneNanos}, except the first step of every block (which pays for moving data
   * between the cores, 20 times slower here) and one outlier of each kind inside the blocks,
   * all of which the choice must ignore.
   */
  private static ThreadChoice probe(long pooledNanos, long aloneNanos) {
    ThreadChoice c = new ThreadChoice();
    c.beginEpoch(true);
    for (int s = 0; s < ThreadChoice.PROBE_STEPS; s++) {
      assertTrue(c.probing());
      boolean pool = c.nextUsesPool();
      assertEquals((s / ThreadChoice.BLOCK) % 2 == 0, pool, "blocks in turn, the pool first");
      long nanos = pool ? pooledNanos : aloneNanos;
      if (s % ThreadChoice.BLOCK == 0) {
        nanos *= 20; // the first step of a block is not counted
      }
      if (s == 2 || s == 5) {
        nanos *= 50; // a descheduled step
      }
      c.record(nanos * 32, 32);
    }
    assertFalse(c.probing());
    return c;
  }

  @ParameterizedTest(name = "pool {0} ns/row, alone {1}: pool {2}")
  @CsvSource({
      "100, 200, true", // two threads twice as fast
      "89, 100, true", // just past the margin
      "91, 100, false", // a gain under 10 % does not repay the second thread's CPU
      "140, 100, false" // the second thread slows the step down (cores far apart)
  })
  void thePoolIsTakenOnlyWhenClearlyFaster(long pooled, long alone, boolean expected) {
    ThreadChoice c = probe(pooled, alone);
    assertEquals(expected, c.poolChosen());
    for (int s = 0; s < 5; s++) {
      assertEquals(expected, c.nextUsesPool(), "the rest of the epoch follows the choice");
    }
  }

  @Test
  void eachEpochProbesAgain() {
    ThreadChoice c = probe(100, 200);
    assertTrue(c.poolChosen());
    c.beginEpoch(true);
    assertTrue(c.probing());
    assertFalse(c.poolChosen(), "no choice before the new probe ends");
    for (int s = 0; s < ThreadChoice.PROBE_STEPS; s++) {
      c.record(c.nextUsesPool() ? 300 : 100, 1);
    }
    assertFalse(c.poolChosen(), "the vCPUs moved apart: back to one thread");
  }

  @Test
  void withoutAPoolNothingIsTimedAndNoStepUsesIt() {
    ThreadChoice c = new ThreadChoice();
    c.beginEpoch(false);
    assertFalse(c.probing());
    assertFalse(c.nextUsesPool());
    c.record(1, 1);
    assertFalse(c.poolChosen());
  }

  @Test
  void shortBatchesAreComparedPerRow() {
    ThreadChoice c = new ThreadChoice();
    c.beginEpoch(true);
    for (int s = 0; s < ThreadChoice.PROBE_STEPS; s++) {
      // the pool's steps have 4 rows and take 200 ns, the caller's 32 rows and 800 ns:
      // 50 ns a row against 25
      c.record(c.nextUsesPool() ? 200 : 800, c.nextUsesPool() ? 4 : 32);
    }
    assertFalse(c.poolChosen());
  }
}
