import java.util.Locale;
import java.util.Random;
import weka.classifiers.functions.backprop.kernel.Kernels;

/**
 * GFLOP/s of the engine's own products (whichever route {@code Kernels} picks) at the shapes a
 * training step of 784-64-10 and of the harness's wider layers makes: the forward product
 * {@code Z = X·Wᵀ} of a mini-batch ({@code multiplyTransposed}) and the weight gradient
 * {@code G = Δᵀ·X} ({@code addTransposedProduct}), best of three rounds of about 2 GFLOP each.
 * Why: to see how far the narrow first layer of 64 units falls behind the wide products the
 * kernel benchmark times, and, run with {@code -XX:-UseSuperWord} or {@code -XX:UseAVX=2} or
 * on another JDK, what C2's auto-vectorizer contributes (bench/README.md, "Small products
 * unpacked").
 *
 * <pre>mvn -q -DskipTests compile
 * java -cp target/classes bench/kernel-shape/TrainingShapes.java</pre>
 */
public class TrainingShapes {
  public static void main(String[] args) {
    int[][] shapes = {{32, 64, 784}, {32, 128, 784}, {32, 256, 784}, {128, 256, 784}};
    Random rnd = new Random(1);
    System.out.println("route: " + Kernels.route());
    for (int rep = 0; rep < 3; rep++) {
      for (int[] s : shapes) {
        int rows = s[0];
        int cols = s[1];
        int inner = s[2];
        double[] x = gaussian(rnd, rows * inner);
        double[] w = gaussian(rnd, cols * inner);
        double[] z = new double[rows * cols];
        double[] bias = new double[cols];
        double[] delta = gaussian(rnd, rows * cols);
        double[] g = new double[cols * inner];
        long work = (long) rows * cols * inner;
        int iters = (int) Math.max(20, 1_000_000_000L / work);
        long forward = Long.MAX_VALUE;
        long gradient = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
          long t0 = System.nanoTime();
          for (int k = 0; k < iters; k++) {
            Kernels.multiplyTransposed(x, 0, w, 0, z, 0, 0, rows, cols, inner, bias, 0, false);
          }
          long t1 = System.nanoTime();
          for (int k = 0; k < iters; k++) {
            Kernels.addTransposedProduct(delta, 0, cols, x, 0, inner, g, 0, inner, 0, cols,
                inner, rows, true);
          }
          long t2 = System.nanoTime();
          forward = Math.min(forward, t1 - t0);
          gradient = Math.min(gradient, t2 - t1);
        }
        if (rep == 2) { // the last of three passes over the shapes, after the JIT settled
          double fwdNs = forward / (double) iters;
          double gradNs = gradient / (double) iters;
          System.out.println(String.format(Locale.ROOT,
              "%3d x %3d x %3d  forward %8.0f ns %5.1f GFLOP/s | gradient %8.0f ns %5.1f GFLOP/s",
              rows, cols, inner, fwdNs, 2.0 * work / fwdNs, gradNs, 2.0 * work / gradNs));
        }
      }
    }
  }

  private static double[] gaussian(Random rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextGaussian();
    }
    return a;
  }
}
