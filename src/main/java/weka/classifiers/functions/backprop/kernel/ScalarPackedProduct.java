package weka.classifiers.functions.backprop.kernel;

import static weka.classifiers.functions.backprop.kernel.PanelSums.EIGHTH_NC;
import static weka.classifiers.functions.backprop.kernel.PanelSums.HALF_NC;
import static weka.classifiers.functions.backprop.kernel.PanelSums.KC;
import static weka.classifiers.functions.backprop.kernel.PanelSums.NC;
import static weka.classifiers.functions.backprop.kernel.PanelSums.QUARTER_NC;

import java.util.Arrays;

/**
 * The blocked path of {@link Kernels}' products in plain Java, shaped for HotSpot's C2
 * auto-vectorizer: the default route, and the only one on a JVM without the Vector API.
 *
 * <p>The summation order of {@link Kernels} forbids splitting the sum over {@code p}, so the SIMD
 * lanes must run across output columns {@code j}. This path copies a block of {@code Y}
 * (transposed, if Y is stored {@code cols × inner}) into a panel of {@link PanelSums#KC} short rows
 * of {@link PanelSums#NC} values (one array per {@code p}) and keeps the running sums of up to
 * {@link #MC} rows of {@code C} in arrays of {@code NC} values; the innermost loop then walks one
 * panel row and four sum rows with the same index ({@link PanelSums}, the inner loops), the loop
 * shape C2 turns into packed AVX/SSE fused multiply-adds ({@link MultiplyAdd#madd}; packed
 * multiplies and adds where it is unfused). (C2 of Java 17 does not vectorize a loop that stores
 * into one array and reads another at a different offset, as a plain
 * {@code c[i + j] += a * b[k + j]} would.) Each pass updates four rows of sums with two values of
 * {@code p}, so every sum loaded and stored feeds two multiply-adds and every panel value four; on
 * Java 25 and later, whose C2 vectorizes the larger loop, with four values of {@code p}
 * ({@link #steps}), every sum feeding four. Blocks of the four constant widths, whole
 * ({@link PanelSums#NC} columns), half ({@link PanelSums#HALF_NC}), quarter
 * ({@link PanelSums#QUARTER_NC}) and eighth ({@link PanelSums#EIGHTH_NC}), take three values of
 * {@code p} per pass from Java 17 on ({@link PanelSums#sums4x3} and its copies), loops C2
 * vectorizes only when both their bounds are constants. This is the register- and cache-blocking of
 * Goto &amp; van de Geijn (2008), "Anatomy of high-performance matrix multiplication", ACM TOMS
 * 34(3), restricted to what the JIT can vectorize: the sums live in memory (L1), not in registers,
 * which caps this path near 60 % of an AVX-512 core's peak on whole blocks and under half on
 * narrower ones (the figures of each host are in bench/README.md): C2's vectorized loop loads and
 * stores every sum in each pass, and the other block shapes it vectorizes are slower
 * (bench/kernel-shape/). What the arrays' placement does matter for, on 512-bit vectors, is that
 * every row sits at the same offset within a cache line ({@link Buffers}); and a block of
 * {@value PanelSums#NC} columns runs the loop twice as long per call as 128 did, for 15 % more on
 * wide products and the same on narrow ones.
 */
final class ScalarPackedProduct implements PackedProduct {

  /** Rows of C whose running sums are kept per block. */
  static final int MC = 128;

  /**
   * System property that forces the steps of {@code p} per pass of the inner loop: {@code 2} or
   * {@code 4} (A/B tests; anything else leaves the choice to {@link #steps}).
   */
  static final String STEPS_PROPERTY = "weka.backpropmlp.steps";

  /** First Java release whose C2 was measured to vectorize the four-step loop ({@link #steps}). */
  static final int FOUR_STEPS_FROM_JAVA = 25;

  /**
   * System property that forces three steps per pass on blocks of the four constant widths
   * ({@link PanelSums#sums4x3} and its copies): {@code on} or {@code off} (A/B tests; anything
   * else leaves the choice to {@link #threesPerPass}).
   */
  static final String THREES_PROPERTY = "weka.backpropmlp.threes";

  /**
   * First Java release whose C2 was measured to vectorize {@link PanelSums#sums4x3} (17 and 25
   * were; see {@link #threesPerPass}).
   */
  static final int THREES_FROM_JAVA = 17;

  /** Steps of {@code p} per pass of the inner loop: 2 or 4 (see {@link #steps}). */
  private final int steps;

  /**
   * Whether blocks of the four constant widths take three steps per pass ({@link
   * #threesPerPass}).
   */
  private final boolean threes;

  /** The path with the steps per pass this JVM runs fastest ({@link #steps}). */
  ScalarPackedProduct() {
    this(topTierIsC2(), Runtime.version().feature());
  }

  /**
   * The path {@link #steps} and {@link #threesPerPass} choose for a compiler and release, each
   * asked once.
   */
  private ScalarPackedProduct(boolean c2, int javaFeature) {
    this(steps(System.getProperty(STEPS_PROPERTY), javaFeature, c2),
        threesPerPass(System.getProperty(THREES_PROPERTY), javaFeature, c2,
            MultiplyAdd.vmOption("UseAVX")));
  }

  /**
   * The path with a given number of steps per pass, two or four on every block; all give the
   * same bits.
   *
   * @param steps 2 or 4
   */
  ScalarPackedProduct(int steps) {
    this(steps, false);
  }

  /**
   * The path with a given number of steps per pass; all give the same bits.
   *
   * @param steps 2 or 4: the steps per pass on blocks of other widths than the four constant ones
   *     ({@link PanelSums#NC}, {@link PanelSums#HALF_NC}, {@link PanelSums#QUARTER_NC}, {@link
   *     PanelSums#EIGHTH_NC} columns), and on those too unless {@code threes}
   * @param threes whether blocks of the four constant widths take three steps per pass
   */
  ScalarPackedProduct(int steps, boolean threes) {
    if (steps != 2 && steps != 4) {
      throw new IllegalArgumentException("steps of p per pass must be 2 or 4, not " + steps);
    }
    this.steps = steps;
    this.threes = threes;
  }

  /** Panel and sum buffers, about 530 KB, one per thread that runs this path. */
  private static final BufferPool<Buffers> POOL = new BufferPool<>(Buffers::new);

  /**
   * Bytes before a {@code double[]}'s first value in HotSpot's default layouts: 12 of header
   * and length (compressed class pointers, or Java 24+'s compact headers) rounded up to the
   * 8-byte alignment of doubles. A different layout only costs speed, never bits.
   */
  static final int ARRAY_HEADER_BYTES = 16;

  /**
   * Length of each panel and sum row: {@link PanelSums#NC} values and a pad that makes the whole
   * array object ({@link #ARRAY_HEADER_BYTES} of header, then the values) a multiple of 64 bytes.
   */
  static final int ROW_LENGTH = paddedRowLength(NC);

  /** One caller's packing buffers. */
  private static final class Buffers {
    /** {@link PanelSums#KC} panel rows and three spares: the zero rows a short last pass meets. */
    final double[][] panel = new double[KC + 3][];
    final double[][] sums = new double[MC][];

    /**
     * Allocates the {@code KC + 3 + MC} rows one after the other, each a whole number of 64-byte
     * cache lines long, so that the allocator places them all at the same offset within a cache
     * line. C2 aligns a vectorized loop's iterations to one of its arrays (its pre-loop); rows
     * that share that offset then make every 512-bit load and store of the inner loop aligned.
     * With {@code new double[KC][NC]} consecutive rows (1,040 bytes) sat at four different
     * offsets, and most AVX-512 accesses straddled two cache lines: a copy of this kernel ran
     * 128×784×256 at 30–42 GFLOP/s instead of 43–46 on an AMD Zen 5 (bench/README.md,
     * "Cache-line-aligned panel rows"). Pure Java cannot see an address, so this is likely, not
     * certain: a burst that crosses the end of the thread's allocation buffer, or a collector
     * that does not move the rows in order, leaves two groups of rows at different offsets,
     * which costs speed, never bits. Both happen: on the Zen 5 host of bench/README.md's
     * thirty-fifth session, fresh rows often sat in two groups, and after one young collection
     * of G1 in three or four, running 2–5 % slower than fresh ones ("Three steps of p on whole
     * blocks").
     */
    Buffers() {
      for (int p = 0; p < KC + 3; p++) {
        panel[p] = new double[ROW_LENGTH];
      }
      for (int r = 0; r < MC; r++) {
        sums[r] = new double[ROW_LENGTH];
      }
    }
  }

  /**
   * Steps of {@code p} per pass for a property value and a Java release. Four steps per pass
   * ({@link #sums4x4}) store each running sum once per four multiply-adds instead of two, and
   * the sums' loads and stores are what bound this path (bench/README.md, "Why the pure-Java
   * kernel stops near a quarter of the peak"). C2 of Java 25 vectorizes that loop: 128×784×256 at
   * 43.6 GFLOP/s against 34.1 with two steps, 32×784×64 at 26.2–26.9 against 19.8–20.5, on the
   * Intel host of bench/README.md's twenty-ninth session, and with 256-bit vectors
   * ({@code -XX:UseAVX=2}) 34.7 against 24.3 on the first. C2 of Java 17 leaves it scalar (11.0
   * GFLOP/s against 37 with two steps), so older releases keep two steps; releases between 17
   * and 25 were not measured and keep two as well, and so does a JVM whose optimizing compiler
   * is not C2 (Graal through JVMCI, OpenJ9), which was not measured at all.
   *
   * @param property the value of {@value #STEPS_PROPERTY}, or null: {@code 2} or {@code 4}
   *     decide (trimmed), anything else asks the release and the compiler
   * @param javaFeature the Java release ({@code Runtime.version().feature()})
   * @param c2 whether the JVM's optimizing compiler is HotSpot's C2 ({@link #topTierIsC2})
   * @return 2 or 4
   */
  static int steps(String property, int javaFeature, boolean c2) {
    String p = MultiplyAdd.switchValue(property);
    if (p.equals("2") || p.equals("4")) {
      return Integer.parseInt(p);
    }
    return c2 && javaFeature >= FOUR_STEPS_FROM_JAVA ? 4 : 2;
  }

  /**
   * Whether blocks of the four constant widths ({@link PanelSums#NC}, {@link PanelSums#HALF_NC},
   * {@link PanelSums#QUARTER_NC} and {@link PanelSums#EIGHTH_NC} columns) take three steps of
   * {@code p} per pass ({@link PanelSums#sums4x3} and its copies), for a property value and the
   * JVM. Three steps store each running sum once per three multiply-adds; C2 vectorizes that loop
   * only when both its bounds are constants (a variable bound left it scalar, which is why earlier
   * trials of this shape failed in the product: bench/README.md, "Three steps of p on whole
   * blocks"), so it runs on blocks of those widths only (a loop each), the steps past a short
   * panel's end meeting zero panel rows.
   * Quarter and eighth blocks: bench/README.md, "Three steps of p on blocks of 64 and 32
   * columns". Half blocks: 1.6-1.8× on products 128 columns wide
   * with Java 17, 1.35-1.4× with Java 25 (bench/README.md, "Three steps of p on half blocks").
   * Whole blocks, measured on an AMD Zen 5 host, 128×784×256: 1.29–1.34× faster with Java 17
   * and 1.44× with Java 25 (where it also beats four steps), 1.19× with 256-bit vectors ({@code
   * -XX:UseAVX=2}), 1.38× with {@code UseAVX=1}, 1.17× with multiplies and adds unfused; but
   * 0.87× with SSE alone ({@code UseAVX=0}). So it runs under C2 from Java 17 (17 and 25 were
   * measured, and C2's vectorizer only gained in between) on x86 processors with AVX; not on SSE
   * alone, nor on other processors (AArch64) or compilers, which were not measured: a loop C2
   * leaves scalar runs four to five times slower.
   *
   * @param property the value of {@value #THREES_PROPERTY}, or null: {@code on} or {@code off}
   *     decide (trimmed, any case), anything else asks the release, the compiler and the
   *     processor
   * @param javaFeature the Java release ({@code Runtime.version().feature()})
   * @param c2 whether the JVM's optimizing compiler is HotSpot's C2 ({@link #topTierIsC2})
   * @param useAvx the value of HotSpot's {@code UseAVX} flag: "" where the JVM has none (not
   *     x86), null where it cannot be asked ({@link MultiplyAdd#vmOption})
   * @return whether blocks of the four constant widths take three steps per pass
   */
  static boolean threesPerPass(String property, int javaFeature, boolean c2,
      String useAvx) {
    String p = MultiplyAdd.switchValue(property);
    if (p.equals("on") || p.equals("off")) {
      return p.equals("on");
    }
    return c2 && javaFeature >= THREES_FROM_JAVA && avxLevel(useAvx) >= 1;
  }

  /** @return {@code UseAVX}'s level, or 0 where it is not a number (no such flag, not asked) */
  private static int avxLevel(String useAvx) {
    try {
      return useAvx == null ? 0 : Integer.parseInt(useAvx.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * @return whether this JVM compiles hot code with HotSpot's C2: a HotSpot VM ({@code
   *     java.vm.name} names it, as OpenJDK builds do) that does not use a JVMCI compiler (Graal)
   *     in its place
   */
  static boolean topTierIsC2() {
    String vm = String.valueOf(System.getProperty("java.vm.name"));
    if (!vm.contains("HotSpot") && !vm.contains("OpenJDK")) {
      return false; // OpenJ9 and others
    }
    // "": a HotSpot built without JVMCI, so C2; null: cannot tell
    String jvmci = MultiplyAdd.vmOption("UseJVMCICompiler");
    return jvmci != null && !Boolean.parseBoolean(jvmci);
  }

  /**
   * @param values values a row must hold
   * @return the least length from {@code values} up whose array object is a multiple of 64
   *     bytes, assuming {@link #ARRAY_HEADER_BYTES}
   */
  static int paddedRowLength(int values) {
    int bytes = ARRAY_HEADER_BYTES + Double.BYTES * values;
    return values + Math.floorMod(-bytes, 64) / Double.BYTES;
  }

  @Override
  public String description() {
    String widths = " on blocks of " + NC + ", " + HALF_NC + ", " + QUARTER_NC + " or " + EIGHTH_NC
        + " columns";
    return "pure Java" + (steps == 4 ? ", 4 steps of p a pass" : "")
        + (threes ? (steps == 4 ? ", 3" : ", 3 steps of p") + widths : "");
  }

  /**
   * Sends narrow products transposed on the pure-Java path, where a 784-64-10 prediction measured
   * 1.2 times faster that way.
   *
   * @return true: the loop then runs along up to {@link PanelSums#NC} rows, not a few columns
   */
  @Override
  public boolean narrowFasterTransposed() {
    return true;
  }

  /**
   * The blocked path of the three products: element {@code (i, p)} of X is at
   * {@code xOff + i·xi + p·xp} ({@code xi = inner, xp = 1} for a row-major X, {@code xi = 1,
   * xp = ldx} for the transposed deltas of {@link Kernels#addTransposedProduct}); Y is
   * {@code cols × ?} with row stride {@code ldy} when {@code yTransposed}
   * ({@link Kernels#multiplyTransposed}), else {@code inner × ?} with row stride {@code ldy}.
   * With {@code transposeC} the product goes to C transposed: element {@code (i, j)} to
   * {@code c[cOff + j·ldc + i]}, its base being C's old value when {@code accumulate}, else
   * {@code bias[biasOff + i]} (or 0 without bias).
   */
  @Override
  public void multiply(double[] x, int xOff, int xi, int xp, double[] y, int yOff, int ldy,
      boolean yTransposed, double[] c, int cOff, int rowFrom, int rowTo, int cols, int inner,
      double[] bias, int biasOff, boolean accumulate, int ldc, boolean transposeC) {
    multiply(POOL.acquire(), steps, threes, x, xOff, xi, xp, y, yOff, ldy, yTransposed, c, cOff,
        rowFrom, rowTo, cols, inner, bias, biasOff, accumulate, ldc, transposeC);
  }

  private static void multiply(
      Buffers buf, int steps, boolean threes, double[] x, int xOff, int xi, int xp, double[] y,
      int yOff, int ldy, boolean yTransposed, double[] c, int cOff, int rowFrom, int rowTo,
      int cols, int inner, double[] bias, int biasOff, boolean accumulate, int ldc,
      boolean transposeC) {
    double[][] panel = buf.panel;
    double[][] sums = buf.sums;
    for (int j0 = 0; j0 < cols; j0 += NC) {
      int nc = Math.min(NC, cols - j0);
      // a block of one of the loops' constant widths
      boolean inThrees = threes
          && (nc == NC || nc == HALF_NC || nc == QUARTER_NC || nc == EIGHTH_NC);
      for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
        int mc = Math.min(MC, rowTo - i0);
        for (int r = 0; r < mc; r++) {
          Arrays.fill(sums[r], 0, nc, 0.0);
        }
        for (int p0 = 0; p0 < inner; p0 += KC) {
          int kc = Math.min(KC, inner - p0);
          if (yTransposed) {
            pack(y, yOff + j0 * ldy + p0, ldy, nc, kc, panel);
          } else {
            for (int p = 0; p < kc; p++) {
              System.arraycopy(y, yOff + (p0 + p) * ldy + j0, panel[p], 0, nc);
            }
          }
          // The last pass of a kc that is not a multiple of the steps meets zero panel rows
          // instead of a step of its own: s + a·0 is s exactly for a finite a (and s is never
          // −0, since the sums start at +0), so the bits are those of single steps. A branch for
          // the short pass, which a warmed-up JIT had never seen taken when a training's last
          // mini-batch was odd, made C2 throw away and recompile this whole method in the
          // middle of a run (0.1 s of compiler time; bench/README.md, "Seventeenth session").
          // Rows kc and up are the spare rows when kc = KC, else rows this block does not use.
          int pairs = (kc + 1) & ~1;
          int quads = (kc + 3) & ~3;
          int triples = (kc + 2) / 3 * 3;
          // (rows past the last four take pairs, four rows quads or triples)
          int zeroTo = Math.max(steps == 4 ? quads : pairs, inThrees ? triples : 0);
          for (int p = kc; p < zeroTo; p++) {
            Arrays.fill(panel[p], 0, nc, 0.0);
          }
          int last = kc - 1;
          int r = 0;
          for (; r + 3 < mc; r += 4) {
            int x0 = xOff + (i0 + r) * xi + p0 * xp;
            double[] s0 = sums[r];
            double[] s1 = sums[r + 1];
            double[] s2 = sums[r + 2];
            double[] s3 = sums[r + 3];
            if (inThrees && nc == NC) {
              PanelSums.sums4x3(x, x0, xi, xp, panel, triples, last, s0, s1, s2, s3);
            } else if (inThrees && nc == HALF_NC) {
              PanelSums.sums4x3Half(x, x0, xi, xp, panel, triples, last, s0, s1, s2, s3);
            } else if (inThrees && nc == QUARTER_NC) {
              PanelSums.sums4x3Quarter(x, x0, xi, xp, panel, triples, last, s0, s1, s2, s3);
            } else if (inThrees) {
              PanelSums.sums4x3Eighth(x, x0, xi, xp, panel, triples, last, s0, s1, s2, s3);
            } else if (steps == 4) {
              PanelSums.sums4x4(x, x0, xi, xp, panel, quads, last, nc, s0, s1, s2, s3);
            } else {
              PanelSums.sums4(x, x0, xi, xp, panel, pairs, last, nc, s0, s1, s2, s3);
            }
          }
          for (; r < mc; r++) {
            int x0 = xOff + (i0 + r) * xi + p0 * xp;
            PanelSums.sums1(x, x0, xp, panel, pairs, last, nc, sums[r]);
          }
        }
        for (int r = 0; r < mc; r++) {
          PackedProduct.storeRow(sums[r], 0, nc, i0 + r, j0, c, cOff, ldc, bias, biasOff,
              accumulate, transposeC);
        }
      }
    }
  }

  /**
   * {@code panel[p][j] = Y[j][p]} for the {@code nc × kc} block of Y at {@code yAt}: four
   * consecutive values of a row of Y per pass, so each pass reads one stretch of Y and writes
   * four panel rows. Copying one value per pass (row of Y outer, p inner) took about twice as
   * long, a tenth of a 784-64-10 training step (bench/README.md, "Packing W for the forward
   * product"). Only data moves here, so the products' bits do not depend on this order.
   */
  private static void pack(double[] y, int yAt, int ldy, int nc, int kc, double[][] panel) {
    int p = 0;
    for (; p + 3 < kc; p += 4) {
      double[] b0 = panel[p];
      double[] b1 = panel[p + 1];
      double[] b2 = panel[p + 2];
      double[] b3 = panel[p + 3];
      for (int j = 0, at = yAt + p; j < nc; j++, at += ldy) {
        b0[j] = y[at];
        b1[j] = y[at + 1];
        b2[j] = y[at + 2];
        b3[j] = y[at + 3];
      }
    }
    for (; p < kc; p++) {
      double[] b = panel[p];
      for (int j = 0, at = yAt + p; j < nc; j++, at += ldy) {
        b[j] = y[at];
      }
    }
  }
}
