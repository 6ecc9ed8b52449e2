package weka.classifiers.functions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MachinePeak}'s reading of the FMA ceiling that bench/run.sh passes to the harness, and
 * the form of its stall count.
 */
class MachinePeakTest {

  /**
   * Whatever {@code -Dbench.fmaCeiling} holds, the harness gets a positive finite GFLOP/s figure
   * or NaN (printed as not measured), never zero, a negative or an infinite ceiling to divide by.
   */
  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(value = {"109.4, 109.4", "' 87.5 ', 87.5", "0, NaN", "-3, NaN", "abc, NaN",
      "NaN, NaN", "Infinity, NaN", "'', NaN", "<unset>, NaN"}, nullValues = "<unset>")
  void fmaCeilingIsAPositiveFiniteNumberOrNaN(String property, double expected) {
    String before = System.getProperty("bench.fmaCeiling");
    try {
      if (property == null) {
        System.clearProperty("bench.fmaCeiling");
      } else {
        System.setProperty("bench.fmaCeiling", property);
      }
      assertEquals(expected, MachinePeak.fmaCeiling(), 0.0);
    } finally {
      if (before == null) {
        System.clearProperty("bench.fmaCeiling");
      } else {
        System.setProperty("bench.fmaCeiling", before);
      }
    }
  }

  /**
   * The stall count is a rate and a share the report can print: with two processors a finite
   * non-negative rate and a share of the time from 0 to 1 (not a timing: how many stalls a
   * machine has is not asserted), NaN for both with one processor.
   */
  @Test
  void stallsAreARateAndAShareOfTheTime() {
    double[] s = MachinePeak.stalls(0.05);
    assertEquals(2, s.length);
    if (Runtime.getRuntime().availableProcessors() < 2) {
      assertTrue(Double.isNaN(s[0]) && Double.isNaN(s[1]));
    } else {
      assertTrue(s[0] >= 0 && Double.isFinite(s[0]), "rate " + s[0]);
      assertTrue(s[1] >= 0 && s[1] <= 1, "share " + s[1]);
    }
  }
}
