package weka.classifiers.functions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * The CPU steal of a virtual machine between two points of a benchmark: of the time its vCPUs
 * wanted to run (busy or stolen, idle excluded), the share the hypervisor gave to other guests
 * instead, from the {@code cpu} line of Linux's {@code /proc/stat}. Idle time is left out so
 * that a one-thread benchmark on a two-vCPU machine is not diluted by the idle vCPU. On a shared
 * VM it can reach tens of percent while a two-thread benchmark runs (bench/README.md), and then
 * its timings, above all the two-thread ratios, are not comparable with a quiet run's; the
 * benchmarks print it beside their figures (bench/run.sh does the same for whole sections,
 * bench/common.sh). Elsewhere than Linux it reports "not measured".
 */
public final class CpuSteal {

  /** Steal above this share marks a run as not quiet. */
  static final double QUIET_LIMIT = 0.05;

  private static final Path STAT = Paths.get("/proc/stat");

  private final long steal;
  /** Busy plus stolen time: every counter but idle and iowait. */
  private final long wanted;

  private CpuSteal(long steal, long wanted) {
    this.steal = steal;
    this.wanted = wanted;
  }

  /** @return the counters now (all zero where {@code /proc/stat} cannot be read) */
  public static CpuSteal mark() {
    try {
      List<String> lines = Files.readAllLines(STAT);
      return lines.isEmpty() ? new CpuSteal(0, 0) : parse(lines.get(0));
    } catch (IOException | RuntimeException e) {
      return new CpuSteal(0, 0);
    }
  }

  /**
   * Reads the aggregate line {@code cpu user nice system idle iowait irq softirq steal ...}
   * (guest time, further on, is already inside user).
   */
  static CpuSteal parse(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      return new CpuSteal(0, 0);
    }
    long wanted = 0;
    for (int i = 1; i <= 8; i++) {
      wanted += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
    }
    return new CpuSteal(Long.parseLong(f[8]), wanted);
  }

  /**
   * @param later a mark taken after this one
   * @return the stolen share of the wanted CPU time between the two marks, or NaN if not
   *     measured
   */
  public double shareUntil(CpuSteal later) {
    long dt = later.wanted - wanted;
    return dt <= 0 ? Double.NaN : (double) (later.steal - steal) / dt;
  }

  /**
   * @param label what ran between the marks
   * @return one line for a report: the steal since this mark, flagged when the run was not quiet
   */
  public String reportSince(String label) {
    double s = shareUntil(mark());
    if (Double.isNaN(s)) {
      return "cpu steal during " + label + ": not measured";
    }
    return String.format(Locale.ROOT,
        "cpu steal during %s: %.1f %% of the CPU time the VM wanted%s", label, 100 * s,
        s > QUIET_LIMIT
            ? " -- NOT A QUIET RUN: timings are not comparable with a quiet machine's" : "");
  }
}
