package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static weka.classifiers.functions.backprop.kernel.MultiplyAdd.madd;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each inner loop of {@link PanelSums}, called directly, against the sum it promises: for every
 * row r of the group and column j, {@code s[j]} from its start value plus {@code X[r][p] ·
 * panel[p][j]} for {@code p = 0 … last}, one multiply-add at a time in order of p ({@link
 * MultiplyAdd#madd}), to the bit. The panel rows past {@code last} hold zeros, as the packer
 * leaves them, and X is strided ({@code xi}, {@code xp}) as the products read it.
 */
class PanelSumsTest {

  /** A loop of {@link PanelSums} over a group of sum rows, with its rounded step count. */
  private interface Loop {
    void run(double[] x, int x0, int xi, int xp, double[][] panel, int steps, int last, int nc,
        double[][] sums);
  }

  /** The signature of the four-row loops that take the block's width. */
  private interface FourRows {
    void run(double[] x, int x0, int xi, int xp, double[][] panel, int steps, int last, int nc,
        double[] s0, double[] s1, double[] s2, double[] s3);
  }

  /** The signature of the three-step loops, whose width is their own constant. */
  private interface ConstantWidth {
    void run(double[] x, int x0, int xi, int xp, double[][] panel, int steps, int last,
        double[] s0, double[] s1, double[] s2, double[] s3);
  }

  private static Loop fourRows(FourRows f) {
    return (x, x0, xi, xp, panel, steps, last, nc, s) ->
        f.run(x, x0, xi, xp, panel, steps, last, nc, s[0], s[1], s[2], s[3]);
  }

  private static Loop constantWidth(ConstantWidth f) {
    return (x, x0, xi, xp, panel, steps, last, nc, s) ->
        f.run(x, x0, xi, xp, panel, steps, last, s[0], s[1], s[2], s[3]);
  }

  private static Loop loop(String name) {
    switch (name) {
      case "sums1":
        return (x, x0, xi, xp, panel, steps, last, nc, s) ->
            PanelSums.sums1(x, x0, xp, panel, steps, last, nc, s[0]);
      case "sums4":
        return fourRows(PanelSums::sums4);
      case "sums4x4":
        return fourRows(PanelSums::sums4x4);
      case "sums4x3":
        return constantWidth(PanelSums::sums4x3);
      case "sums4x3Half":
        return constantWidth(PanelSums::sums4x3Half);
      case "sums4x3Quarter":
        return constantWidth(PanelSums::sums4x3Quarter);
      case "sums4x3Eighth":
        return constantWidth(PanelSums::sums4x3Eighth);
      default:
        throw new IllegalArgumentException(name);
    }
  }

  /**
   * @param name the loop
   * @param rows sum rows it updates
   * @param stepsPerPass values of p a pass (the step count is rounded up to a multiple of it)
   * @param nc columns (the constant width of the three-step loops)
   * @param kc steps of p in the block, at most {@link PanelSums#KC}
   */
  @ParameterizedTest(name = "{0}, {4} steps of p over {3} columns")
  @CsvSource({
      "sums1, 1, 2, 40, 7", "sums1, 1, 2, 256, 128",
      "sums4, 4, 2, 40, 7", "sums4, 4, 2, 13, 128",
      "sums4x4, 4, 4, 40, 9", "sums4x4, 4, 4, 24, 128",
      "sums4x3, 4, 3, 256, 128", "sums4x3, 4, 3, 256, 5",
      "sums4x3Half, 4, 3, 128, 100", "sums4x3Half, 4, 3, 128, 1",
      "sums4x3Quarter, 4, 3, 64, 128", "sums4x3Quarter, 4, 3, 64, 8",
      "sums4x3Eighth, 4, 3, 32, 127", "sums4x3Eighth, 4, 3, 32, 3"})
  void addsEachRowsProductsInOrderOfP(String name, int rows, int stepsPerPass, int nc, int kc) {
    Random random = new Random(name.hashCode() + 31L * kc);
    int rounded = (kc + stepsPerPass - 1) / stepsPerPass * stepsPerPass;
    // the three-step loops read their rows up to the panel's whole height
    int height = stepsPerPass == 3 ? PanelSums.KC_IN_THREES : rounded;
    double[][] panel = new double[height][nc];
    for (int p = 0; p < kc; p++) {
      for (int j = 0; j < nc; j++) {
        panel[p][j] = random.nextGaussian();
      }
    }
    int xi = kc + 3; // rows of X, strided as a product's rows are
    int xp = 1;
    int x0 = 2;
    double[] x = new double[x0 + rows * xi];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    double[][] sums = new double[rows][nc];
    double[][] expected = new double[rows][nc];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < nc; j++) {
        sums[r][j] = random.nextGaussian();
        double s = sums[r][j];
        for (int p = 0; p < kc; p++) {
          s = madd(x[x0 + r * xi + p * xp], panel[p][j], s);
        }
        expected[r][j] = s;
      }
    }
    loop(name).run(x, x0, xi, xp, panel, rounded, kc - 1, nc, sums);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < nc; j++) {
        assertEquals(Double.doubleToLongBits(expected[r][j]), Double.doubleToLongBits(sums[r][j]),
            name + " row " + r + " column " + j);
      }
    }
  }
}
