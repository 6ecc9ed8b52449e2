package weka.classifiers.functions.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Prints 10-fold cross-validated accuracy (nominal class) or correlation (numeric class) and
 * training time of one or more classifiers on ARFF files: the harness used to choose
 * BackpropMLP's defaults and to fill the comparison table of doc/accuracy.md.
 *
 * <p>Usage: {@code CrossValidationTable -d a.arff,b.arff -c "weka.classifiers.functions.BackpropMLP
 * -lr 0.01" -c "weka.classifiers.functions.MultilayerPerceptron" [-folds 10] [-runs 1] [-holdout K]
 * [-warmup [-warmupRows N] | -steady] [-cpu]}
 *
 * <p>With {@code -holdout K} there is one train/test split instead of cross-validation: the rows
 * whose index is a multiple of K are the test set (a rule any other toolkit reproduces exactly;
 * {@code bench/sklearn_table.py} uses it for the scikit-learn column), and the time is that of
 * one training run. With {@code -warmup} every classifier first runs the measured protocol (the
 * same folds, or the same holdout rule), untimed, on the first data set, repeated for three
 * seconds of wall-clock and of CPU time (or once, if that takes longer), so that the timings do
 * not include the JIT compiler's warm-up; {@code -warmupRows N} warms up on the first N rows
 * only (without a long warm-up on a big set). Why the measured protocol and not a cheaper one:
 * a learner whose settings depend on the training set's size runs other code on other sizes
 * (BackpropMLP takes 8-row steps under 500 training rows, 32-row steps from 500), and a warm-up
 * that trained only the other kind left that code to compile during the timed run. The 2-fold
 * warm-up on 500 rows used until the thirty-eighth session did that to every set of 556 rows or
 * more (bench/README.md, "The warm-up trains at the measured sizes"). With {@code -cpu} each
 * result also gives the process's CPU seconds
 * (all threads, as {@code time.process_time()} counts them on the scikit-learn side), a cost
 * that other processes on a loaded machine disturb less than the wall-clock time.
 *
 * <p>With {@code -steady} (instead of {@code -warmup}) every classifier first runs the measured
 * protocol itself on each data set, untimed, until the JIT compiler is quiet: at least three
 * seconds and {@value #STEADY_MIN_RUNS} runs, then until one whole run adds less than
 * {@value #QUIET_JIT_MILLIS} ms of compilation time ({@code CompilationMXBean}) and costs no
 * more process CPU than the cheapest run before it (within 10 %), at most {@value
 * #STEADY_LIMIT_SECONDS} s. The timed runs then measure the steady state of a JVM that has run
 * the learner before, as in an Experimenter session over many folds and sets. Why a second
 * mode: after {@code -warmup}'s three seconds the JIT compiler is still at work for some runs
 * (on dna 0.02–0.25 s of compilation in each of the first eight runs after the warm-up); in one
 * run of diabetes, after the older 2-fold warm-up on 500 rows, the JVM spent 0.80 s of CPU
 * against 0.41 s of wall time, and 0.36–0.44 s of CPU from the third run on. Both modes treat
 * every learner alike.
 */
public final class CrossValidationTable {

  private CrossValidationTable() {}

  /** Least time each classifier's warm-up runs, in nanoseconds. */
  private static final long WARMUP_NANOS = 3_000_000_000L;

  /**
   * The rows the defaults table warms up on ({@code bench/common.sh} passes {@code -warmupRows
   * 1000}; {@link ThreadCpuTable} uses this): training folds of 900 rows in 10-fold CV and 667 in
   * a 1/3 split, so of the timed run's size class on every set, and few enough that {@code
   * MultilayerPerceptron}'s warm-up stays within about three minutes (a whole 10-fold run of
   * soybean's 683 rows, 167 s in the thirty-eighth session's table).
   */
  static final int WARMUP_ROWS = 1000;

  /** JIT compilation time below which one untimed run counts as quiet ({@code -steady}). */
  static final long QUIET_JIT_MILLIS = 20;

  /** Fewest untimed runs of the steady-state warm-up. */
  static final int STEADY_MIN_RUNS = 3;

  /** Longest steady-state warm-up of one classifier on one data set, in seconds. */
  static final long STEADY_LIMIT_SECONDS = 120;

  /**
   * @param args see the class comment
   * @throws Exception on bad arguments or data
   */
  public static void main(String[] args) throws Exception {
    String data = Utils.getOption('d', args);
    int folds = Integer.parseInt(orDefault(Utils.getOption("folds", args), "10"));
    int runs = Integer.parseInt(orDefault(Utils.getOption("runs", args), "1"));
    int holdout = Integer.parseInt(orDefault(Utils.getOption("holdout", args), "0"));
    boolean warmup = Utils.getFlag("warmup", args);
    boolean steady = Utils.getFlag("steady", args);
    int warmupRows = Integer.parseInt(orDefault(Utils.getOption("warmupRows", args), "0"));
    boolean cpu = Utils.getFlag("cpu", args);
    List<String> specs = new ArrayList<>();
    for (String c = Utils.getOption('c', args); !c.isEmpty(); c = Utils.getOption('c', args)) {
      specs.add(c);
    }
    System.out.printf(Locale.ROOT, "%-16s", "dataset");
    for (int s = 0; s < specs.size(); s++) {
      System.out.printf(Locale.ROOT, " | %-22s", "C" + (s + 1) + " acc/corr   time");
    }
    System.out.println();
    if (warmup) {
      Instances first = load(data.split(",")[0]);
      for (String spec : specs) {
        warmUp(spec, first, warmupRows, folds, holdout);
      }
    }
    for (String path : data.split(",")) {
      Instances inst = load(path);
      Instances[] split = holdout > 0 ? split(inst, holdout) : null;
      System.out.printf(Locale.ROOT, "%-16s", new File(path).getName().replace(".arff", ""));
      for (String spec : specs) {
        if (steady) {
          warmUntilQuiet(spec, inst, split, folds);
        }
        double sum = 0;
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        for (int r = 0; r < runs; r++) {
          Evaluation ev = evaluate(spec, inst, split, folds, r);
          sum += inst.classAttribute().isNominal() ? ev.pctCorrect() : ev.correlationCoefficient();
        }
        double secs = (System.nanoTime() - t0) / 1e9 / runs;
        System.out.printf(Locale.ROOT, " | %8.3f %8.2fs     ", sum / runs, secs);
        if (cpu) {
          System.out.printf(Locale.ROOT, "%8.2fs cpu ", (processCpuNanos() - c0) / 1e9 / runs);
        }
      }
      System.out.println();
    }
    for (int s = 0; s < specs.size(); s++) {
      System.out.println("C" + (s + 1) + " = " + specs.get(s));
    }
  }

  /**
   * The warm-up of {@code -warmup} (see the class comment): the measured protocol, untimed, on
   * the first {@code rows} rows of {@code inst} (all of them for 0), repeated for three seconds
   * of the wall clock and of CPU time, or once where that takes longer. Why both clocks: on a
   * loaded machine three seconds of the wall clock may be a fraction of a second of work, too
   * little for the JIT compiler.
   *
   * @param spec the classifier's specification
   * @param inst the data set
   * @param rows how many of its first rows to warm up on, 0 for all
   * @param folds the measured protocol's folds (when {@code holdout} is 0)
   * @param holdout the measured protocol's holdout rule, or 0 for cross-validation
   * @throws Exception if the classifier fails
   */
  static void warmUp(String spec, Instances inst, int rows, int folds, int holdout)
      throws Exception {
    Instances part = rows > 0 && rows < inst.numInstances() ? new Instances(inst, 0, rows) : inst;
    Instances[] split = holdout > 0 ? split(part, holdout) : null;
    long until = System.nanoTime() + WARMUP_NANOS;
    long cpuUntil = processCpuNanos() + WARMUP_NANOS;
    for (int r = 0; r == 0 || System.nanoTime() < until || processCpuNanos() < cpuUntil; r++) {
      evaluate(spec, part, split, folds, r);
    }
  }

  /**
   * Runs the measured protocol untimed until the JIT compiler is quiet (see the class comment).
   * Without a compilation-time bean it runs for the least time only.
   */
  private static void warmUntilQuiet(String spec, Instances inst, Instances[] split, int folds)
      throws Exception {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    long limit = start + STEADY_LIMIT_SECONDS * 1_000_000_000L;
    long leastCpu = Long.MAX_VALUE;
    for (int r = 0; ; r++) {
      long before = timed ? jit.getTotalCompilationTime() : 0;
      long c0 = processCpuNanos();
      evaluate(spec, inst, split, folds, r);
      long now = System.nanoTime();
      long cpu = processCpuNanos() - c0;
      // quiet: the compiler finished less than QUIET_JIT_MILLIS of work during the run (a long
      // compilation counts only once it completes), and the run cost no more CPU than the
      // cheapest before it, within a tenth
      boolean quiet = (!timed || jit.getTotalCompilationTime() - before < QUIET_JIT_MILLIS)
          && r >= STEADY_MIN_RUNS - 1 && cpu <= 1.1 * leastCpu;
      leastCpu = Math.min(leastCpu, cpu);
      if (now >= limit || (now - start >= WARMUP_NANOS && quiet)) {
        return;
      }
    }
  }

  /**
   * One run of the measured protocol: a fresh classifier trained on the split's training part
   * and tested on its test part, or cross-validated with the run's seed.
   */
  static Evaluation evaluate(String spec, Instances inst, Instances[] split, int folds,
      int run) throws Exception {
    Classifier c = newClassifier(spec);
    Evaluation ev = new Evaluation(inst);
    if (split != null) {
      c.buildClassifier(split[0]);
      ev.evaluateModel(c, split[1]);
    } else {
      ev.crossValidateModel(c, inst, folds, new Random(run + 1));
    }
    return ev;
  }

  /** CPU time of the whole JVM process (all threads) so far, in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** An ARFF file with the last attribute as the class. */
  static Instances load(String path) throws Exception {
    Instances inst = DataSource.read(path);
    inst.setClassIndex(inst.numAttributes() - 1);
    return inst;
  }

  /** The classifier of each specification, configured once; {@link #newClassifier} copies it. */
  private static final Map<String, Classifier> TEMPLATES = new ConcurrentHashMap<>();

  /**
   * A fresh classifier from "classname options…": a copy of one made once per specification,
   * as Weka's Experimenter copies its template for every run. Why not {@code forName} each time:
   * Weka's {@code forName} searches its class cache for the name every call (2–4 ms with the
   * test class path's jars), which the timed runs would count as the learner's CPU, a few per
   * cent of a small set's run for the fastest learner.
   */
  static Classifier newClassifier(String spec) throws Exception {
    Classifier template = TEMPLATES.get(spec);
    if (template == null) {
      String[] parts = Utils.splitOptions(spec);
      String name = parts[0];
      parts[0] = "";
      template = AbstractClassifier.forName(name, parts);
      TEMPLATES.put(spec, template);
    }
    return AbstractClassifier.makeCopy(template);
  }

  /** {train, test}: rows whose index is a multiple of {@code every} are the test set. */
  static Instances[] split(Instances inst, int every) {
    Instances train = new Instances(inst, inst.numInstances());
    Instances test = new Instances(inst, inst.numInstances() / every + 1);
    for (int i = 0; i < inst.numInstances(); i++) {
      (i % every == 0 ? test : train).add(inst.instance(i));
    }
    return new Instances[] {train, test};
  }

  private static String orDefault(String v, String d) {
    return v.isEmpty() ? d : v;
  }
}
