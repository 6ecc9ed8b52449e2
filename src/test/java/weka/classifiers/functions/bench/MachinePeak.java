package weka.classifiers.functions.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine {@link TrainingBenchmark} runs on, as its report describes it: the processor from
 * /proc/cpuinfo, the clock a busy core runs at (measured with a dependent chain of integer adds
 * and xors), the vector flags of the running JVM, the double-precision flops per cycle and core
 * derived from them (the theoretical peak the kernel is judged against) and the load average.
 * Kept apart from the measurements and the report because it is the one place that encodes
 * knowledge about processors (latencies, FMA units, Zen 4's split 512-bit operations), which
 * the Javadoc of each method cites; {@code -Dbench.ghz} and {@code -Dbench.flopsPerCycle}
 * override the clock and the flops per cycle.
 */
final class MachinePeak {

  private MachinePeak() {}

  static String cpuInfo(String key) {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "";
  }

  /** Nominal clock from /proc/cpuinfo (in a VM usually the base or TSC clock, not the boost). */
  static double nominalGhz() {
    String mhz = cpuInfo("cpu MHz");
    return mhz.isEmpty() ? Double.NaN : Double.parseDouble(mhz) / 1000;
  }

  /** A dependent chain of one add and one xor per step: two cycles a step on x86-64 cores. */
  private static long clockChain(long x, long y, long z, int n) {
    for (int i = 0; i < n; i++) {
      x = (x + y) ^ z;
    }
    return x;
  }

  private static long clockSink;

  /**
   * Measures the clock a core runs at while busy: the best time of many 5-million-step runs of
   * {@link #clockChain} after it has been compiled, at two cycles a step (add and xor each
   * have one cycle of latency on x86-64). The best run is the least disturbed by other
   * processes, so on a shared machine this errs towards the highest clock seen, which makes
   * "% of peak" conservative. NaN where it is not x86-64 or the result is implausible.
   */
  static double measureClockGhz() {
    String arch = System.getProperty("os.arch", "");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return Double.NaN;
    }
    long sink = 0;
    for (int w = 0; w < 30_000; w++) {
      sink += clockChain(w, 3, 5, 1_000);
    }
    int n = 5_000_000;
    long best = Long.MAX_VALUE;
    for (int r = 0; r < 150; r++) {
      long t0 = System.nanoTime();
      sink += clockChain(r, 7, 11, n);
      best = Math.min(best, System.nanoTime() - t0);
    }
    clockSink += sink;
    double ghz = 2.0 * n / best;
    return ghz > 0.3 && ghz < 8 ? ghz : Double.NaN;
  }

  /** A HotSpot flag of the running JVM, or null where this JVM has no such flag. */
  private static String vmOption(String name) {
    try {
      HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(
          HotSpotDiagnosticMXBean.class);
      return hs == null ? null : hs.getVMOption(name).getValue();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The JVM's vector flags as the machine line prints them. */
  static String vmVectorFlags() {
    return String.format(Locale.ROOT,
        "UseAVX=%s MaxVectorSize=%s UseFMA=%s; products: %s multiply-add",
        vmOption("UseAVX"), vmOption("MaxVectorSize"), vmOption("UseFMA"),
        weka.classifiers.functions.backprop.kernel.MultiplyAdd.fused() ? "fused" : "unfused");
  }

  /** Bytes of the widest vector C2 uses: MaxVectorSize (16 where the flag is missing). */
  private static int vectorBytes() {
    String v = vmOption("MaxVectorSize");
    try {
      return v == null ? 16 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 16;
    }
  }

  /**
   * Whether each vector instruction of the JVM's width runs as two halves: AMD Zen 4 (family
   * 25 with AVX-512) executes 512-bit operations on 256-bit units.
   */
  private static boolean doublePumped() {
    return vectorBytes() == 64 && cpuInfo("vendor_id").equals("AuthenticAMD")
        && cpuInfo("cpu family").equals("25");
  }

  /**
   * Double-precision flops per cycle and core from the vector width the JVM actually uses:
   * (MaxVectorSize / 8) lanes x 2 (a fused multiply-add, when UseFMA) x 2 FMA units. Two units
   * as wide as the vectors is true of AMD Zen 5 (family 26; 512-bit units in its server parts),
   * of Intel's server cores with two AVX-512 FMA units (Skylake-SP Gold/Platinum and later) and
   * of AVX2 cores since Intel Haswell and AMD Zen 2; AMD Zen 4 splits 512-bit operations into
   * two 256-bit halves (halved here); Intel parts with one AVX-512 FMA unit (some Xeon Silver
   * and Bronze) are not detected and would be overstated twofold.
   */
  static int flopsPerCycle() {
    String p = System.getProperty("bench.flopsPerCycle");
    if (p != null) {
      return Integer.parseInt(p);
    }
    int lanes = vectorBytes() / 8;
    if (doublePumped()) {
      lanes /= 2;
    }
    boolean fma = "true".equals(vmOption("UseFMA"));
    return Math.max(1, lanes) * (fma ? 2 : 1) * 2;
  }

  /**
   * The multiply-add throughput of one core as measured before the harness ran, in GFLOP/s:
   * {@code -Dbench.fmaCeiling}, which bench/run.sh sets from bench/FmaCeiling.java (twelve
   * register-resident chains of vector FMAs at the JVM's widest species). It may fall short of
   * the nominal peak where a core lowers its clock under wide vectors, as Intel's do under
   * AVX-512 (bench/README.md, "The Intel host again"). NaN where it was not measured or the
   * value is not a positive finite number.
   */
  static double fmaCeiling() {
    String p = System.getProperty("bench.fmaCeiling");
    try {
      double v = p == null ? Double.NaN : Double.parseDouble(p.trim());
      return v > 0 && v < Double.POSITIVE_INFINITY ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** How {@link #flopsPerCycle} came about, for the report. */
  static String peakDerivation() {
    if (System.getProperty("bench.flopsPerCycle") != null) {
      return "-Dbench.flopsPerCycle";
    }
    int lanes = vectorBytes() / 8;
    boolean fma = "true".equals(vmOption("UseFMA"));
    return String.format(Locale.ROOT, "%d-bit vectors = %d DP lanes%s x %s x 2 %s units",
        vectorBytes() * 8, lanes,
        doublePumped() ? " (Zen 4: two 256-bit halves, so " + lanes / 2 + " per cycle)" : "",
        fma ? "2 (FMA)" : "1", fma ? "FMA" : "add/multiply");
  }

  static String loadAverage() {
    try {
      String[] f = new String(Files.readAllBytes(Paths.get("/proc/loadavg")),
          StandardCharsets.US_ASCII).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /**
   * The time a value takes to go from one thread to another and back, in nanoseconds: two
   * threads pass a counter through two atomics a million times (the median of three such runs).
   * On a VM whose two vCPUs sit on cores that share a cache this was about 50 ns, on cores that
   * do not (another core complex or socket) 400–540 ns; the hypervisor moved the same VM between
   * the two within minutes, and every training step that splits work between threads moves
   * data between the cores, so the two-thread rows of the harness depend on it (bench/README.md,
   * the seventh session's run). NaN with a single processor (two spinning threads would take
   * turns on it) or if interrupted.
   */
  static double crossCoreRoundTripNanos() {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return Double.NaN;
    }
    double[] runs = new double[3];
    for (int r = 0; r < runs.length; r++) {
      runs[r] = pingPong(1_000_000);
    }
    return ThreadScalingBench.median(runs);
  }

  /** Longest gap between two clock reads of a running thread that is not counted as a stall. */
  static final long STALL_NANOS = 20_000;

  /**
   * How often a thread that never waits is kept from running, as the two-thread rows meet it:
   * two threads each read the clock in a tight loop for {@code seconds} at the same time, and
   * every gap longer than {@value #STALL_NANOS} ns between two reads is a stall (an interrupt,
   * another thread or process on that processor, or the hypervisor running something else on
   * the vCPU). Why: on the 2-vCPU Zen 5 VM of bench/README.md each vCPU stopped 470-790 times a
   * second for 20-40 µs, about 2 % of its time, with one thread as with two and with nothing of
   * this project running; a two-thread step meets its threads several times, so a stall of
   * either delays both, and a long one makes the other thread run the late one's share with
   * its data on the other core (bench/README.md, "Two threads and the VM's stalls"). NaN with one
   * processor.
   *
   * @param seconds how long each thread runs
   * @return stalls a second per thread and the share of the time they took, the two threads
   *     pooled ({@code {NaN, NaN}} with one processor or if interrupted)
   */
  static double[] stalls(double seconds) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    long span = (long) (seconds * 1e9);
    long[][] counts = new long[2][3];
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      long[] mine = counts[t];
      threads[t] = new Thread(() -> {
        long start = System.nanoTime();
        long last = start;
        long end = start + span;
        long stalls = 0;
        long lost = 0;
        for (long now = last; now < end; last = now) {
          now = System.nanoTime();
          if (now - last > STALL_NANOS) {
            stalls++;
            lost += now - last;
          }
        }
        mine[0] = stalls;
        mine[1] = lost;
        mine[2] = last - start;
      }, "bench-stalls-" + t);
      threads[t].setDaemon(true);
    }
    for (Thread t : threads) {
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new double[] {Double.NaN, Double.NaN};
    }
    // over the time each thread really ran its loop, which a last stall can make longer
    double watched = counts[0][2] + counts[1][2];
    return new double[] {(counts[0][0] + counts[1][0]) / (watched / 1e9),
        (counts[0][1] + counts[1][1]) / watched};
  }

  private static double pingPong(int n) {
    AtomicLong ping = new AtomicLong();
    AtomicLong pong = new AtomicLong();
    Thread echo = new Thread(() -> {
      for (long i = 1; i <= n; i++) {
        while (ping.get() != i) {
          Thread.onSpinWait();
        }
        pong.set(i);
      }
    }, "bench-ping-pong");
    echo.setDaemon(true);
    echo.start();
    long start = 0;
    for (long i = 1; i <= n; i++) {
      if (i == n / 2) { // the second half: both threads running and compiled
        start = System.nanoTime();
      }
      ping.set(i);
      while (pong.get() != i) {
        Thread.onSpinWait();
      }
    }
    double perTrip = (System.nanoTime() - start) / (n - n / 2 + 1.0);
    try {
      echo.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
    return perTrip;
  }
}
