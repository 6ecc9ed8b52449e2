package weka.classifiers.functions.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.bench.HarnessResults.KernelRow;
import weka.classifiers.functions.bench.HarnessResults.Memory;
import weka.classifiers.functions.bench.HarnessResults.Run;
import weka.classifiers.functions.bench.HarnessResults.Steps;

/**
 * The tables {@link TrainingBenchmark} prints on stdout once every measurement is in: the
 * machine and protocol lines, sections 1, 1b, 2, 3, 4, 5 and 6, and the targets of the
 * performance issue, each marked met or missed. It measures nothing itself (apart from reading
 * the load average, the JVM's vector flags and /proc/cpuinfo for the header); it only formats
 * {@link HarnessResults} next to the settings and the reference figures of
 * {@link HarnessSettings} and the peak of {@link MachinePeak}. Kept apart from the measurements
 * so that how a figure is shown can be read and changed without wading through how it is
 * measured, and the other way round; one private method per printed section.
 */
final class HarnessReport {

  private static final int MB = 1 << 20;

  private final HarnessSettings settings;
  private final HarnessResults results;
  private final PrintStream out = System.out;
  // the measured runs, named as the tables name them (filled once the measurements are in)
  private final Run mlp;
  private final Run sgd1;
  private final Run sgd2;
  private final Run small1;
  private final Run small2;
  private final Run full1;
  private final Run deep1;
  private final Run deep2;
  private final Memory memFull;
  private final Memory memDeep;

  HarnessReport(HarnessSettings settings, HarnessResults results) {
    this.settings = settings;
    this.results = results;
    this.mlp = results.mlp;
    this.sgd1 = results.sgd1;
    this.sgd2 = results.sgd2;
    this.small1 = results.small1;
    this.small2 = results.small2;
    this.full1 = results.full1;
    this.deep1 = results.deep1;
    this.deep2 = results.deep2;
    this.memFull = results.memFull;
    this.memDeep = results.memDeep;
  }

  /**
   * Prints the whole report to stdout.
   *
   * @param minutes the harness's run time so far, for the last line
   */
  void report(double minutes) {
    double ghz = ghz();
    int fpc = MachinePeak.flopsPerCycle();
    double peakCore = ghz * fpc;
    double ceiling = MachinePeak.fmaCeiling();
    header(ghz, fpc, peakCore, ceiling);
    section1Training();
    section1bSameOptimizer();
    section2Prediction();
    section3ThreadScaling();
    section4Kernel(ghz, fpc, peakCore, ceiling);
    section5Memory();
    section6MiniBatch();
    targets(peakCore, ceiling);
    out.println();
    out.println(f("harness run time %.1f min", minutes));
  }

  /** The clock the peak is computed from: {@code -Dbench.ghz}, else the measured one. */
  private double ghz() {
    String p = System.getProperty("bench.ghz");
    if (p != null) {
      return Double.parseDouble(p);
    }
    return results.clockGhz > 0 ? results.clockGhz : MachinePeak.nominalGhz();
  }

  private void header(double ghz, int fpc, double peakCore, double ceiling) {
    int cores = Runtime.getRuntime().availableProcessors();
    out.println();
    out.println("BackpropMLP performance harness"
        + (settings.quick ? "  (QUICK MODE: fewer rows/epochs)" : ""));
    String model = MachinePeak.cpuInfo("model name");
    String family = MachinePeak.cpuInfo("cpu family");
    out.println(f("machine: %s (cpu family %s), %d cores; JVM %s",
        model.isEmpty() ? System.getProperty("os.arch") : model,
        family.isEmpty() ? "n/a" : family, cores, MachinePeak.vmVectorFlags()));
    out.println(f("peak: %s = %d DP flop/cycle/core (assumes 2 FMA units as wide as"
            + " MaxVectorSize per core)", MachinePeak.peakDerivation(), fpc));
    out.println(f("      x %s GHz (%s; /proc/cpuinfo says %s GHz) -> theoretical peak %s GFLOP/s"
            + " per core, %s GFLOP/s total",
        num(ghz, 2), System.getProperty("bench.ghz") != null ? "-Dbench.ghz"
            : "measured: dependent add+xor chain, 2 cycles a step, best of 2 x 150 runs",
        num(MachinePeak.nominalGhz(), 2), num(peakCore, 1), num(peakCore * cores, 1)));
    if (!Double.isNaN(ceiling)) {
      out.println(f("      measured ceiling (bench/FmaCeiling.java: register-resident vector FMA"
              + " chains): %s GFLOP/s per core = %s %% of the theoretical peak, as if at %s GHz",
          num(ceiling, 1), num(100 * ceiling / peakCore, 0), num(ceiling / fpc, 2)));
    }
    out.println(f("cores: a value's round trip between two threads %s ns before the 784-64-10"
            + " rows, %s ns after (about 50 where the two vCPUs share a cache, 400+ where they"
            + " do not; the two-thread rows depend on it)", num(results.roundTripBefore, 0),
        num(results.roundTripAfter, 0)));
    out.println(f("stalls: two threads that never wait were each kept from running for more"
            + " than %d us %s times a second (%s of the time) before the 784-64-10 rows, %s (%s)"
            + " before the two-thread 784-256-256-10 row (MachinePeak.stalls; a two-thread step"
            + " waits for the later thread)", MachinePeak.STALL_NANOS / 1000,
        num(results.stallsBefore[0], 0), percentTenths(results.stallsBefore[1]),
        num(results.deepStallsBefore[0], 0), percentTenths(results.deepStallsBefore[1])));
    out.println(f("java %s (%s), max heap %,d MB; load average before %s, after %s",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory() / MB, results.loadBefore, MachinePeak.loadAverage()));
    out.println(f("data: Fashion-MNIST, %,d training rows (first %,d for the comparison),"
        + " %,d test rows, 784 inputs in [0,1], 10 classes", settings.fullRows,
        settings.smallRows, settings.testRows));
    out.println("protocol: one untimed warm-up epoch, then the mean of the timed epochs (wall"
        + " clock); training GFLOP/s = 6 x parameters x rows / (s/epoch);");
    out.println("          BackpropMLP: " + settings.backpropOptions("H", "SGD|ADAM", 0, "T")
        .replace(" -epochs 0", "")
        .replace(" -momentum " + settings.momentum + " -lr " + settings.lrSgd, "")
        .replace(" -lr " + settings.lrAdam, f(" -lr %s (SGD: + -momentum %s) or %s (ADAM)",
            settings.lrSgd, settings.momentum, settings.lrAdam)));
    out.println("          MultilayerPerceptron: -H 64 (per-example SGD), Weka defaults otherwise");
    out.println("          " + settings.ref.getProperty("reference_env", "(no reference figures)"));
  }

  private void section1Training() {
    out.println();
    out.println("1. Training, seconds per epoch");
    String h1 = "%-22s %-11s %-15s %7s %7s %6s %9s %9s %8s %8s %9s %6s";
    out.println(f(h1, "model", "optimizer", "network", "rows", "threads", "epochs", "s/epoch",
        "GFLOP/s", "cpu/wall", "test acc", "vs MLP", "steal"));
    double mlpS = mlp.secondsPerEpoch();
    for (Run r : new Run[] {mlp, sgd1, sgd2, small1, small2,
        full1, deep1, deep2}) {
      out.println(f(h1, r.model, r.optimizer, r.net, f("%,d", r.rows), r.threads,
          r.epochSeconds.size(),
          num(r.secondsPerEpoch(), 3), num(r.trainGflops(), 2), num(r.cpuPerWall(), 2),
          num(r.accuracy, 3),
          r.rows == mlp.rows && r.net.equals(mlp.net) ? times(mlpS / r.secondsPerEpoch())
              : "", percent(r.trainSteal)));
    }
    for (String opt : new String[] {"sgd", "adam"}) {
      for (int t = 1; t <= 2; t++) {
        double s = settings.refValue("sklearn_" + opt + "_train_s_per_epoch_t" + t);
        if (!Double.isNaN(s)) {
          double skRows = settings.refValue("sklearn_rows");
          out.println(f(h1, "sklearn MLPClassifier",
              opt.equals("sgd") ? "SGD m" + settings.momentum : "Adam", "784-64-10",
              f("%,d", (int) skRows), t + " BLAS", (int) settings.refValue("sklearn_epochs"),
              num(s, 3), num(6.0 * TrainingBenchmark.params("64") * skRows / s / 1e9, 2), "",
              num(settings.refValue("sklearn_" + opt + "_test_acc_t" + t), 3), times(mlpS / s),
              ""));
        }
      }
    }
    if (Double.isNaN(settings.refValue("sklearn_adam_train_s_per_epoch_t1"))) {
      out.println("   (no scikit-learn figures: " + settings.ref.getProperty("note",
          "bench/reference.py was not run") + ")");
    }
    out.println("   cpu/wall = process CPU seconds per wall second during the timed epochs"
        + " (~threads when the machine is otherwise idle)");
    out.println("   steal = the hypervisor's CPU steal during the timed epochs, as a share of the"
        + " time the VM wanted (CpuSteal); above 5 % the row is not a quiet-machine figure");
    out.println(
        "   784-64-10 on the first rows, both sides: the faster of two rounds (both in 1b)");
    out.println(f("   MultilayerPerceptron's two rounds: %s and %s s/epoch",
        num(mlp.fasterRound(), 3), num(mlp.slowerRound(), 3)));
  }

  private void section1bSameOptimizer() {
    out.println();
    out.println(f("1b. Same optimizer as scikit-learn: 784-64-10, %,d rows, mini-batch %d,"
        + " constant step (SGD %s with momentum %s, Adam %s), L2 %s = sklearn alpha %s",
        settings.smallRows, settings.miniBatch, settings.lrSgd, settings.momentum,
        settings.lrAdam, settings.l2, settings.ref.getProperty("sklearn_alpha", "n/a")));
    String hb = "   %-10s %-9s %14s %14s %24s %9s %11s";
    out.println(f(hb, "optimizer", "threads", "BackpropMLP", "sklearn", "BackpropMLP speed",
        "acc BMLP", "acc sklearn"));
    out.println(f(hb, "", "", "s/epoch", "s/epoch", "sklearn s / BMLP s", "", ""));
    out.println(f(hb, "", "", "2 rounds", "2 rounds", "faster rounds (range)", "", ""));
    Run[][] pairs = {{sgd1, sgd2}, {small1, small2}};
    String[] keys = {"sgd", "adam"};
    for (int k = 0; k < 2; k++) {
      for (int t = 1; t <= 2; t++) {
        Run r = pairs[k][t - 1];
        double sk = settings.refValue("sklearn_" + keys[k] + "_train_s_per_epoch_t" + t);
        double skMax = settings.refValue("sklearn_" + keys[k] + "_train_s_per_epoch_max_t" + t);
        if (Double.isNaN(skMax)) {
          skMax = sk;
        }
        out.println(f(hb, r.optimizer, t + (t == 1 ? " thread" : " threads"),
            num(r.fasterRound(), 3) + "-" + num(r.slowerRound(), 3),
            num(sk, 3) + "-" + num(skMax, 3),
            f("%s (%s-%s)", times(sk / r.fasterRound()),
                times(sk / r.slowerRound()).replace("x", ""), times(skMax / r.fasterRound())),
            num(r.accuracy, 3),
            num(settings.refValue("sklearn_" + keys[k] + "_test_acc_t" + t), 3)));
      }
    }
    for (int t = 1; t <= 2; t++) {
      if (settings.ref.getProperty("blas_info_t" + t) != null) {
        out.println(f("   OpenBLAS as threadpoolctl saw it, %d thread(s): %s; OPENBLAS_CORETYPE=%s,"
            + " OPENBLAS_L2_SIZE=%s in that process", t,
            settings.ref.getProperty("blas_info_t" + t),
            settings.ref.getProperty("env_OPENBLAS_CORETYPE_t" + t, "n/a"),
            settings.ref.getProperty("env_OPENBLAS_L2_SIZE_t" + t, "n/a")));
      }
    }
    out.println("   still different: sklearn adds alpha*w/batch to the gradient (so alpha = l2 x"
        + " batch; its last short batch gets a stronger penalty), computes the batch loss and the"
        + " whole L2 sum at every step, copies the shuffled rows of X per batch; BackpropMLP"
        + " penalizes weights only (so does sklearn) and shuffles with its own generator; its"
        + " SGD form v = m*v + g, w -= lr*v equals sklearn's v = m*v - lr*g, w += v at a constant"
        + " step; Adam: both beta 0.9/0.999, eps 1e-8, bias-corrected; threads on the sklearn"
        + " side are OpenBLAS threads (numpy's elementwise work stays on one)");
  }

  private void section2Prediction() {
    out.println();
    out.println(f("2. Batch prediction of the %,d test rows (distributionsForInstances as Weka's"
        + " Evaluation calls it; kernel route: %s)", settings.testRows, Kernels.route()));
    String h2 = "%-30s %-15s %10s %7s %12s %9s %9s %6s";
    out.println(f(h2, "model", "network", "trained on", "threads", "rows/s", "GFLOP/s", "vs MLP",
        "steal"));
    double mlpRps = mlp.rowsPerSecond();
    for (Run r : new Run[] {mlp, small1, small2, full1, deep1,
        deep2}) {
      out.println(f(h2, r.model, r.net, f("%,d", r.rows), r.threads, num(r.rowsPerSecond(), 0),
          num(r.predictGflops(), 2),
          r.net.equals(mlp.net) ? times(r.rowsPerSecond() / mlpRps) : "",
          percent(r.predictSteal)));
    }
    for (int t = 1; t <= 2; t++) {
      double rps = settings.refValue("sklearn_predict_rows_per_s_t" + t);
      if (!Double.isNaN(rps)) {
        out.println(f(h2, "sklearn predict_proba", "784-64-10",
            f("%,d", (int) settings.refValue("sklearn_rows")), t + " BLAS", num(rps, 0),
            num(2.0 * TrainingBenchmark.params("64") * rps / 1e9, 2), times(rps / mlpRps), ""));
      }
    }
  }

  private void section3ThreadScaling() {
    out.println();
    out.println("3. Thread scaling (same model bit for bit with any thread count)");
    String h3 = "%-48s %12s %12s %9s";
    out.println(f(h3, "workload", "1 thread", "2 threads", "speed-up"));
    out.println(f(h3, f("training 784-64-10 SGD, %,d rows (s/epoch)", settings.smallRows),
        num(sgd1.secondsPerEpoch(), 3), num(sgd2.secondsPerEpoch(), 3),
        times(sgd1.secondsPerEpoch() / sgd2.secondsPerEpoch())));
    out.println(f(h3, f("training 784-64-10 Adam, %,d rows (s/epoch)", settings.smallRows),
        num(small1.secondsPerEpoch(), 3), num(small2.secondsPerEpoch(), 3),
        times(small1.secondsPerEpoch() / small2.secondsPerEpoch())));
    out.println(f(h3, f("training 784-256-256-10, %,d rows (s/epoch)", settings.fullRows),
        num(deep1.secondsPerEpoch(), 3), num(deep2.secondsPerEpoch(), 3),
        times(deep1.secondsPerEpoch() / deep2.secondsPerEpoch())));
    out.println(f(h3, "prediction 784-64-10 (rows/s)", num(small1.rowsPerSecond(), 0),
        num(small2.rowsPerSecond(), 0), times(small2.rowsPerSecond() / small1.rowsPerSecond())));
    out.println(f(h3, "prediction 784-256-256-10 (rows/s)", num(deep1.rowsPerSecond(), 0),
        num(deep2.rowsPerSecond(), 0), times(deep2.rowsPerSecond() / deep1.rowsPerSecond())));
    KernelRow k1 = results.kernelRows.get(2);
    KernelRow k2 = results.kernelRows.get(3);
    out.println(f(h3, "kernel 128x784x256 (GFLOP/s)", num(k1.gflops, 2), num(k2.gflops, 2),
        times(k2.gflops / k1.gflops)));
    for (String opt : new String[] {"sgd", "adam"}) {
      double sk1 = settings.refValue("sklearn_" + opt + "_train_s_per_epoch_t1");
      double sk2 = settings.refValue("sklearn_" + opt + "_train_s_per_epoch_t2");
      if (!Double.isNaN(sk1)) {
        out.println(f(h3, f("sklearn training 784-64-10 %s, %,d rows (s/epoch)",
            opt.equals("sgd") ? "SGD" : "Adam", (int) settings.refValue("sklearn_rows")),
            num(sk1, 3), num(sk2, 3), times(sk1 / sk2)));
      }
    }
  }

  private void section4Kernel(double ghz, int fpc, double peakCore, double ceiling) {
    out.println();
    out.println(f("4. Matrix kernel C = X*Y^T, X 128x784, Y 256x784 (%.1f MFLOP per call),"
        + " best of repeated calls after warm-up", 2.0 * 128 * 784 * 256 / 1e6));
    String h4 = "%-48s %7s %9s %14s %14s";
    out.println(f(h4, "implementation", "threads", "GFLOP/s", "% theor. peak", "% OpenBLAS"));
    for (KernelRow r : results.kernelRows) {
      double blas = settings.refValue("dgemm_128x784x256_t" + r.threads);
      out.println(f(h4, r.name, r.threads, num(r.gflops, 2),
          pct(r.gflops / (peakCore * r.threads)), pct(r.gflops / blas)));
    }
    for (int t = 1; t <= 2; t++) {
      double same = settings.refValue("dgemm_128x784x256_t" + t);
      if (!Double.isNaN(same)) {
        out.println(f(h4, "numpy/OpenBLAS dgemm, same shape", t, num(same, 2),
            pct(same / (peakCore * t)), ""));
      }
    }
    for (int t = 1; t <= 2; t++) {
      double big = settings.refValue("dgemm_2048_t" + t);
      if (!Double.isNaN(big)) {
        out.println(f(h4, "numpy/OpenBLAS dgemm 2048x2048x2048", t, num(big, 2),
            pct(big / (peakCore * t)), ""));
      }
    }
    if (!Double.isNaN(ceiling)) {
      out.println(f(h4, "measured FMA ceiling (registers, no memory)", 1, num(ceiling, 2),
          pct(ceiling / peakCore), ""));
    }
    for (int t = 1; t <= 2; t++) {
      out.println(f(h4, f("theoretical peak (%s GHz x %d flop/cycle)", num(ghz, 2), fpc), t,
          num(peakCore * t, 2), "100 %", ""));
    }
    if (Double.isNaN(settings.refValue("dgemm_2048_t1"))) {
      out.println("   (no numpy/OpenBLAS figures: " + settings.ref.getProperty("note",
          "bench/reference.py was not run") + ")");
    }
    out.println("   all kernels above give bit-identical results: "
        + (results.kernelBitsMatch ? "yes" : "NO"));
  }

  private void section5Memory() {
    Memory full = memFull;
    Memory deep = memDeep;
    out.println();
    out.println("5. Memory (training on the full set, -threads 1)");
    String h5 = "%-62s %14s %14s";
    out.println(f(h5, "", full.net, deep.net));
    out.println(f(h5, "max heap (-Xmx)", mb(full.maxHeap), mb(deep.maxHeap)));
    out.println(f(h5, "peak heap in use during init + epochs (sampled every 2 ms)",
        mb(full.peak), mb(deep.peak)));
    out.println(f(h5, "live heap before training (the Weka Instances, test set)",
        mb(full.before), mb(deep.before)));
    out.println(f(h5, "retained by the classifier while training (after GC)",
        mb(full.retained), mb(deep.retained)));
    out.println(f(h5, "  of which encoded data (x, one-hot y, weights, labels)",
        mb(full.encoded), mb(deep.encoded)));
    out.println(f(h5, "  of which the rest: model, gradient, optimizer, workspace, ...",
        mb(full.retained - full.encoded), mb(deep.retained - deep.encoded)));
    out.println(f(h5, "  (parameters x 8 B x 4 = weights, gradient, Adam m and v)",
        mb(full.params * 32), mb(deep.params * 32)));
    out.println();
    out.println(
        "   Bytes allocated by the training thread during one timed epoch (after warm-up):");
    String h6 = "   %-44s %7s %10s %12s %14s";
    out.println(f(h6, "run", "threads", "batches", "bytes/epoch", "bytes/batch"));
    for (Run r : new Run[] {small1, small2, full1, deep1,
        deep2}) {
      out.println(f(h6, f("%s, %,d rows", r.net, r.rows), r.threads, f("%,d", r.batches),
          r.minEpochAlloc == r.maxEpochAlloc ? f("%,d", r.maxEpochAlloc)
              : f("%,d-%,d", r.minEpochAlloc, r.maxEpochAlloc),
          num((double) r.maxEpochAlloc / r.batches, 2)));
    }
    out.println("   (min-max over the timed epochs; 112 B is the WorkerPool each epoch creates,"
        + " more appears while the JIT still recompiles; with 2 threads the caller also starts the"
        + " worker thread)");
  }

  private void section6MiniBatch() {
    Steps small = results.stepsSmall;
    Steps deep = results.stepsDeep;
    out.println();
    out.println(f("6. Where a training mini-batch's time goes (%d rows, 1 thread): per-step work"
        + " outside forward/backward, each piece timed alone on one thread", settings.miniBatch));
    String h7 = "   %-52s %14s %14s";
    out.println(f(h7, "microseconds per mini-batch", small.net, deep.net));
    out.println(f(h7, "whole mini-batch (CPU s/epoch / mini-batches, runs of 1.)",
        num(small.batchUs, 0), num(deep.batchUs, 0)));
    out.println(f(h7, "penalty gradient (Regularizer.addGradient, default -l2)",
        num(small.penaltyUs, 0), num(deep.penaltyUs, 0)));
    out.println(f(h7, "optimizer step (" + small.optimizer + ")", num(small.optimizerUs, 0),
        num(deep.optimizerUs, 0)));
    out.println(f(h7, "gradient norms (Kernels.squaredNorm, each layer once)",
        num(small.normsUs, 0), num(deep.normsUs, 0)));
    out.println(f(h7, "clearing the gradient", num(small.clearUs, 0), num(deep.clearUs, 0)));
    double shareSmall = small.outsideUs() / small.batchUs;
    double shareDeep = deep.outsideUs() / deep.batchUs;
    out.println(f(h7, "share of the mini-batch", pct(shareSmall), pct(shareDeep)));
    out.println("   (training fuses these pieces chunk by chunk and splits the chunks over its"
        + " threads, so the share is not a serial part)");
  }

  private void targets(double peakCore, double ceiling) {
    out.println();
    out.println("Targets");
    String ht = "   %-8s %-62s %s";
    // MultilayerPerceptron trains by per-example SGD with momentum, so the like-for-like side is
    // BackpropMLP's SGD with momentum (as in the issue's own table); Adam is printed beside it.
    double mlpS = mlp.secondsPerEpoch();
    double speedup = mlpS / sgd1.secondsPerEpoch();
    out.println(f(ht, mark(speedup >= 50), "training >= 50x faster than MultilayerPerceptron,"
        + " 784-64-10 SGD m0.9, 1 thread", f("%s (on CPU time %s; Adam %s)", times(speedup),
            times(mlp.cpuPerEpoch() / sgd1.cpuPerEpoch()),
            times(mlpS / small1.secondsPerEpoch()))));
    boolean properKernel = settings.ref.getProperty("reference_env", "").startsWith("unset");
    for (Run r : new Run[] {sgd1, small1}) {
      String key = r == sgd1 ? "sgd" : "adam";
      double sk = settings.refValue("sklearn_" + key + "_train_s_per_epoch_t1");
      String what = f("per-epoch >= 1.0x sklearn, same optimizer (%s), 1 thread", r.optimizer);
      if (Double.isNaN(sk)) {
        out.println(f(ht, "n/a", what, "no scikit-learn figures"));
      } else {
        double vs = sk / r.secondsPerEpoch();
        out.println(f(ht, mark(vs >= 1), what, f("%s s vs %s s/epoch (%s; steal %s)%s",
            num(r.secondsPerEpoch(), 3), num(sk, 3), times(vs), percent(r.trainSteal),
            properKernel ? "  (faster rounds)"
                : "  [OpenBLAS env NOT unset: "
                    + settings.ref.getProperty("blas_architecture_t1", "?") + " kernel]")));
      }
    }
    double kernel1 = results.kernelRows.get(2).gflops;
    double kernel2 = results.kernelRows.get(3).gflops;
    double share1 = kernel1 / peakCore;
    double share2 = kernel2 / (peakCore * 2);
    // judged against the nominal peak; the measured ceiling is printed beside it
    out.println(f(ht, mark(share1 >= 0.4), "kernel >= 40 % of DP peak, 1 thread vs one core",
        f("%s of %s GFLOP/s%s", pct(share1), num(peakCore, 1),
            ofCeiling(kernel1, ceiling, "the measured FMA ceiling"))));
    out.println(f(ht, mark(share2 >= 0.4), "kernel >= 40 % of DP peak, 2 threads vs the machine",
        f("%s of %s GFLOP/s%s", pct(share2), num(peakCore * 2, 1),
            ofCeiling(kernel2, 2 * ceiling, "twice one core's FMA ceiling"))));
    for (Run[] pair : new Run[][] {{sgd1, sgd2}, {small1, small2}}) {
      double s = pair[0].secondsPerEpoch() / pair[1].secondsPerEpoch();
      out.println(f(ht, mark(s >= 1.5), f("2 threads >= 1.5x 1 thread, training 784-64-10 (%s)",
          pair[0].optimizer), f("%s (%s s vs %s s/epoch; cpu/wall %s with 2 threads; steal %s"
              + " / %s; cross-core round trip %s / %s ns; stalls %s/s)", times(s),
              num(pair[0].secondsPerEpoch(), 3), num(pair[1].secondsPerEpoch(), 3),
              num(pair[1].cpuPerWall(), 2), percent(pair[0].trainSteal),
              percent(pair[1].trainSteal), num(results.roundTripBefore, 0),
              num(results.roundTripAfter, 0), num(results.stallsBefore[0], 0))));
    }
    for (int t = 1; t <= 2; t++) {
      // the Adam model, as bench/reference.py predicts with its Adam model, each the best of
      // three passes (the best of three models had been taken here against one of theirs)
      Run adam = t == 1 ? small1 : small2;
      double ours = adam.rowsPerSecond();
      double steal = adam.predictSteal;
      double sk = settings.refValue("sklearn_predict_rows_per_s_t" + t);
      String what = f("prediction rows/s >= sklearn predict_proba, 784-64-10, %d thread(s)", t);
      out.println(Double.isNaN(sk) ? f(ht, "n/a", what, "no scikit-learn figures")
          : f(ht, mark(ours >= sk), what, f("%,.0f vs %,.0f rows/s (%s; steal %s)", ours, sk,
              times(ours / sk), percent(steal))));
    }
    out.println(f(ht, "n/a", "defaults table (accuracy and seconds per set)",
        "last section of bench/run.sh (bench/defaults.sh)"));
    double scale = deep1.secondsPerEpoch() / deep2.secondsPerEpoch();
    out.println(f(ht, mark(scale >= 1.7), "2 threads >= 1.7x 1 thread, training 784-256-256-10",
        f("%s (%s s vs %s s/epoch; cross-core round trip %s / %s ns; stalls %s/s)",
            times(scale), num(deep1.secondsPerEpoch(), 3), num(deep2.secondsPerEpoch(), 3),
            num(results.deepRoundTripBefore, 0), num(results.deepRoundTripAfter, 0),
            num(results.deepStallsBefore[0], 0))));
    boolean smaller = memFull.retained - memFull.encoded < memFull.encoded
        && memDeep.retained - memDeep.encoded < memDeep.encoded;
    out.println(f(ht, mark(smaller), f("full %,d-row set trains with -Xmx%dm;"
        + " model+workspace < encoded data", settings.fullRows,
            Runtime.getRuntime().maxMemory() / MB),
        f("%s and %s vs %s", mb(memFull.retained - memFull.encoded),
            mb(memDeep.retained - memDeep.encoded), mb(memFull.encoded))));
    // With at least a few hundred mini-batches per epoch, even one 16-byte object per
    // mini-batch would show as kilobytes; the bytes seen are the epoch's WorkerPool, plus a few
    // while the JIT is still replacing compiled code.
    long worst = Math.max(small1.maxEpochAlloc, Math.max(full1.maxEpochAlloc,
        deep1.maxEpochAlloc));
    long least = Math.min(small1.minEpochAlloc, Math.min(full1.minEpochAlloc,
        deep1.minEpochAlloc));
    out.println(f(ht, mark(worst < 1024), "no allocation inside an epoch (training thread,"
        + " 1 thread)", f("%,d-%,d B per epoch of %,d-%,d mini-batches", least, worst,
            small1.batches, full1.batches)));
    boolean same = Arrays.deepEquals(small1.predictions, small2.predictions)
        && Arrays.deepEquals(sgd1.predictions, sgd2.predictions)
        && Arrays.deepEquals(deep1.predictions, deep2.predictions);
    out.println(f(ht, same ? "OK" : "DIFFERS", "models trained with 1 and 2 threads predict"
        + " bit-identical distributions", same ? "yes" : "no"));
  }

  // =========================================================================================
  // Formatting
  // =========================================================================================

  /** "; x % of {@code what} y", or "" where the ceiling was not measured. */
  private static String ofCeiling(double gflops, double ceiling, String what) {
    return Double.isNaN(ceiling) ? ""
        : f("; %s of %s %s", pct(gflops / ceiling), what, num(ceiling, 1));
  }

  /** A share as a whole percentage, or "" when not measured. */
  private static String percent(double share) {
    return Double.isNaN(share) ? "" : f("%.0f %%", 100 * share);
  }

  /** A share as a percentage to a tenth, "n/a" when not measured. */
  private static String percentTenths(double share) {
    return Double.isNaN(share) ? "n/a" : f("%.1f %%", 100 * share);
  }

  private static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : f("%,." + decimals + "f", v);
  }

  private static String times(double v) {
    return Double.isNaN(v) ? "n/a" : f("%,.1fx", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : f("%.0f %%", 100 * v);
  }

  private static String mark(boolean met) {
    return met ? "MET" : "MISSED";
  }

  private static String mb(long bytes) {
    return f("%,.1f MB", bytes / (double) MB);
  }
}
