package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Welford's one-value update and Chan, Golub &amp; LeVeque's merge: count, mean, sample standard
 * deviation, minimum and maximum against hand values and a two-pass computation, and a merge of
 * two partial summaries against the summary of the union.
 */
class RunningStatsTest {

  /** Mean 5, Σ(v − 5)² = 32, so the sample variance is 32/7; min 2, max 9. */
  private static final double[] HAND = {2, 4, 4, 4, 5, 5, 7, 9};

  private static RunningStats of(double[] v, int from, int to) {
    RunningStats s = new RunningStats();
    for (int i = from; i < to; i++) {
      s.add(v[i]);
    }
    return s;
  }

  private static RunningStats of(double... v) {
    return of(v, 0, v.length);
  }

  /** Two-pass mean and sample standard deviation: {mean, std}. */
  private static double[] twoPass(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0};
  }

  private static void assertSame(RunningStats expected, RunningStats actual, double tol) {
    assertEquals(expected.count(), actual.count(), 0.0, "count");
    assertEquals(expected.mean(), actual.mean(), tol * Math.max(1, Math.abs(expected.mean())),
        "mean");
    assertEquals(expected.std(), actual.std(), tol * Math.max(1, expected.std()), "std");
    assertEquals(expected.min(), actual.min(), 0.0, "min");
    assertEquals(expected.max(), actual.max(), 0.0, "max");
  }

  @Test
  void handComputedSummary() {
    RunningStats s = of(HAND);
    assertEquals(8, s.count(), 0.0);
    assertEquals(5, s.mean(), 1e-15);
    assertEquals(Math.sqrt(32.0 / 7), s.std(), 1e-15);
    assertEquals(2, s.min(), 0.0);
    assertEquals(9, s.max(), 0.0);
  }

  @Test
  void emptyAndSingleValueSummaries() {
    RunningStats empty = new RunningStats();
    assertEquals(0, empty.count(), 0.0);
    assertEquals(0, empty.mean(), 0.0);
    assertEquals(0, empty.std(), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, empty.min(), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, empty.max(), 0.0);

    RunningStats one = of(-3.5);
    assertEquals(1, one.count(), 0.0);
    assertEquals(-3.5, one.mean(), 0.0);
    assertEquals(0, one.std(), 0.0, "no spread below two values");
    assertEquals(-3.5, one.min(), 0.0);
    assertEquals(-3.5, one.max(), 0.0);
  }

  /**
   * Random samples (spread 3) around offsets up to 1e9, where the naive Σx² − n·mean² formula
   * loses every digit: Welford's update agrees with the two-pass computation to a few ulps times
   * the condition number |offset| / spread.
   */
  @ParameterizedTest(name = "offset {0}")
  @ValueSource(doubles = {0, -250, 1e6, 1e9})
  void meanAndStdMatchATwoPassComputation(double offset) {
    Random r = new Random(17);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = offset + 3 * r.nextGaussian();
    }
    double[] expected = twoPass(v);
    RunningStats s = of(v);
    assertEquals(expected[0], s.mean(), 1e-12 * Math.max(1, Math.abs(offset)));
    double condition = Math.abs(offset) / 3;
    double relative = Math.max(1e-12, 4 * Math.ulp(1.0) * condition);
    assertEquals(expected[1], s.std(), relative * expected[1]);
    assertEquals(Arrays.stream(v).min().getAsDouble(), s.min(), 0.0);
    assertEquals(Arrays.stream(v).max().getAsDouble(), s.max(), 0.0);
  }

  static IntStream cuts() {
    return IntStream.rangeClosed(0, HAND.length);
  }

  /** Every split of the hand sample, including an empty side, merges to the whole sample. */
  @ParameterizedTest(name = "split at {0}")
  @MethodSource("cuts")
  void mergingTwoPartsGivesTheSummaryOfTheUnion(int cut) {
    RunningStats whole = of(HAND);
    RunningStats left = of(HAND, 0, cut);
    RunningStats right = of(HAND, cut, HAND.length);
    RunningStats leftThenRight = left.copy();
    leftThenRight.merge(right);
    RunningStats rightThenLeft = right.copy();
    rightThenLeft.merge(left);
    assertSame(whole, leftThenRight, 1e-14);
    assertSame(whole, rightThenLeft, 1e-14);
  }

  @Test
  void mergingPartsOfVeryDifferentLocationAndSize() {
    Random r = new Random(3);
    double[] v = new double[1003];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < 3 ? 1e6 + r.nextGaussian() : -20 + 0.1 * r.nextGaussian();
    }
    RunningStats merged = of(v, 0, 3);
    merged.merge(of(v, 3, v.length));
    double[] expected = twoPass(v);
    assertEquals(v.length, merged.count(), 0.0);
    assertEquals(expected[0], merged.mean(), 1e-9 * Math.abs(expected[0]));
    assertEquals(expected[1], merged.std(), 1e-9 * expected[1]);
  }

  @Test
  void copyIsIndependent() {
    RunningStats s = of(HAND);
    RunningStats c = s.copy();
    c.add(1000);
    assertSame(of(HAND), s, 0.0);
    assertEquals(9, c.count(), 0.0);
    assertEquals(1000, c.max(), 0.0);
  }

  /**
   * Values near ±{@link Double#MAX_VALUE}, where {@code v − mean} and its square overflow in the
   * plain update, give the mean and spread of {@link ColumnStats} (the batch encoder's), so that a
   * streamed model scales such a column as a batch model does.
   */
  @Test
  void hugeFiniteValuesDoNotOverflow() {
    RunningStats s = of(1e308, -1e308);
    assertEquals(0, s.mean(), 0.0);
    assertEquals(Math.sqrt(2) * 1e308, s.std(), 1e294);
    double[] column = {0.5, -1.25, 1e308, 3, 2};
    RunningStats t = of(column);
    ColumnStats batch = ColumnStats.of(column, column.length);
    assertEquals(batch.mean, t.mean(), 1e-15 * batch.mean);
    assertEquals(batch.std, t.std(), 1e-15 * batch.std);
  }

  /**
   * Values near 1e-170, whose squared deviations underflow to 0 in the plain update, give the
   * spread of {@link ColumnStats} (the batch encoder's), also after leading zeros: such a column
   * had counted as constant in a stream, which then learnt nothing from it.
   */
  @ParameterizedTest(name = "scale {0}")
  @ValueSource(doubles = {1e-170, 1e-300, 4.9e-324})
  void tinyValuesDoNotUnderflow(double scale) {
    double[] column = {0, 0, 1 * scale, 3 * scale, 2 * scale, 5 * scale};
    RunningStats t = of(column);
    ColumnStats batch = ColumnStats.of(column, column.length);
    assertTrue(t.std() > 0, "spread " + t.std());
    assertEquals(batch.mean, t.mean(), 1e-14 * batch.mean + Double.MIN_VALUE);
    assertEquals(batch.std, t.std(), 1e-14 * batch.std + 2 * Double.MIN_VALUE);
  }

  /**
   * Below the threshold the unit stays 1, and above it every rescaling is by a power of two: the
   * summaries are those of the plain one-pass update (here run in a unit where nothing
   * overflows) bit for bit, whatever the magnitude, also when the first value is small and the
   * unit grows in mid-stream.
   */
  @ParameterizedTest(name = "magnitude 2^{0}")
  @ValueSource(ints = {0, 100, 448, 600, 1000})
  void valuesGiveThePlainUpdatesBitsWhereItDoesNotOverflow(int magnitude) {
    Random r = new Random(5);
    double[] v = new double[200];
    v[0] = 0.75;
    for (int i = 1; i < v.length; i++) {
      v[i] = Math.scalb(1 + r.nextGaussian(), magnitude - 8);
    }
    double count = 0;
    double mean = 0;
    double m2 = 0;
    for (double x : v) { // Welford's update in units of 2^(magnitude − 8), which cannot overflow
      double y = Math.scalb(x, 8 - magnitude);
      count++;
      double d = y - mean;
      mean += d / count;
      m2 += d * (y - mean);
    }
    RunningStats s = of(v);
    assertEquals(Math.scalb(mean, magnitude - 8), s.mean(), 0.0);
    assertEquals(Math.scalb(Math.sqrt(m2 / (count - 1)), magnitude - 8), s.std(), 0.0);
    assertTrue(Double.isFinite(s.std()) && s.std() > 0);
  }

  /** Two summaries kept in different units merge to the summary of the union. */
  @Test
  void mergingSummariesOfDifferentUnits() {
    double[] v = {1, 2, 3, 1e300, -4e299, 5};
    RunningStats small = of(v, 0, 3);
    RunningStats huge = of(v, 3, v.length);
    RunningStats a = small.copy();
    a.merge(huge);
    RunningStats b = huge.copy();
    b.merge(small);
    ColumnStats expected = ColumnStats.of(v, v.length); // scaled first: no overflow
    for (RunningStats m : new RunningStats[] {a, b}) {
      assertEquals(v.length, m.count(), 0.0);
      assertEquals(expected.mean, m.mean(), 1e-14 * Math.abs(expected.mean));
      assertEquals(expected.std, m.std(), 1e-14 * expected.std);
      assertTrue(Double.isFinite(m.std()));
      assertEquals(-4e299, m.min(), 0.0);
      assertEquals(1e300, m.max(), 0.0);
    }
  }
}
