package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The choice between the two blocked paths of {@link Kernels} and their equality: the Vector API
 * path must give the pure-Java path's bits on every shape (ragged rows, columns and inner
 * blocks, both layouts of X and Y, transposed C, bias and accumulate), with two and with four
 * steps of p per pass on the pure path, with and without three on blocks of constant width, which
 * must be what a JVM without the module, or with {@code -Dweka.backpropmlp.vector=off}, uses. The
 * build runs the unit tests with the module, so {@code KernelsTest} and the golden and regression
 * tests exercise the Vector API path against naive loops and against predictions recorded with
 * the pure path.
 */
class KernelRouteTest {

  private static final boolean MODULE =
      ModuleLayer.boot().findModule(KernelRoute.MODULE).isPresent();

  /** rows n, inner k, columns m. */
  @ParameterizedTest(name = "n={0} k={1} m={2}")
  @CsvSource({"1, 1, 8", "3, 5, 9", "4, 7, 31", "5, 128, 32", "7, 129, 33", "9, 257, 64",
      "13, 784, 10", "32, 784, 64", "64, 32, 784", "131, 263, 259", "129, 3, 127", "6, 1, 200",
      "17, 300, 16", "40, 64, 100", "9, 0, 40", "8, 130, 128", "5, 259, 392", "4, 300, 384"})
  void vectorPathGivesThePurePathsBits(int n, int k, int m) {
    Optional<PackedProduct> vector = KernelRoute.loadVector();
    assumeTrue(vector.isPresent(), "the JVM lacks --add-modules jdk.incubator.vector");
    for (int steps : new int[] {2, 4}) {
      for (boolean threes : new boolean[] {false, true}) {
        vectorPathGivesThePurePathsBits(vector.get(), new ScalarPackedProduct(steps, threes), n,
            k, m);
      }
    }
  }

  private static void vectorPathGivesThePurePathsBits(PackedProduct vector, PackedProduct scalar,
      int n, int k, int m) {
    Random rnd = new Random(1000L * n + 10L * k + m);
    double[] x = KernelsTest.random(rnd, 3 + n * k + k * n);
    double[] y = KernelsTest.random(rnd, 5 + m * k + 2 * m + n);
    int ld = m + 2; // a row stride wider than the block
    double[] c0 = KernelsTest.random(rnd, 1 + Math.max(n, m) * (Math.max(n, m) + 2));
    for (int layout = 0; layout < 4; layout++) {
      boolean xRowMajor = (layout & 1) == 0;
      boolean yTransposed = (layout & 2) == 0;
      int xi = xRowMajor ? k : 1;
      int xp = xRowMajor ? 1 : n;
      int ldy = yTransposed ? k + 1 : m; // a transposed Y's rows wider than the inner steps
      for (int mode = 0; mode < 3; mode++) { // 0: no bias, 1: bias, 2: accumulate
        for (boolean transposeC : new boolean[] {false, true}) {
          int ldc = transposeC ? n + 1 : ld;
          double[] bias = mode == 1 ? y : null;
          double[] a = c0.clone();
          double[] b = c0.clone();
          int from = n > 2 ? 1 : 0;
          scalar.multiply(x, 3, xi, xp, y, 5, ldy, yTransposed, a, 1, from, n, m, k, bias,
              5 + m * k, mode == 2, ldc, transposeC);
          vector.multiply(x, 3, xi, xp, y, 5, ldy, yTransposed, b, 1, from, n, m, k,
              bias, 5 + m * k, mode == 2, ldc, transposeC);
          for (int e = 0; e < a.length; e++) {
            assertEquals(Double.doubleToRawLongBits(a[e]), Double.doubleToRawLongBits(b[e]),
                scalar.description() + ", layout " + layout + " mode " + mode + " transposeC "
                    + transposeC + " element " + e + ": " + a[e] + " vs " + b[e]);
          }
        }
      }
    }
  }

  @Test
  void propertyOffOrAMissingModuleGivesThePurePath() {
    assertTrue(KernelRoute.select("off", true).description().startsWith("pure Java"));
    assertTrue(KernelRoute.select(" OFF ", true).description().startsWith("pure Java"));
    assertTrue(KernelRoute.select(null, false).description().startsWith("pure Java"));
    assertTrue(KernelRoute.select("on", false).description().startsWith("pure Java"));
    assertEquals(KernelRoute.loadVector().isPresent(),
        KernelRoute.select(null, MODULE).description().startsWith("Vector API"));
  }

  @Test
  void theRouteInUseIsTheSelectorsChoice() {
    assertEquals(KernelRoute.select().description(), Kernels.route());
    if (MODULE && System.getProperty(KernelRoute.PROPERTY) == null) {
      // the build's unit tests run with the module: the golden tests then check this path
      assertEquals(KernelRoute.loadVector().isPresent() && MultiplyAdd.fused(),
          Kernels.route().startsWith("Vector API"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"no module, pure Java", "module, Vector API", "module and property off, pure Java",
      "module and fma off, pure Java", "module and -XX:-UseFMA, pure Java"})
  void aFreshJvmChoosesByModuleAndProperty(String setup, String expected)
      throws IOException, InterruptedException {
    // JDK 11-15 have no jdk.incubator.vector: a JVM asked to add it would not start
    assumeTrue(!setup.startsWith("module")
            || java.lang.module.ModuleFinder.ofSystem().find(KernelRoute.MODULE).isPresent(),
        "this JDK has no " + KernelRoute.MODULE);
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    if (setup.startsWith("module")) {
      cmd.add("--add-modules");
      cmd.add(KernelRoute.MODULE);
    }
    if (setup.endsWith("property off")) {
      cmd.add("-D" + KernelRoute.PROPERTY + "=off");
    }
    if (setup.endsWith("fma off")) {
      cmd.add("-D" + MultiplyAdd.PROPERTY + "=off");
    }
    if (setup.endsWith("-XX:-UseFMA")) { // the probe must read the JVM's own flag
      cmd.add("-XX:-UseFMA");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Probe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    String route = out.lines().filter(l -> l.startsWith("route: ")).findFirst().orElse(out);
    // whether this machine's vectors pay off can only be asked with the module loaded here
    assumeTrue(!expected.equals("Vector API") || MODULE,
        "this JVM runs without " + KernelRoute.MODULE + ": cannot tell what the child should pick");
    if (expected.equals("Vector API")
        && !(KernelRoute.loadVector().isPresent() && MultiplyAdd.fused())) {
      expected = "pure Java"; // vectors too short or no FMA on this machine: the fallback is right
    }
    assertTrue(route.startsWith("route: " + expected), setup + ": " + out);
    assertTrue(out.contains("product ok"), out);
    // the child fuses exactly when this JVM does, unless told not to
    boolean fused =
        !setup.endsWith("fma off") && !setup.endsWith("-XX:-UseFMA") && MultiplyAdd.fused();
    assertTrue(out.contains("fused: " + fused), setup + ": " + out);
  }

  /** Child JVM: prints the route and the multiply-add form, checks one product against a sum. */
  static final class Probe {
    private Probe() {}

    /** @param args none */
    public static void main(String[] args) {
      System.out.println("route: " + Kernels.route());
      System.out.println("fused: " + MultiplyAdd.fused());
      Random rnd = new Random(5);
      int n = 6;
      int k = 40;
      int m = 37;
      double[] x = KernelsTest.random(rnd, n * k);
      double[] y = KernelsTest.random(rnd, m * k);
      double[] c = new double[n * m];
      Kernels.multiplyTransposed(x, 0, y, 0, c, 0, 0, n, m, k, null, 0, false);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          if (c[i * m + j] != 0.0 + DotProducts.dot(x, i * k, y, j * k, k)) {
            System.out.println("product differs at " + i + "," + j);
            System.exit(1);
          }
        }
      }
      System.out.println("product ok");
    }
  }
}
