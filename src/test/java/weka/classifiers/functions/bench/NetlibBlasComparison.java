package weka.classifiers.functions.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.Locale;
import java.util.Random;
import weka.classifiers.functions.backprop.kernel.Kernels;

/**
 * Times {@code dgemm} of {@code dev.ludovic.netlib:blas} 3.0.3 (the BLAS Apache Spark uses:
 * pure Java without JVM flags, or a system BLAS through JNI when one is installed) against
 * BackpropMLP's kernel on the shapes of training with 32-row mini-batches and on 128×784×256,
 * one thread, best of repeated calls after warm-up. The product is {@code C = X·Yᵀ} with
 * row-major X ({@code n × k}) and Y ({@code m × k}), i.e. column-major
 * {@code Cᵀ = dgemm("T", "N", m, n, k, Y, X)}.
 *
 * <p>Usage: {@code NetlibBlasComparison} (test classpath)
 */
public final class NetlibBlasComparison {

  private NetlibBlasComparison() {}

  /**
   * @param args none
   */
  public static void main(String[] args) {
    int[][] shapes = {{32, 784, 64}, {32, 784, 256}, {32, 256, 256}, {64, 32, 784},
      {256, 32, 784}, {128, 784, 256}};
    BLAS pureJava = JavaBLAS.getInstance();
    BLAS best = BLAS.getInstance();
    System.out.println("netlib pure Java: " + pureJava.getClass().getName());
    System.out.println("netlib default:   " + best.getClass().getName());
    System.out.printf(Locale.ROOT, "%-14s %12s %14s %14s%n", "n x k x m", "our kernel",
        "netlib Java", "netlib default");
    Random r = new Random(1);
    for (int[] s : shapes) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      double[] x = new double[n * k];
      double[] y = new double[m * k];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextGaussian();
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = r.nextGaussian();
      }
      double[] c = new double[n * m];
      double flops = 2.0 * n * k * m;
      double ours = best(() -> Kernels.multiplyTransposed(x, 0, y, 0, c, 0, 0, n, m, k, null, 0,
          false), flops);
      double java = best(() -> pureJava.dgemm("T", "N", m, n, k, 1.0, y, k, x, k, 0.0, c, m),
          flops);
      double dflt = best(() -> best.dgemm("T", "N", m, n, k, 1.0, y, k, x, k, 0.0, c, m), flops);
      System.out.printf(Locale.ROOT, "%-14s %9.2f GF %11.2f GF %11.2f GF%n",
          n + "x" + k + "x" + m, ours, java, dflt);
    }
  }

  /** Best GFLOP/s over repeated timed batches of calls, after two seconds of warm-up. */
  private static double best(Runnable call, double flops) {
    long warm = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < warm) {
      call.run();
    }
    double best = 0;
    for (int round = 0; round < 20; round++) {
      int reps = 0;
      long t0 = System.nanoTime();
      long t;
      do {
        call.run();
        reps++;
        t = System.nanoTime();
      } while (t - t0 < 50_000_000L);
      best = Math.max(best, flops * reps / (t - t0));
    }
    return best;
  }
}
