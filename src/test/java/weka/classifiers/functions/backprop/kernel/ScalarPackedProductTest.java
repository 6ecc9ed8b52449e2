package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure-Java path's row padding, and its products on odd inner dimensions against a plain
 * sum, whichever route {@link Kernels} uses in this JVM (its other products are checked in
 * {@link KernelsTest} and against the Vector API route in {@link KernelRouteTest}).
 */
class ScalarPackedProductTest {

  /**
   * Rows padded so that a {@code double[]} object (16-byte header, then the values) is a whole
   * number of 64-byte lines: (16 + 8 · length) mod 64 = 0, the least such length from the values
   * up, by hand.
   */
  @ParameterizedTest(name = "{0} values -> {1}")
  @CsvSource({"6, 6", "7, 14", "1, 6", "128, 134", "134, 134", "135, 142", "256, 262"})
  void rowsArePaddedToWholeCacheLines(int values, int expected) {
    assertEquals(expected, ScalarPackedProduct.paddedRowLength(values));
    assertEquals(0, (ScalarPackedProduct.ARRAY_HEADER_BYTES + Double.BYTES * expected) % 64);
  }

  @Test
  void everyRowHoldsAColumnBlock() {
    assertTrue(ScalarPackedProduct.ROW_LENGTH >= PanelSums.NC);
    assertEquals(ScalarPackedProduct.paddedRowLength(PanelSums.NC),
        ScalarPackedProduct.ROW_LENGTH);
  }

  /**
   * Two steps of p per pass up to Java 24, four from Java 25 where C2 compiles (its
   * auto-vectorizer takes that loop), two under another compiler; the property decides when it
   * says 2 or 4.
   */
  @ParameterizedTest(name = "property {0}, Java {1}, C2 {2} -> {3}")
  @CsvSource(value = {"null, 17, true, 2", "null, 21, true, 2", "null, 24, true, 2",
      "null, 25, true, 4", "null, 26, true, 4", "null, 25, false, 2", "4, 17, true, 4",
      "' 4 ', 11, false, 4", "2, 25, true, 2", "3, 25, true, 4", "on, 17, true, 2",
      "'', 25, true, 4"}, nullValues = "null")
  void stepsPerPassFollowTheReleaseAndCompilerUnlessForced(String property, int java, boolean c2,
      int expected) {
    assertEquals(expected, ScalarPackedProduct.steps(property, java, c2));
  }

  /**
   * Three steps per pass on blocks of the four constant widths from Java 17 where C2 compiles for
   * an x86 processor with AVX; never under another compiler, before 17, with SSE alone or where
   * the JVM has no UseAVX flag (not x86) or cannot be asked; the property decides when it says on
   * or off.
   */
  @ParameterizedTest(name = "property {0}, Java {1}, C2 {2}, UseAVX {3} -> {4}")
  @CsvSource(value = {"null, 17, true, 3, true", "null, 21, true, 2, true",
      "null, 25, true, 1, true", "null, 17, true, 0, false", "null, 17, true, '', false",
      "null, 17, true, null, false", "null, 17, true, x, false", "null, 11, true, 3, false",
      "null, 16, true, 2, false", "null, 17, false, 3, false", "null, 25, false, 2, false",
      "off, 17, true, 3, false", "' ON ', 11, false, '', true", "3, 17, true, 3, true",
      "'', 11, true, 3, false"}, nullValues = "null")
  void threesPerPassFollowTheReleaseCompilerAndProcessorUnlessForced(String property,
      int java, boolean c2, String useAvx, boolean expected) {
    assertEquals(expected, ScalarPackedProduct.threesPerPass(property, java, c2, useAvx));
  }

  /** The OpenJDK builds this project is built and tested with compile with C2. */
  @Test
  void openJdkHotSpotCompilesWithC2() {
    String vm = System.getProperty("java.vm.name");
    assumeTrue(vm.contains("OpenJDK") && !System.getProperty("java.vm.vendor").contains("Graal"),
        "not a plain OpenJDK HotSpot: " + vm);
    assertTrue(ScalarPackedProduct.topTierIsC2(), vm);
  }

  @Test
  void onlyTwoOrFourStepsPerPass() {
    assertThrows(IllegalArgumentException.class, () -> new ScalarPackedProduct(3));
    assertThrows(IllegalArgumentException.class, () -> new ScalarPackedProduct(3, true));
    assertEquals("pure Java", new ScalarPackedProduct(2).description());
    assertEquals("pure Java, 3 steps of p on blocks of 256, 128, 64 or 32 columns",
        new ScalarPackedProduct(2, true).description());
    assertEquals("pure Java, 4 steps of p a pass, 3 on blocks of 256, 128, 64 or 32 columns",
        new ScalarPackedProduct(4, true).description());
    assertTrue(new ScalarPackedProduct(4).description().startsWith("pure Java"));
  }

  /**
   * Inner steps that are not a multiple of the steps per pass (within a block of
   * {@link PanelSums#KC} or after whole blocks) meet zero panel rows in the last pass; the bits
   * must be those of one sum per element from 0 in order of p, base added last, with two and with
   * four steps per pass, with and without three steps on blocks of the four constant widths
   * ({@link PanelSums#NC}, {@link PanelSums#HALF_NC}, {@link PanelSums#QUARTER_NC},
   * {@link PanelSums#EIGHTH_NC} columns). Rows 1, 4 and 7 cover the single-row and four-row loops;
   * k covers every remainder modulo 4 and modulo 3 (also past whole panels of
   * {@link PanelSums#KC}); m of 256 and more makes whole blocks, m of 128, 64 or 32 (or as many
   * more after whole blocks) the narrower ones; Y both transposed and not.
   */
  @ParameterizedTest(name = "steps={0} n={1} k={2} m={3}")
  @CsvSource({"2, 1, 1, 9", "2, 4, 3, 17", "2, 7, 5, 8", "2, 5, 129, 33", "2, 7, 257, 300",
      "2, 4, 2, 10", "4, 1, 1, 9", "4, 4, 3, 17", "4, 7, 5, 8", "4, 5, 129, 33", "4, 7, 258, 300",
      "4, 4, 2, 10", "4, 8, 131, 64", "4, 4, 784, 64", "4, 9, 4, 16", "2, 4, 1, 256",
      "2, 8, 2, 512", "4, 5, 3, 256", "2, 7, 4, 270", "4, 4, 128, 256", "2, 9, 130, 257",
      "4, 6, 259, 300", "2, 4, 784, 256", "2, 7, 5, 128", "4, 1, 2, 128", "2, 4, 131, 200",
      "4, 5, 3, 384", "2, 7, 257, 392", "4, 4, 392, 392", "2, 1, 4, 130", "4, 9, 128, 255",
      "2, 4, 5, 32", "2, 7, 129, 32", "4, 1, 3, 32", "2, 5, 130, 64", "4, 7, 784, 64",
      "2, 8, 392, 64", "2, 4, 7, 288", "4, 9, 131, 320", "2, 1, 2, 64", "2, 4, 1, 31"})
  void innerStepsOfAnyCountGiveAPlainSumsBits(int steps, int n, int k, int m) {
    for (boolean threes : new boolean[] {false, true}) {
      innerStepsGiveAPlainSumsBits(new ScalarPackedProduct(steps, threes), n, k, m);
    }
  }

  private static void innerStepsGiveAPlainSumsBits(ScalarPackedProduct path, int n, int k,
      int m) {
    Random rnd = new Random(31L * n + 7L * k + m);
    double[] x = KernelsTest.random(rnd, n * k);
    double[] y = KernelsTest.random(rnd, k * m);
    for (boolean yTransposed : new boolean[] {false, true}) {
      double[] c = new double[n * m];
      path.multiply(x, 0, k, 1, y, 0, yTransposed ? k : m, yTransposed,
          c, 0, 0, n, m, k, null, 0, false, m, false);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s = MultiplyAdd.madd(x[i * k + p], yTransposed ? y[j * k + p] : y[p * m + j], s);
          }
          assertEquals(Double.doubleToRawLongBits(0.0 + s),
              Double.doubleToRawLongBits(c[i * m + j]),
              path.description() + ", Y transposed " + yTransposed + ", element (" + i + ", "
                  + j + ")");
        }
      }
    }
  }
}
