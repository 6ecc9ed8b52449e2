package weka.classifiers.functions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CpuSteal}'s arithmetic on hand-written {@code /proc/stat} lines. */
class CpuStealTest {

  @Test
  void stealIsTheStolenShareOfTheTimeNotIdle() {
    CpuSteal a = CpuSteal.parse("cpu  100 0 50 800 10 0 5 35 7 0");
    // +300 user, +10 system, +100 idle (left out), +20 iowait (left out), +100 steal
    CpuSteal b = CpuSteal.parse("cpu  400 0 60 900 30 0 5 135 7 0");
    assertEquals(100.0 / 410, a.shareUntil(b), 1e-12);
  }

  @Test
  void unreadableOrUnchangedCountersAreNotMeasured() {
    CpuSteal junk = CpuSteal.parse("intr 1 2 3");
    assertTrue(Double.isNaN(junk.shareUntil(junk)));
    assertTrue(CpuSteal.mark().reportSince("nothing").startsWith("cpu steal during nothing: "));
  }
}
