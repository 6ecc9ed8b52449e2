package weka.classifiers.functions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link MachinePeak}'s reading of the FMA ceiling that bench/run.sh passes to the harness. */
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
}
