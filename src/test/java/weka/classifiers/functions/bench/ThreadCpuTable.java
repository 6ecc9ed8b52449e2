package weka.classifiers.functions.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Where the CPU of a cross-validation goes, by thread: the JIT compiler's threads, the garbage
 * collector's, the calling thread, and the threads that ended during the runs (BackpropMLP's
 * λ₂-selection and worker threads live for one build). It reads Linux's per-thread counters
 * ({@code /proc/self/task/}{@code *}{@code /stat}, utime + stime, in clock ticks of 10 ms), which
 * unlike {@code ThreadMXBean} also see the JVM's own compiler and GC threads; the threads that
 * ended are the process's total ({@code /proc/self/stat}) minus the living threads' sum. Linux
 * only. Why: on a small data set the JIT compiler's work after {@link CrossValidationTable}'s
 * warm-up was a third of the measured CPU (doc/defaults.md), which a process total cannot tell
 * apart from training.
 *
 * <p>Usage: {@code ThreadCpuTable -d data.arff -c "weka.classifiers.functions.BackpropMLP
 * -threads 1" [-runs R] [-holdout K]}: the same warm-up as {@code CrossValidationTable -warmup
 * -warmupRows 1000} (3 s of the protocol on the first 1,000 rows), then R 10-fold runs (seeds
 * 1..R), or with {@code -holdout K} R builds on the split of {@code CrossValidationTable
 * -holdout K} (every K-th row tested), and one line: accuracy (or correlation), wall and CPU
 * seconds per run, and CPU seconds per run of each thread group.
 */
public final class ThreadCpuTable {

  private ThreadCpuTable() {}

  /** Milliseconds per clock tick of {@code /proc} (USER_HZ = 100 on Linux). */
  private static final long MS_PER_TICK = 10;

  /**
   * @param args see the class comment
   * @throws Exception on bad arguments or data
   */
  public static void main(String[] args) throws Exception {
    String path = Utils.getOption('d', args);
    String spec = Utils.getOption('c', args);
    String r = Utils.getOption("runs", args);
    int runs = r.isEmpty() ? 1 : Integer.parseInt(r);
    String h = Utils.getOption("holdout", args);
    int holdout = h.isEmpty() ? 0 : Integer.parseInt(h);
    if (path.isEmpty() || spec.isEmpty()) {
      throw new IllegalArgumentException("usage: ThreadCpuTable -d data.arff -c \"classifier"
          + " options\" [-runs R] [-holdout K]");
    }
    Instances inst = CrossValidationTable.load(path);
    CrossValidationTable.warmUp(spec, inst, CrossValidationTable.WARMUP_ROWS, 10, holdout);
    Instances[] split = holdout > 0 ? CrossValidationTable.split(inst, holdout) : null;
    long process0 = processMillis();
    Map<String, Long> before = threadMillis();
    long t0 = System.nanoTime();
    double score = 0;
    for (int run = 0; run < runs; run++) {
      Evaluation ev = CrossValidationTable.evaluate(spec, inst, split, 10, run);
      score += inst.classAttribute().isNominal() ? ev.pctCorrect() : ev.correlationCoefficient();
    }
    double wall = (System.nanoTime() - t0) / 1e9 / runs;
    Map<String, Long> after = threadMillis();
    long process = processMillis() - process0;
    Map<String, Long> groups = new TreeMap<>();
    long living = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d > 0) {
        groups.merge(group(e.getKey()), d, Long::sum);
        living += d;
      }
    }
    groups.put("ended threads", process - living);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "%.3f, wall %.3f s, cpu %.3f s per run |", score / runs, wall, process / 1000.0 / runs));
    for (Map.Entry<String, Long> e : groups.entrySet()) {
      line.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(), e.getValue() / 1000.0 / runs));
    }
    System.out.println(line);
  }

  /** CPU milliseconds of each living thread, keyed by "name/tid". */
  private static Map<String, Long> threadMillis() throws IOException {
    Map<String, Long> m = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          String stat = new String(Files.readAllBytes(t.resolve("stat")), StandardCharsets.UTF_8);
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          m.put(name + "/" + t.getFileName(), ticks(stat) * MS_PER_TICK);
        } catch (IOException e) {
          // the thread ended while the directory was read: counted with the ended threads
        }
      }
    }
    return m;
  }

  /** CPU milliseconds of the whole process, ended threads included. */
  private static long processMillis() throws IOException {
    return ticks(new String(Files.readAllBytes(Paths.get("/proc/self/stat")),
        StandardCharsets.UTF_8)) * MS_PER_TICK;
  }

  /** utime + stime (fields 14 and 15 of proc(5)'s stat line), in clock ticks. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The group of a thread: the JIT compiler, the GC, or its name without the tid. */
  private static String group(String key) {
    String name = key.substring(0, key.lastIndexOf('/'));
    if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
      return "JIT";
    }
    if (name.startsWith("GC ") || name.startsWith("G1 ")) {
      return "GC";
    }
    return name.equals("java") ? "main" : name;
  }
}
