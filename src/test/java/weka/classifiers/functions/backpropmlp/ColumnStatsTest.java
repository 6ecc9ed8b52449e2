package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One-pass column statistics of the batch encoder: hand values, NaN skipped as missing, the
 * degenerate columns, a two-pass check, values near ±Double.MAX_VALUE, and {@code divisor}.
 */
class ColumnStatsTest {

  private static final double NA = Double.NaN;

  @Test
  void handComputedStatisticsSkipMissingValues() {
    // present values 1, 3, 5: mean 3, Σ(v − 3)² = 8, sample variance 8/2 = 4
    ColumnStats s = ColumnStats.of(new double[] {1, NA, 3, 5, NA}, 5);
    assertEquals(3, s.count);
    assertEquals(3, s.mean, 1e-14);
    assertEquals(2, s.std, 1e-14);
    assertEquals(1, s.min, 0.0);
    assertEquals(5, s.max, 0.0);
    assertEquals(4, s.range(), 0.0);
  }

  @Test
  void onlyTheFirstNValuesCount() {
    ColumnStats s = ColumnStats.of(new double[] {2, 4, 1000, -1000}, 2);
    assertEquals(2, s.count);
    assertEquals(3, s.mean, 0.0);
    assertEquals(Math.sqrt(2), s.std, 1e-15);
    assertEquals(4, s.max, 0.0);
  }

  @Test
  void noValuePresentGivesMeanZeroStdOne() {
    ColumnStats s = ColumnStats.of(new double[] {NA, NA}, 2);
    assertEquals(0, s.count);
    assertEquals(0, s.mean, 0.0);
    assertEquals(1, s.std, 0.0);
    ColumnStats empty = ColumnStats.of(new double[0], 0);
    assertEquals(0, empty.count);
    assertEquals(1, empty.std, 0.0);
  }

  @Test
  void constantAndSingleValueColumnsHaveNoSpread() {
    ColumnStats zeros = ColumnStats.of(new double[] {0, 0, NA, 0}, 4);
    assertEquals(3, zeros.count);
    assertEquals(0, zeros.mean, 0.0);
    assertEquals(0, zeros.std, 0.0);
    assertEquals(0, zeros.range(), 0.0);
    ColumnStats sevens = ColumnStats.of(new double[] {7, 7, 7}, 3);
    assertEquals(7, sevens.mean, 1e-15);
    assertEquals(0, sevens.std, 1e-15);
    ColumnStats one = ColumnStats.of(new double[] {-2.5}, 1);
    assertEquals(-2.5, one.mean, 0.0);
    assertEquals(0, one.std, 0.0);
  }

  @Test
  void meanAndStdMatchATwoPassComputation() {
    Random r = new Random(11);
    double[] v = new double[500];
    double sum = 0;
    int present = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 7 == 0 ? NA : 1e5 + 40 * r.nextGaussian();
      if (!Double.isNaN(v[i])) {
        sum += v[i];
        present++;
      }
    }
    double mean = sum / present;
    double ss = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        ss += (x - mean) * (x - mean);
      }
    }
    ColumnStats s = ColumnStats.of(v, v.length);
    assertEquals(present, s.count);
    assertEquals(mean, s.mean, 1e-12 * mean);
    assertEquals(Math.sqrt(ss / (present - 1)), s.std, 1e-9 * s.std);
  }

  /**
   * Values near ±1.8e308 (whose differences and squares overflow) still give finite statistics:
   * for {1e308, −1e308, 1e308} the scaled values {1, −1, 1} have mean 1/3 and sample variance
   * ((2/3)² + (4/3)² + (2/3)²)/2 = 4/3.
   */
  @Test
  void valuesNearTheLargestDoubleDoNotOverflow() {
    ColumnStats s = ColumnStats.of(new double[] {1e308, -1e308, 1e308}, 3);
    assertEquals(1e308 / 3, s.mean, 1e293);
    assertEquals(2 / Math.sqrt(3) * 1e308, s.std, 1e294);
    assertEquals(-1e308, s.min, 0.0);
    assertEquals(1e308, s.max, 0.0);
  }

  /** An overflowed spread falls back to the column's largest magnitude, other bad ones to 1. */
  @ParameterizedTest(name = "divisor({0}, maxAbs {1}) = {2}")
  @CsvSource({
    "2.5, 7, 2.5", "1e-300, 7, 1e-300", "1e308, 7, 1e308", "0, 7, 1", "-0.0, 7, 1", "-3, 7, 1",
    "NaN, 7, 1", "Infinity, 1.7e308, 1.7e308", "Infinity, 0, 1", "Infinity, Infinity, 1",
    "-Infinity, 7, 1"
  })
  void divisorKeepsPositiveFiniteSpreadsAndReplacesTheRest(double spread, double maxAbs,
      double expected) {
    assertEquals(expected, ColumnStats.divisor(spread, maxAbs), 0.0);
  }
}
