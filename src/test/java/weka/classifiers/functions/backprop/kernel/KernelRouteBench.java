package weka.classifiers.functions.backprop.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import weka.classifiers.functions.bench.CpuSteal;

/**
 * In-process A/B timing of the two blocked paths of {@link Kernels} ({@link ScalarPackedProduct}
 * and, when the JVM has {@code --add-modules jdk.incubator.vector}, {@code VectorPackedProduct})
 * on the products of a 784-64-10 mini-batch of 32, the harness's 128×784×256 product and a few
 * widths of 128 to 392 columns (whole, half and leftover blocks of the pure path): the two
 * routes alternate, round after round, so that a shared machine's load falls on both alike; each
 * route's best time over the rounds is reported in GFLOP/s and as a share of {@code peak}
 * (GFLOP/s per core, first argument, default 79.2). Not a test: run it by hand with
 * {@code java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes
 * weka.classifiers.functions.backprop.kernel.KernelRouteBench}; with {@code
 * -Dkernelroutebench.paths=2,2t} it times those variants of the pure path ({@link
 * #PATHS_PROPERTY}).
 */
public final class KernelRouteBench {

  private KernelRouteBench() {}

  /**
   * System property listing pure-Java variants to time side by side instead of this JVM's own:
   * e.g. {@code 2,2t,4,4t} (steps per pass; {@code t}: three steps on blocks of constant width).
   */
  static final String PATHS_PROPERTY = "kernelroutebench.paths";

  /** One timed product. */
  private interface Product {
    void run();
  }

  /**
   * Runs the comparison.
   *
   * @param args optional peak GFLOP/s per core, then optional seconds per route and case
   */
  public static void main(String[] args) {
    double peak = args.length > 0 ? Double.parseDouble(args[0]) : 79.2;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.4;
    List<PackedProduct> routes = new ArrayList<>();
    String paths = System.getProperty(PATHS_PROPERTY, "");
    if (paths.isEmpty()) {
      routes.add(new ScalarPackedProduct());
    } else {
      for (String path : paths.split(",")) {
        // "2" or "4": steps per pass; a trailing "t": three steps on blocks of constant width
        routes.add(new ScalarPackedProduct(Integer.parseInt(path.substring(0, 1)),
            path.endsWith("t")));
      }
    }
    KernelRoute.loadVector().ifPresent(routes::add);
    Random rnd = new Random(1);
    double[] a = gauss(rnd, 128 * 784);
    double[] w = gauss(rnd, 256 * 784);
    double[] c = new double[128 * 784];
    double[] d = gauss(rnd, 128 * 256);
    String[] names = {"128x784x256 multiplyTransposed", "forward 32x784 x 64 (multiplyTransposed)",
        "gradient 64x784 over 32 (addTransposedProduct)", "backward 32x10 x 10x64 (multiplyPlain)",
        "forward 32x64 x 10 (multiplyTransposed)", "predict 100x784 x 64 (multiplyPlainWithBias)",
        "forward 32x784 x 128 (a 128-unit layer)", "forward 32x256 x 128 (half of 256 units)",
        "backward 32x256 x 256x128 (half of 256 units)", "forward 32x784 x 200 (two steps)",
        "gradient 64x392 over 32 (an input half)"};
    Product[] cases = {
        () -> Kernels.multiplyTransposed(a, 0, w, 0, c, 0, 0, 128, 256, 784, null, 0, false),
        () -> Kernels.multiplyTransposed(a, 0, w, 0, c, 0, 0, 32, 64, 784, w, 0, false),
        () -> Kernels.addTransposedProduct(d, 0, 64, a, 0, 784, c, 0, 784, 0, 64, 784, 32, true),
        () -> Kernels.multiplyPlain(d, 0, w, 0, 64, c, 0, 0, 32, 64, 10, 64),
        () -> Kernels.multiplyTransposed(d, 0, w, 0, c, 0, 0, 32, 10, 64, w, 0, false),
        () -> Kernels.multiplyPlainWithBias(a, 0, w, 0, 64, c, 0, 0, 100, 64, 784, w, 0, 64),
        () -> Kernels.multiplyTransposed(a, 0, w, 0, c, 0, 0, 32, 128, 784, w, 0, false),
        () -> Kernels.multiplyTransposed(a, 0, w, 0, c, 0, 0, 32, 128, 256, w, 0, false, 256),
        () -> Kernels.multiplyPlain(d, 0, w, 0, 256, c, 0, 0, 32, 128, 256, 256),
        () -> Kernels.multiplyTransposed(a, 0, w, 0, c, 0, 0, 32, 200, 784, w, 0, false),
        () -> Kernels.addTransposedProduct(d, 0, 64, a, 0, 784, c, 0, 392, 0, 64, 392, 32, true)};
    double[] flops = {2.0 * 128 * 784 * 256, 2.0 * 32 * 784 * 64, 2.0 * 64 * 784 * 32,
        2.0 * 32 * 10 * 64, 2.0 * 32 * 64 * 10, 2.0 * 100 * 784 * 64, 2.0 * 32 * 784 * 128,
        2.0 * 32 * 256 * 128, 2.0 * 32 * 256 * 128, 2.0 * 32 * 784 * 200, 2.0 * 64 * 392 * 32};
    double[][] best = new double[cases.length][routes.size()];
    for (double[] row : best) {
      java.util.Arrays.fill(row, Double.MAX_VALUE);
    }
    PackedProduct saved = Kernels.packed();
    CpuSteal mark = CpuSteal.mark();
    try {
      for (int round = 0; round < 6; round++) {
        for (int k = 0; k < cases.length; k++) {
          for (int r = 0; r < routes.size(); r++) {
            Kernels.use(routes.get(r));
            best[k][r] = Math.min(best[k][r], time(cases[k], round == 0 ? seconds / 2 : seconds));
          }
        }
      }
    } finally {
      Kernels.use(saved);
    }
    System.out.printf(Locale.ROOT, "%-48s", "product (GFLOP/s, % of " + peak + ")");
    for (PackedProduct r : routes) {
      System.out.printf(Locale.ROOT, " %28s", r.description());
    }
    System.out.println(routes.size() > 1 ? "   ratio" : "");
    for (int k = 0; k < cases.length; k++) {
      System.out.printf(Locale.ROOT, "%-48s", names[k]);
      for (int r = 0; r < routes.size(); r++) {
        double g = flops[k] / best[k][r];
        System.out.printf(Locale.ROOT, " %19.2f (%5.1f %%)", g, 100 * g / peak);
      }
      if (routes.size() > 1) {
        System.out.printf(Locale.ROOT, "   %.2fx", best[k][0] / best[k][1]);
      }
      System.out.println();
    }
    System.out.println(mark.reportSince("the timed rounds"));
  }

  /**
   * Runs {@code r} with the pure-Java path in use, then restores the route of this JVM: lets a
   * benchmark outside this package time both routes in one run (not thread-safe: call it while
   * nothing else uses the kernels).
   *
   * @param r the work to run
   */
  public static void withPurePath(Runnable r) {
    PackedProduct saved = Kernels.packed();
    Kernels.use(new ScalarPackedProduct());
    try {
      r.run();
    } finally {
      Kernels.use(saved);
    }
  }

  /** @return the best time in ns of {@code p} over about {@code seconds} */
  private static double time(Product p, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long best = Long.MAX_VALUE;
    do {
      long t0 = System.nanoTime();
      p.run();
      best = Math.min(best, System.nanoTime() - t0);
    } while (System.nanoTime() < end);
    return best;
  }

  private static double[] gauss(Random rnd, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextGaussian();
    }
    return v;
  }
}
