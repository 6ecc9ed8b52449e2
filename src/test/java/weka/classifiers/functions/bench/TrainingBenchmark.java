package weka.classifiers.functions.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.functions.backprop.kernel.KernelRouteBench;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputActivation;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.Regularizer;
import weka.classifiers.functions.backprop.optim.Optimizer;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backpropmlp.ModelView;
import weka.core.BatchPredictor;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The performance harness behind {@code bench/run.sh}: one run prints
 *
 * <ol>
 *   <li>training seconds per epoch and GFLOP/s of BackpropMLP and Weka's MultilayerPerceptron
 *       on the same Fashion-MNIST rows with the same 784-64-10 network, then BackpropMLP alone
 *       on all 60,000 rows and on 784-256-256-10; next to scikit-learn at the same optimizer
 *       (SGD with momentum, Adam), mini-batch, step size and L2 penalty;
 *   <li>batch prediction throughput (rows per second) of the same models;
 *   <li>thread scaling, 1 versus 2 threads;
 *   <li>GFLOP/s of the matrix kernel {@code Kernels.multiplyTransposed} on 128×784×256 next to
 *       the machine's peak;
 *   <li>peak heap while training on the full set, what the model and its buffers take next to
 *       the encoded data, and the bytes the training thread allocates during an epoch;
 *   <li>where a mini-batch's time goes: the per-step work outside the forward and backward
 *       passes (penalty gradient, optimizer, gradient norms), which runs on one thread;
 * </ol>
 *
 * <p>followed by the targets of the performance issue, each marked met or missed. Figures from
 * numpy/OpenBLAS and scikit-learn are read from the file written by {@code bench/reference.py}
 * when one is given. Progress goes to stderr, the tables to stdout.
 *
 * <p>Protocol: every model is trained through the Weka {@link IterativeClassifier} API
 * ({@code initializeClassifier}, then one {@code next()} per epoch); the first epoch is an
 * untimed warm-up for the JIT, then each further epoch is timed on the wall clock and the mean
 * is reported. GFLOP/s of training counts {@code 6 × parameters × rows} per epoch (forward 2,
 * backward 4 flops per weight and example); of prediction {@code 2 × parameters × rows}.
 *
 * <p>Peak: double-precision flops per cycle and core come from the vector width the running
 * JVM uses ({@code UseAVX}, {@code MaxVectorSize}, {@code UseFMA}, read through
 * {@link HotSpotDiagnosticMXBean}) times two FMA units; the clock is measured with a dependent
 * chain of integer adds and xors (two cycles a step), the nominal one from /proc/cpuinfo shown
 * beside it. {@code -Dbench.ghz} and {@code -Dbench.flopsPerCycle} override either.
 *
 * <p>Usage: {@code TrainingBenchmark [--data DIR] [--reference FILE] [--quick]
 * [--small-rows N] [--full-rows N] [--epochs N] [--full-epochs N] [--mlp-epochs N]
 * [--batch N] [--l2 X] [--lr-sgd X] [--lr-adam X] [--momentum X]}.
 */
public final class TrainingBenchmark {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final int MB = 1 << 20;
  /** Weka's netlib loader logs two harmless warnings; held strongly so the level sticks. */
  private static final java.util.logging.Logger NETLIB_LOG =
      java.util.logging.Logger.getLogger("com.github.fommil");

  // ---- settings ----
  private Path dataDir = Paths.get("bench", "data");
  private Path referenceFile;
  private boolean quick;
  private int smallRows = 10_000;
  private int fullRows = 60_000;
  private int testRows = 10_000;
  private int epochs = 3;
  private int fullEpochs = 2;
  private int mlpEpochs = 1;
  private int miniBatch = 32;
  /** The training problem shared with bench/reference.py (bench/run.sh passes both the same). */
  private String l2 = "0.01";
  private String lrSgd = "0.01";
  private String lrAdam = "0.001";
  private String momentum = "0.9";

  // ---- results ----
  private final Properties ref = new Properties();
  private Run mlp;
  private Run sgd1;
  private Run sgd2;
  private Run small1;
  private Run small2;
  private Run full1;
  private Run deep1;
  private Run deep2;
  private final List<KernelRow> kernelRows = new ArrayList<>();
  private boolean kernelBitsMatch;
  private Memory memFull;
  private Memory memDeep;
  private Steps stepsSmall;
  private Steps stepsDeep;
  private String loadBefore;
  private double clockGhz;

  /** One trained model: training and prediction measurements. */
  static final class Run {
    String model;
    String optimizer;
    String net;
    int rows;
    int threads;
    long params;
    int batches;
    double initSeconds;
    final List<Double> epochSeconds = new ArrayList<>();
    final List<Double> epochCpu = new ArrayList<>();
    long maxEpochAlloc;
    long minEpochAlloc = Long.MAX_VALUE;
    int predictRows;
    double predictSeconds;
    double accuracy;
    double[][] predictions;
    /** s/epoch of the other round of the same configuration (NaN: measured once). */
    double otherRound = Double.NaN;
    /** Hypervisor steal during the timed epochs and during the timed predictions (CpuSteal). */
    double trainSteal = Double.NaN;
    double predictSteal = Double.NaN;

    double fasterRound() {
      return Double.isNaN(otherRound) ? secondsPerEpoch()
          : Math.min(secondsPerEpoch(), otherRound);
    }

    double slowerRound() {
      return Double.isNaN(otherRound) ? secondsPerEpoch()
          : Math.max(secondsPerEpoch(), otherRound);
    }

    double cpuPerEpoch() {
      return epochCpu.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double secondsPerEpoch() {
      return epochSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double cpuPerWall() {
      double cpu = epochCpu.stream().mapToDouble(Double::doubleValue).sum();
      double wall = epochSeconds.stream().mapToDouble(Double::doubleValue).sum();
      return cpu / wall;
    }

    double trainGflops() {
      return 6.0 * params * rows / secondsPerEpoch() / 1e9;
    }

    double rowsPerSecond() {
      return predictRows / predictSeconds;
    }

    double predictGflops() {
      return 2.0 * params * rowsPerSecond() / 1e9;
    }
  }

  /** Heap figures of one training run on the full set. */
  static final class Memory {
    String net;
    long maxHeap;
    long before;
    long retained;
    long peak;
    long encoded;
    long params;
  }

  /** Per-mini-batch cost of the steps outside the forward and backward passes. */
  static final class Steps {
    String net;
    String optimizer;
    int params;
    double penaltyUs;
    double optimizerUs;
    double normsUs;
    double clearUs;
    double batchUs;

    double outsideUs() {
      return penaltyUs + optimizerUs + normsUs + clearUs;
    }
  }

  /** One line of the kernel table. */
  static final class KernelRow {
    final String name;
    final int threads;
    final double gflops;

    KernelRow(String name, int threads, double gflops) {
      this.name = name;
      this.threads = threads;
      this.gflops = gflops;
    }
  }

  /**
   * Runs the harness.
   *
   * @param args see the class comment
   * @throws Exception if the data cannot be read or a classifier fails
   */
  public static void main(String[] args) throws Exception {
    NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
    TrainingBenchmark b = new TrainingBenchmark();
    b.parse(args);
    b.run();
  }

  private void parse(String[] args) throws IOException {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--data":
          dataDir = Paths.get(args[++i]);
          break;
        case "--reference":
          referenceFile = Paths.get(args[++i]);
          break;
        case "--quick":
          quick = true;
          smallRows = 2_000;
          fullRows = 6_000;
          testRows = 2_000;
          epochs = 1;
          fullEpochs = 1;
          break;
        case "--small-rows":
          smallRows = Integer.parseInt(args[++i]);
          break;
        case "--full-rows":
          fullRows = Integer.parseInt(args[++i]);
          break;
        case "--epochs":
          epochs = Integer.parseInt(args[++i]);
          break;
        case "--full-epochs":
          fullEpochs = Integer.parseInt(args[++i]);
          break;
        case "--mlp-epochs":
          mlpEpochs = Integer.parseInt(args[++i]);
          break;
        case "--batch":
          miniBatch = Integer.parseInt(args[++i]);
          break;
        case "--l2":
          l2 = args[++i];
          break;
        case "--lr-sgd":
          lrSgd = args[++i];
          break;
        case "--lr-adam":
          lrAdam = args[++i];
          break;
        case "--momentum":
          momentum = args[++i];
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (referenceFile != null && Files.isReadable(referenceFile)) {
      try (Reader r = Files.newBufferedReader(referenceFile, StandardCharsets.UTF_8)) {
        ref.load(r);
      }
    }
  }

  private static void progress(String fmt, Object... args) {
    System.err.printf(Locale.ROOT, "[bench] " + fmt + "%n", args);
  }

  private void run() throws Exception {
    loadBefore = loadAverage();
    long start = System.nanoTime();
    clockGhz = measureClockGhz();
    progress("reading Fashion-MNIST from %s", dataDir);
    FashionMnist.Split trainSplit = FashionMnist.read(dataDir, "train", fullRows);
    FashionMnist.Split testSplit = FashionMnist.read(dataDir, "t10k", testRows);
    Instances full = FashionMnist.toInstances(trainSplit, trainSplit.rows, "fashion-mnist-train");
    Instances test = FashionMnist.toInstances(testSplit, testSplit.rows, "fashion-mnist-t10k");
    trainSplit = null;
    testSplit = null;
    fullRows = full.numInstances();
    smallRows = Math.min(smallRows, fullRows);
    Instances small = new Instances(full, 0, smallRows);

    progress("JIT warm-up");
    warmUp(new Instances(full, 0, Math.min(4_000, fullRows)), test);

    progress("1. MultilayerPerceptron -H 64 on %d rows (%d timed epoch(s), slow)", smallRows,
        mlpEpochs);
    MultilayerPerceptron m = new MultilayerPerceptron();
    m.setOptions(Utils.splitOptions("-H 64 -N " + (1 + mlpEpochs)));
    mlp = measure("MultilayerPerceptron", "784-64-10", m, small, test, 1, mlpEpochs,
        params("64"), 1, null);
    mlp.optimizer = "SGD/example";
    m = null;

    // Two rounds of the four small configurations, the optimizers alternating: which one ran
    // first, and what the other builders on a shared machine did meanwhile, moved single
    // measurements by up to 2x. The tables keep the faster round and show both.
    Run[][] rounds = new Run[2][4];
    for (int round = 0; round < 2; round++) {
      int k = 0;
      for (String opt : new String[] {"SGD", "ADAM"}) {
        for (int t = 1; t <= 2; t++) {
          progress("1./3. BackpropMLP 784-64-10 %s on %d rows, %d thread(s), round %d", opt,
              smallRows, t, round + 1);
          rounds[round][k++] = backprop("64", opt, small, test, t, epochs, null);
        }
      }
    }
    Run[] picked = new Run[4];
    for (int k = 0; k < 4; k++) {
      Run a = rounds[0][k];
      Run b = rounds[1][k];
      picked[k] = a.secondsPerEpoch() <= b.secondsPerEpoch() ? a : b;
      picked[k].otherRound = (picked[k] == a ? b : a).secondsPerEpoch();
    }
    sgd1 = picked[0];
    sgd2 = picked[1];
    small1 = picked[2];
    small2 = picked[3];
    small = null;

    progress("1./5. BackpropMLP 784-64-10 on all %d rows, 1 thread", fullRows);
    memFull = new Memory();
    full1 = backprop("64", full, test, 1, fullEpochs, memFull);
    progress("1./5. BackpropMLP 784-256-256-10 on all %d rows, 1 thread", fullRows);
    memDeep = new Memory();
    deep1 = backprop("256,256", full, test, 1, fullEpochs, memDeep);
    progress("3. BackpropMLP 784-256-256-10 on all %d rows, 2 threads", fullRows);
    deep2 = backprop("256,256", full, test, 2, fullEpochs, null);
    full = null;

    progress("4. kernel 128x784x256");
    kernel(128, 784, 256);

    // the clock again at the end: the highest seen is the closest to what a free core runs at
    clockGhz = Math.max(clockGhz, measureClockGhz());
    double minutes = (System.nanoTime() - start) / 60e9;
    report(minutes);
  }

  // =========================================================================================
  // Measurements
  // =========================================================================================

  /**
   * Trains small models until the JIT has settled: HotSpot keeps recompiling the training loop
   * for a few thousand mini-batches, so one warm-up epoch per measured model alone would leave
   * the first measured model at a disadvantage.
   */
  private void warmUp(Instances train, Instances test) throws Exception {
    String[][] runs = {
      {"64", "1", quick ? "3" : "8", "ADAM"}, {"64", "2", quick ? "2" : "4", "ADAM"},
      {"64", "1", "2", "SGD"}, {"64", "2", "2", "SGD"}, {"256,256", "1", "2", "ADAM"}
    };
    for (String[] run : runs) {
      BackpropMLP c = backpropMlp(run[0], run[3], Integer.parseInt(run[2]), run[1]);
      c.buildClassifier(run[0].contains(",") ? new Instances(train, 0, train.numInstances() / 2)
          : train);
      c.distributionsForInstances(test);
    }
    double[] x = new double[64 * 784];
    double[] y = new double[256 * 784];
    double[] z = new double[64 * 256];
    for (int r = 0; r < 50; r++) {
      Kernels.multiplyTransposed(x, 0, y, 0, z, 0, 0, 64, 256, 784, null, 0, false);
    }
  }

  private static long params(String hidden) {
    long total = 0;
    int prev = FashionMnist.PIXELS;
    if (!hidden.isEmpty()) {
      for (String h : hidden.split(",")) {
        int w = Integer.parseInt(h.trim());
        total += (long) w * (prev + 1);
        prev = w;
      }
    }
    return total + 10L * (prev + 1);
  }

  /**
   * The benchmarked configuration: fixed penalty, no holdout, no dropout (the automatic choice
   * would use it on 784 inputs), a constant step size and the inputs as given (already in
   * [0, 1], as scikit-learn gets them), so that it does the reference learners' computation.
   * {@code optimizer} is {@code SGD} (classical momentum, not Nesterov) or {@code ADAM}.
   */
  private BackpropMLP backpropMlp(String hidden, String optimizer, int epochs, String threads)
      throws Exception {
    BackpropMLP c = new BackpropMLP();
    c.setOptions(Utils.splitOptions(backpropOptions(hidden, optimizer, epochs, threads)));
    return c;
  }

  private String backpropOptions(String hidden, String optimizer, int epochs, String threads) {
    boolean sgd = optimizer.equals("SGD");
    return "-hidden " + hidden + " -epochs " + epochs + " -optimizer " + optimizer
        + (sgd ? " -momentum " + momentum + " -lr " + lrSgd : " -lr " + lrAdam)
        + " -schedule CONSTANT -l2 " + l2 + " -dropout 0 -validation 0 -normalize NONE"
        + " -mini-batch " + miniBatch + " -threads " + threads;
  }

  private Run backprop(String hidden, Instances train, Instances test, int threads, int timed,
      Memory mem) throws Exception {
    return backprop(hidden, "ADAM", train, test, threads, timed, mem);
  }

  private Run backprop(String hidden, String optimizer, Instances train, Instances test,
      int threads, int timed, Memory mem) throws Exception {
    BackpropMLP c = backpropMlp(hidden, optimizer, 1 + timed, "" + threads);
    String net = "784-" + hidden.replace(',', '-') + "-10";
    Run r = measure("BackpropMLP", net, c, train, test, threads, timed, params(hidden),
        (train.numInstances() + miniBatch - 1) / miniBatch, mem);
    r.optimizer = optimizer.equals("SGD") ? "SGD m" + momentum : "Adam";
    if (mem != null) {
      Steps st = steps(c, net);
      // CPU time rather than wall time: like the best-of step timings, it leaves out the time
      // the thread waited for a processor on a busy machine
      st.batchUs = r.cpuPerEpoch() / r.batches * 1e6;
      if (hidden.contains(",")) {
        stepsDeep = st;
      } else {
        stepsSmall = st;
      }
      ModelView n = c.getModelView();
      mem.net = net;
      mem.params = n.numParameters();
      long rows = train.numInstances();
      long inputs = n.layerSize(0);
      long outputs = n.layerSize(n.numLayers());
      // features + one-hot targets as doubles, one weight (double) and one label (int) per row
      mem.encoded = rows * (inputs + outputs) * 8L + rows * 8L + rows * 4L;
    }
    return r;
  }

  /**
   * Trains {@code c} through the IterativeClassifier API: init, {@code warm} untimed epochs,
   * {@code timed} timed epochs; then predicts {@code test}.
   */
  private Run measure(String model, String net, AbstractClassifier c, Instances train,
      Instances test, int threads, int timed, long params, int batches, Memory mem)
      throws Exception {
    IterativeClassifier it = (IterativeClassifier) c;
    Run r = new Run();
    r.model = model;
    r.net = net;
    r.rows = train.numInstances();
    r.threads = threads;
    r.params = params;
    r.batches = batches;
    HeapSampler sampler = null;
    if (mem != null) {
      mem.maxHeap = Runtime.getRuntime().maxMemory();
      mem.before = liveHeap();
      sampler = new HeapSampler();
      sampler.start();
    }
    long t0 = System.nanoTime();
    it.initializeClassifier(train);
    r.initSeconds = (System.nanoTime() - t0) / 1e9;
    it.next(); // warm-up epoch
    if (mem != null) {
      mem.retained = liveHeap() - mem.before;
    }
    long tid = Thread.currentThread().getId();
    long probe = THREADS.getThreadAllocatedBytes(tid);
    long probeCost = THREADS.getThreadAllocatedBytes(tid) - probe;
    CpuSteal trainMark = CpuSteal.mark();
    for (int e = 0; e < timed; e++) {
      long a0 = THREADS.getThreadAllocatedBytes(tid);
      long cpu0 = OS.getProcessCpuTime();
      long w0 = System.nanoTime();
      it.next();
      long w1 = System.nanoTime();
      long cpu1 = OS.getProcessCpuTime();
      long a1 = THREADS.getThreadAllocatedBytes(tid);
      r.epochSeconds.add((w1 - w0) / 1e9);
      r.epochCpu.add((cpu1 - cpu0) / 1e9);
      r.maxEpochAlloc = Math.max(r.maxEpochAlloc, a1 - a0 - probeCost);
      r.minEpochAlloc = Math.min(r.minEpochAlloc, a1 - a0 - probeCost);
      progress("   epoch %d: %.3f s", e + 1, (w1 - w0) / 1e9);
    }
    r.trainSteal = trainMark.shareUntil(CpuSteal.mark());
    if (sampler != null) {
      mem.peak = sampler.finish();
    }
    it.done();

    // prediction: a warm-up pass on a slice, then the whole test set (best of several passes
    // when one pass is short)
    predict(c, new Instances(test, 0, Math.min(1000, test.numInstances())));
    double best = Double.POSITIVE_INFINITY;
    double[][] dist = null;
    long budget = System.nanoTime() + 2_000_000_000L;
    CpuSteal predictMark = CpuSteal.mark();
    for (int k = 0; k < 5 && (k == 0 || System.nanoTime() < budget); k++) {
      long p0 = System.nanoTime();
      dist = predict(c, test);
      best = Math.min(best, (System.nanoTime() - p0) / 1e9);
    }
    r.predictSteal = predictMark.shareUntil(CpuSteal.mark());
    r.predictRows = test.numInstances();
    r.predictSeconds = best;
    int hits = 0;
    for (int i = 0; i < dist.length; i++) {
      if (Utils.maxIndex(dist[i]) == (int) test.instance(i).classValue()) {
        hits++;
      }
    }
    r.accuracy = (double) hits / dist.length;
    r.predictions = dist;
    progress("   %s %s: %.3f s/epoch, %.0f rows/s predicted, test accuracy %.3f", model, net,
        r.secondsPerEpoch(), r.rowsPerSecond(), r.accuracy);
    return r;
  }

  /**
   * Times, on the trained network's sizes, the work the trainer does once per mini-batch besides
   * the forward and backward passes, with the classifier's settings: the L1/L2 penalty gradient
   * ({@link Regularizer#addGradient}), the Adam step, the gradient norms (one pass per layer
   * for the diagnostics, one for the global norm) and clearing the gradient. None of it is
   * split over threads.
   */
  private Steps steps(BackpropMLP c, String net) {
    Network n = sameShape(c.getModelView());
    int size = n.numParameters();
    Steps st = new Steps();
    double[] params = c.getModelView().parameters();
    double[] grad = new double[size];
    Random rnd = new Random(3);
    for (int i = 0; i < size; i++) {
      grad[i] = 1e-3 * rnd.nextGaussian();
    }
    OptimizerType type = c.getOptimizer();
    // as the trainer builds them
    Regularizer reg =
        new Regularizer(n, c.getL1(), type.decouplesWeightDecay() ? 0 : c.getMeasure("measureL2"));
    Optimizer opt = type.create(size, c.getMomentum(), c.getNesterov(), c.getMeasure("measureL2"),
        Regularizer.weightRanges(n));
    st.optimizer = type.toString();
    st.net = net;
    st.params = size;
    st.penaltyUs = best(() -> reg.addGradient(params, grad)) / 1e3;
    st.optimizerUs = best(() -> opt.step(params, grad, 1e-12)) / 1e3;
    st.normsUs = best(() -> {
      for (int l = 0; l < n.numLayers(); l++) {
        Kernels.squaredNorm(grad, n.weightOffset(l), n.biasOffset(l));
      }
      Kernels.squaredNorm(grad, 0, size);
    }) / 1e3;
    st.clearUs = best(() -> Arrays.fill(grad, 0.0)) / 1e3;
    return st;
  }

  /**
   * A network shaped as the trained one (the same layer widths and activations, so the same
   * parameter layout), for the step timings that need the engine's view of the layers; the
   * trained weights are copied from the model's view.
   */
  private static Network sameShape(ModelView v) {
    StringBuilder spec = new StringBuilder();
    for (int i = 0; i + 1 < v.numLayers(); i++) {
      spec.append(i > 0 ? "," : "").append(v.layerSize(i + 1)).append(':')
          .append(v.hiddenActivation(i));
    }
    return new Network(v.layerSize(0), LayerSpec.parse(spec.toString(), Activation.RELU),
        v.layerSize(v.numLayers()),
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
  }

  /** Batch prediction as Weka's Evaluation does it. */
  private static double[][] predict(AbstractClassifier c, Instances data) throws Exception {
    if (c instanceof BatchPredictor && c.implementsMoreEfficientBatchPrediction()) {
      return ((BatchPredictor) c).distributionsForInstances(data);
    }
    double[][] out = new double[data.numInstances()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.distributionForInstance(data.instance(i));
    }
    return out;
  }

  /** Heap in use after full collections: the live data. */
  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(30);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** Samples the heap in use every 2 ms and keeps the maximum. */
  private static final class HeapSampler extends Thread {
    private volatile boolean stop;
    private long max;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!stop) {
        max = Math.max(max, MEMORY.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long finish() throws InterruptedException {
      stop = true;
      join();
      return Math.max(max, MEMORY.getHeapMemoryUsage().getUsed());
    }
  }

  /** Times the kernel and its comparisons on an {@code m × k} by {@code (n × k)ᵀ} product. */
  private void kernel(int m, int k, int n) throws Exception {
    Random rnd = new Random(42);
    double[] x = new double[m * k];
    double[] y = new double[n * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rnd.nextGaussian();
    }
    double[] yt = new double[k * n];
    for (int j = 0; j < n; j++) {
      for (int p = 0; p < k; p++) {
        yt[p * n + j] = y[j * k + p];
      }
    }
    double[] cNaive = new double[m * n];
    double[] cDot = new double[m * n];
    double[] c1 = new double[m * n];
    double[] c2 = new double[m * n];
    double flops = 2.0 * m * n * k;
    kernelRows.add(new KernelRow("naive i-k-j loop on Y transposed", 1,
        flops / best(() -> DotProductKernel.naiveIkj(x, yt, cNaive, m, n, k))));
    kernelRows.add(new KernelRow("dot products (Kernels.multiplyDot)", 1,
        flops / best(
            () -> Kernels.multiplyDot(x, 0, y, 0, cDot, 0, 0, m, n, k, null, 0, false, n))));
    String route = Kernels.route().startsWith("Vector API") ? "Vector API" : Kernels.route();
    kernelRows.add(new KernelRow("Kernels.multiplyTransposed (" + route + ")", 1,
        flops / best(
            () -> Kernels.multiplyTransposed(x, 0, y, 0, c1, 0, 0, m, n, k, null, 0, false))));
    try (WorkerPool pool = new WorkerPool(2)) {
      WorkerPool.RangeTask task =
          (from, to) -> Kernels.multiplyTransposed(x, 0, y, 0, c2, 0, from, to, n, k, null, 0,
              false);
      kernelRows.add(new KernelRow("Kernels.multiplyTransposed, rows split", 2,
          flops / best(() -> pool.run(task, m, 4))));
    }
    kernelBitsMatch = Arrays.equals(cNaive, cDot) && Arrays.equals(cNaive, c1)
        && Arrays.equals(cNaive, c2);
    if (!Kernels.route().equals("pure Java")) { // bench/run.sh --vector: the pure path as well
      double[] c3 = new double[m * n];
      double[] g = new double[1];
      KernelRouteBench.withPurePath(() -> g[0] = flops / best(
          () -> Kernels.multiplyTransposed(x, 0, y, 0, c3, 0, 0, m, n, k, null, 0, false)));
      kernelRows.add(new KernelRow("Kernels.multiplyTransposed (pure Java)", 1, g[0]));
      kernelBitsMatch &= Arrays.equals(cNaive, c3);
    }
  }

  /** Best wall time in seconds·1e9 (nanoseconds) of {@code r} after a warm-up. */
  private double best(Runnable r) {
    long warmEnd = System.nanoTime() + (quick ? 200_000_000L : 700_000_000L);
    int warm = 0;
    while (warm < 5 || System.nanoTime() < warmEnd) {
      r.run();
      warm++;
    }
    long end = System.nanoTime() + (quick ? 300_000_000L : 1_500_000_000L);
    long best = Long.MAX_VALUE;
    int reps = 0;
    while (reps < 5 || System.nanoTime() < end) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, System.nanoTime() - t0);
      reps++;
    }
    return best; // flops / ns = GFLOP/s
  }

  // =========================================================================================
  // Machine
  // =========================================================================================

  private static String cpuInfo(String key) {
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
  private static double nominalGhz() {
    String mhz = cpuInfo("cpu MHz");
    return mhz.isEmpty() ? Double.NaN : Double.parseDouble(mhz) / 1000;
  }

  /** The clock the peak is computed from: {@code -Dbench.ghz}, else the measured one. */
  private double ghz() {
    String p = System.getProperty("bench.ghz");
    if (p != null) {
      return Double.parseDouble(p);
    }
    return clockGhz > 0 ? clockGhz : nominalGhz();
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
  private static double measureClockGhz() {
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
  private static String vmVectorFlags() {
    return f("UseAVX=%s MaxVectorSize=%s UseFMA=%s; products: %s multiply-add",
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
  private static int flopsPerCycle() {
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

  /** How {@link #flopsPerCycle} came about, for the report. */
  private static String peakDerivation() {
    if (System.getProperty("bench.flopsPerCycle") != null) {
      return "-Dbench.flopsPerCycle";
    }
    int lanes = vectorBytes() / 8;
    boolean fma = "true".equals(vmOption("UseFMA"));
    return f("%d-bit vectors = %d DP lanes%s x %s x 2 %s units", vectorBytes() * 8, lanes,
        doublePumped() ? " (Zen 4: two 256-bit halves, so " + lanes / 2 + " per cycle)" : "",
        fma ? "2 (FMA)" : "1", fma ? "FMA" : "add/multiply");
  }

  private static String loadAverage() {
    try {
      String[] f = new String(Files.readAllBytes(Paths.get("/proc/loadavg")),
          StandardCharsets.US_ASCII).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  // =========================================================================================
  // Report
  // =========================================================================================

  private double refValue(String key) {
    String v = ref.getProperty(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }

  /** A share as a whole percentage, or "" when not measured. */
  private static String percent(double share) {
    return Double.isNaN(share) ? "" : f("%.0f %%", 100 * share);
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

  private void report(double minutes) {
    java.io.PrintStream o = System.out;
    int cores = Runtime.getRuntime().availableProcessors();
    double ghz = ghz();
    int fpc = flopsPerCycle();
    double peakCore = ghz * fpc;
    o.println();
    o.println("BackpropMLP performance harness" + (quick ? "  (QUICK MODE: fewer rows/epochs)" : ""));
    o.println(f("machine: %s (cpu family %s), %d cores; JVM %s",
        cpuInfo("model name").isEmpty() ? System.getProperty("os.arch") : cpuInfo("model name"),
        cpuInfo("cpu family").isEmpty() ? "n/a" : cpuInfo("cpu family"), cores,
        vmVectorFlags()));
    o.println(f("peak: %s = %d DP flop/cycle/core (assumes 2 FMA units as wide as"
            + " MaxVectorSize per core)", peakDerivation(), fpc));
    o.println(f("      x %s GHz (%s; /proc/cpuinfo says %s GHz) -> theoretical peak %s GFLOP/s"
            + " per core, %s GFLOP/s total",
        num(ghz, 2), System.getProperty("bench.ghz") != null ? "-Dbench.ghz"
            : "measured: dependent add+xor chain, 2 cycles a step, best of 2 x 150 runs",
        num(nominalGhz(), 2), num(peakCore, 1), num(peakCore * cores, 1)));
    o.println(f("java %s (%s), max heap %,d MB; load average before %s, after %s",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory() / MB, loadBefore, loadAverage()));
    o.println(f("data: Fashion-MNIST, %,d training rows (first %,d for the comparison),"
        + " %,d test rows, 784 inputs in [0,1], 10 classes", fullRows, smallRows, testRows));
    o.println("protocol: one untimed warm-up epoch, then the mean of the timed epochs (wall clock);"
        + " training GFLOP/s = 6 x parameters x rows / (s/epoch);");
    o.println("          BackpropMLP: " + backpropOptions("H", "SGD|ADAM", 0, "T")
        .replace(" -epochs 0", "").replace(" -momentum " + momentum + " -lr " + lrSgd, "")
        .replace(" -lr " + lrAdam, f(" -lr %s (SGD: + -momentum %s) or %s (ADAM)", lrSgd,
            momentum, lrAdam)));
    o.println("          MultilayerPerceptron: -H 64 (per-example SGD), Weka defaults otherwise");
    o.println("          " + ref.getProperty("reference_env", "(no reference figures)"));

    // ---- 1 ----
    o.println();
    o.println("1. Training, seconds per epoch");
    String h1 = "%-22s %-11s %-15s %7s %7s %6s %9s %9s %8s %8s %9s %6s";
    o.println(f(h1, "model", "optimizer", "network", "rows", "threads", "epochs", "s/epoch",
        "GFLOP/s", "cpu/wall", "test acc", "vs MLP", "steal"));
    double mlpS = mlp.secondsPerEpoch();
    for (Run r : new Run[] {mlp, sgd1, sgd2, small1, small2, full1, deep1, deep2}) {
      o.println(f(h1, r.model, r.optimizer, r.net, f("%,d", r.rows), r.threads,
          r.epochSeconds.size(),
          num(r.secondsPerEpoch(), 3), num(r.trainGflops(), 2), num(r.cpuPerWall(), 2),
          num(r.accuracy, 3),
          r.rows == mlp.rows && r.net.equals(mlp.net) ? times(mlpS / r.secondsPerEpoch())
              : "", percent(r.trainSteal)));
    }
    for (String opt : new String[] {"sgd", "adam"}) {
      for (int t = 1; t <= 2; t++) {
        double s = refValue("sklearn_" + opt + "_train_s_per_epoch_t" + t);
        if (!Double.isNaN(s)) {
          o.println(f(h1, "sklearn MLPClassifier", opt.equals("sgd") ? "SGD m" + momentum
              : "Adam", "784-64-10", f("%,d", (int) refValue("sklearn_rows")), t + " BLAS",
              (int) refValue("sklearn_epochs"), num(s, 3),
              num(6.0 * params("64") * refValue("sklearn_rows") / s / 1e9, 2), "",
              num(refValue("sklearn_" + opt + "_test_acc_t" + t), 3), times(mlpS / s), ""));
        }
      }
    }
    if (Double.isNaN(refValue("sklearn_adam_train_s_per_epoch_t1"))) {
      o.println("   (no scikit-learn figures: " + ref.getProperty("note",
          "bench/reference.py was not run") + ")");
    }
    o.println("   cpu/wall = process CPU seconds per wall second during the timed epochs"
        + " (~threads when the machine is otherwise idle)");
    o.println("   steal = the hypervisor's CPU steal during the timed epochs, as a share of the"
        + " time the VM wanted (CpuSteal); above 5 % the row is not a quiet-machine figure");
    o.println("   784-64-10 on the first rows, both sides: the faster of two rounds (both in 1b)");

    // ---- 1b ----
    o.println();
    o.println(f("1b. Same optimizer as scikit-learn: 784-64-10, %,d rows, mini-batch %d, constant"
        + " step (SGD %s with momentum %s, Adam %s), L2 %s = sklearn alpha %s", smallRows,
        miniBatch, lrSgd, momentum, lrAdam, l2, ref.getProperty("sklearn_alpha", "n/a")));
    String hb = "   %-10s %-9s %14s %14s %24s %9s %11s";
    o.println(f(hb, "optimizer", "threads", "BackpropMLP", "sklearn", "BackpropMLP speed", "acc BMLP",
        "acc sklearn"));
    o.println(f(hb, "", "", "s/epoch", "s/epoch", "sklearn s / BMLP s", "", ""));
    o.println(f(hb, "", "", "2 rounds", "2 rounds", "faster rounds (range)", "", ""));
    Run[][] pairs = {{sgd1, sgd2}, {small1, small2}};
    String[] keys = {"sgd", "adam"};
    for (int k = 0; k < 2; k++) {
      for (int t = 1; t <= 2; t++) {
        Run r = pairs[k][t - 1];
        double sk = refValue("sklearn_" + keys[k] + "_train_s_per_epoch_t" + t);
        double skMax = refValue("sklearn_" + keys[k] + "_train_s_per_epoch_max_t" + t);
        if (Double.isNaN(skMax)) {
          skMax = sk;
        }
        o.println(f(hb, r.optimizer, t + (t == 1 ? " thread" : " threads"),
            num(r.fasterRound(), 3) + "-" + num(r.slowerRound(), 3),
            num(sk, 3) + "-" + num(skMax, 3),
            f("%s (%s-%s)", times(sk / r.fasterRound()),
                times(sk / r.slowerRound()).replace("x", ""), times(skMax / r.fasterRound())),
            num(r.accuracy, 3), num(refValue("sklearn_" + keys[k] + "_test_acc_t" + t), 3)));
      }
    }
    for (int t = 1; t <= 2; t++) {
      if (ref.getProperty("blas_info_t" + t) != null) {
        o.println(f("   OpenBLAS as threadpoolctl saw it, %d thread(s): %s; OPENBLAS_CORETYPE=%s,"
            + " OPENBLAS_L2_SIZE=%s in that process", t, ref.getProperty("blas_info_t" + t),
            ref.getProperty("env_OPENBLAS_CORETYPE_t" + t, "n/a"),
            ref.getProperty("env_OPENBLAS_L2_SIZE_t" + t, "n/a")));
      }
    }
    o.println("   still different: sklearn adds alpha*w/batch to the gradient (so alpha = l2 x"
        + " batch; its last short batch gets a stronger penalty), computes the batch loss and the"
        + " whole L2 sum at every step, copies the shuffled rows of X per batch; BackpropMLP"
        + " penalizes weights only (so does sklearn) and shuffles with its own generator; its"
        + " SGD form v = m*v + g, w -= lr*v equals sklearn's v = m*v - lr*g, w += v at a constant"
        + " step; Adam: both beta 0.9/0.999, eps 1e-8, bias-corrected; threads on the sklearn"
        + " side are OpenBLAS threads (numpy's elementwise work stays on one)");

    // ---- 2 ----
    o.println();
    o.println(f("2. Batch prediction of the %,d test rows (distributionsForInstances as Weka's"
        + " Evaluation calls it; kernel route: %s)", testRows, Kernels.route()));
    String h2 = "%-30s %-15s %10s %7s %12s %9s %9s %6s";
    o.println(f(h2, "model", "network", "trained on", "threads", "rows/s", "GFLOP/s", "vs MLP",
        "steal"));
    double mlpRps = mlp.rowsPerSecond();
    for (Run r : new Run[] {mlp, small1, small2, full1, deep1, deep2}) {
      o.println(f(h2, r.model, r.net, f("%,d", r.rows), r.threads, num(r.rowsPerSecond(), 0),
          num(r.predictGflops(), 2),
          r.net.equals(mlp.net) ? times(r.rowsPerSecond() / mlpRps) : "",
          percent(r.predictSteal)));
    }
    for (int t = 1; t <= 2; t++) {
      double rps = refValue("sklearn_predict_rows_per_s_t" + t);
      if (!Double.isNaN(rps)) {
        o.println(f(h2, "sklearn predict_proba", "784-64-10",
            f("%,d", (int) refValue("sklearn_rows")), t + " BLAS", num(rps, 0),
            num(2.0 * params("64") * rps / 1e9, 2), times(rps / mlpRps), ""));
      }
    }

    // ---- 3 ----
    o.println();
    o.println("3. Thread scaling (same model bit for bit with any thread count)");
    String h3 = "%-48s %12s %12s %9s";
    o.println(f(h3, "workload", "1 thread", "2 threads", "speed-up"));
    o.println(f(h3, f("training 784-64-10 SGD, %,d rows (s/epoch)", smallRows),
        num(sgd1.secondsPerEpoch(), 3), num(sgd2.secondsPerEpoch(), 3),
        times(sgd1.secondsPerEpoch() / sgd2.secondsPerEpoch())));
    o.println(f(h3, f("training 784-64-10 Adam, %,d rows (s/epoch)", smallRows),
        num(small1.secondsPerEpoch(), 3), num(small2.secondsPerEpoch(), 3),
        times(small1.secondsPerEpoch() / small2.secondsPerEpoch())));
    o.println(f(h3, f("training 784-256-256-10, %,d rows (s/epoch)", fullRows),
        num(deep1.secondsPerEpoch(), 3), num(deep2.secondsPerEpoch(), 3),
        times(deep1.secondsPerEpoch() / deep2.secondsPerEpoch())));
    o.println(f(h3, "prediction 784-64-10 (rows/s)", num(small1.rowsPerSecond(), 0),
        num(small2.rowsPerSecond(), 0), times(small2.rowsPerSecond() / small1.rowsPerSecond())));
    o.println(f(h3, "prediction 784-256-256-10 (rows/s)", num(deep1.rowsPerSecond(), 0),
        num(deep2.rowsPerSecond(), 0), times(deep2.rowsPerSecond() / deep1.rowsPerSecond())));
    KernelRow k1 = kernelRows.get(2);
    KernelRow k2 = kernelRows.get(3);
    o.println(f(h3, "kernel 128x784x256 (GFLOP/s)", num(k1.gflops, 2), num(k2.gflops, 2),
        times(k2.gflops / k1.gflops)));
    for (String opt : new String[] {"sgd", "adam"}) {
      double sk1 = refValue("sklearn_" + opt + "_train_s_per_epoch_t1");
      double sk2 = refValue("sklearn_" + opt + "_train_s_per_epoch_t2");
      if (!Double.isNaN(sk1)) {
        o.println(f(h3, f("sklearn training 784-64-10 %s, %,d rows (s/epoch)",
            opt.equals("sgd") ? "SGD" : "Adam", (int) refValue("sklearn_rows")), num(sk1, 3),
            num(sk2, 3), times(sk1 / sk2)));
      }
    }

    // ---- 4 ----
    o.println();
    o.println(f("4. Matrix kernel C = X*Y^T, X 128x784, Y 256x784 (%.1f MFLOP per call),"
        + " best of repeated calls after warm-up", 2.0 * 128 * 784 * 256 / 1e6));
    String h4 = "%-48s %7s %9s %14s %14s";
    o.println(f(h4, "implementation", "threads", "GFLOP/s", "% theor. peak", "% OpenBLAS"));
    for (KernelRow r : kernelRows) {
      double blas = refValue("dgemm_128x784x256_t" + r.threads);
      o.println(f(h4, r.name, r.threads, num(r.gflops, 2), pct(r.gflops / (peakCore * r.threads)),
          pct(r.gflops / blas)));
    }
    for (int t = 1; t <= 2; t++) {
      double same = refValue("dgemm_128x784x256_t" + t);
      if (!Double.isNaN(same)) {
        o.println(f(h4, "numpy/OpenBLAS dgemm, same shape", t, num(same, 2),
            pct(same / (peakCore * t)), ""));
      }
    }
    for (int t = 1; t <= 2; t++) {
      double big = refValue("dgemm_2048_t" + t);
      if (!Double.isNaN(big)) {
        o.println(f(h4, "numpy/OpenBLAS dgemm 2048x2048x2048", t, num(big, 2),
            pct(big / (peakCore * t)), ""));
      }
    }
    for (int t = 1; t <= 2; t++) {
      o.println(f(h4, f("theoretical peak (%s GHz x %d flop/cycle)", num(ghz, 2), fpc), t,
          num(peakCore * t, 2), "100 %", ""));
    }
    if (Double.isNaN(refValue("dgemm_2048_t1"))) {
      o.println("   (no numpy/OpenBLAS figures: " + ref.getProperty("note",
          "bench/reference.py was not run") + ")");
    }
    o.println("   all kernels above give bit-identical results: " + (kernelBitsMatch ? "yes" : "NO"));

    // ---- 5 ----
    o.println();
    o.println("5. Memory (training on the full set, -threads 1)");
    String h5 = "%-62s %14s %14s";
    o.println(f(h5, "", memFull.net, memDeep.net));
    o.println(f(h5, "max heap (-Xmx)", mb(memFull.maxHeap), mb(memDeep.maxHeap)));
    o.println(f(h5, "peak heap in use during init + epochs (sampled every 2 ms)",
        mb(memFull.peak), mb(memDeep.peak)));
    o.println(f(h5, "live heap before training (the Weka Instances, test set)",
        mb(memFull.before), mb(memDeep.before)));
    o.println(f(h5, "retained by the classifier while training (after GC)",
        mb(memFull.retained), mb(memDeep.retained)));
    o.println(f(h5, "  of which encoded data (x, one-hot y, weights, labels)",
        mb(memFull.encoded), mb(memDeep.encoded)));
    o.println(f(h5, "  of which the rest: model, gradient, optimizer, workspace, ...",
        mb(memFull.retained - memFull.encoded), mb(memDeep.retained - memDeep.encoded)));
    o.println(f(h5, "  (parameters x 8 B x 4 = weights, gradient, Adam m and v)",
        mb(memFull.params * 32), mb(memDeep.params * 32)));
    o.println();
    o.println("   Bytes allocated by the training thread during one timed epoch (after warm-up):");
    String h6 = "   %-44s %7s %10s %12s %14s";
    o.println(f(h6, "run", "threads", "batches", "bytes/epoch", "bytes/batch"));
    for (Run r : new Run[] {small1, small2, full1, deep1, deep2}) {
      o.println(f(h6, f("%s, %,d rows", r.net, r.rows), r.threads, f("%,d", r.batches),
          r.minEpochAlloc == r.maxEpochAlloc ? f("%,d", r.maxEpochAlloc)
              : f("%,d-%,d", r.minEpochAlloc, r.maxEpochAlloc),
          num((double) r.maxEpochAlloc / r.batches, 2)));
    }
    o.println("   (min-max over the timed epochs; 112 B is the WorkerPool each epoch creates, more"
        + " appears while the JIT still recompiles; with 2 threads the caller also starts the"
        + " worker thread)");

    // ---- 6 ----
    o.println();
    o.println(f("6. Where a training mini-batch's time goes (%d rows, 1 thread): per-step work"
        + " outside forward/backward, all on one thread", miniBatch));
    String h7 = "   %-52s %14s %14s";
    o.println(f(h7, "microseconds per mini-batch", stepsSmall.net, stepsDeep.net));
    o.println(f(h7, "whole mini-batch (CPU s/epoch / mini-batches, runs of 1.)", num(stepsSmall.batchUs, 0),
        num(stepsDeep.batchUs, 0)));
    o.println(f(h7, "penalty gradient (Regularizer.addGradient, default -l2)",
        num(stepsSmall.penaltyUs, 0), num(stepsDeep.penaltyUs, 0)));
    o.println(f(h7, "optimizer step (" + stepsSmall.optimizer + ")", num(stepsSmall.optimizerUs, 0),
        num(stepsDeep.optimizerUs, 0)));
    o.println(f(h7, "gradient norms (Kernels.squaredNorm, per layer + global)",
        num(stepsSmall.normsUs, 0), num(stepsDeep.normsUs, 0)));
    o.println(f(h7, "clearing the gradient", num(stepsSmall.clearUs, 0), num(stepsDeep.clearUs, 0)));
    double serialSmall = stepsSmall.outsideUs() / stepsSmall.batchUs;
    double serialDeep = stepsDeep.outsideUs() / stepsDeep.batchUs;
    o.println(f(h7, "share of the mini-batch", pct(serialSmall), pct(serialDeep)));
    o.println(f(h7, "=> best 2-thread speed-up if only the rest scales (Amdahl)",
        times(1 / (serialSmall + (1 - serialSmall) / 2)),
        times(1 / (serialDeep + (1 - serialDeep) / 2))));

    // ---- targets ----
    o.println();
    o.println("Targets");
    String ht = "   %-8s %-62s %s";
    // MultilayerPerceptron trains by per-example SGD with momentum, so the like-for-like side is
    // BackpropMLP's SGD with momentum (as in the issue's own table); Adam is printed beside it.
    double speedup = mlpS / sgd1.secondsPerEpoch();
    o.println(f(ht, mark(speedup >= 50), "training >= 50x faster than MultilayerPerceptron,"
        + " 784-64-10 SGD m0.9, 1 thread", f("%s (on CPU time %s; Adam %s)", times(speedup),
            times(mlp.cpuPerEpoch() / sgd1.cpuPerEpoch()),
            times(mlpS / small1.secondsPerEpoch()))));
    boolean properKernel = ref.getProperty("reference_env", "").startsWith("unset");
    for (Run r : new Run[] {sgd1, small1}) {
      String key = r == sgd1 ? "sgd" : "adam";
      double sk = refValue("sklearn_" + key + "_train_s_per_epoch_t1");
      String what = f("per-epoch >= 1.0x sklearn, same optimizer (%s), 1 thread", r.optimizer);
      if (Double.isNaN(sk)) {
        o.println(f(ht, "n/a", what, "no scikit-learn figures"));
      } else {
        double vs = sk / r.secondsPerEpoch();
        o.println(f(ht, mark(vs >= 1), what, f("%s s vs %s s/epoch (%s; steal %s)%s",
            num(r.secondsPerEpoch(), 3), num(sk, 3), times(vs), percent(r.trainSteal),
            properKernel ? "  (faster rounds)"
                : "  [OpenBLAS env NOT unset: " + ref.getProperty("blas_architecture_t1", "?")
                    + " kernel]")));
      }
    }
    double share1 = k1.gflops / peakCore;
    double share2 = k2.gflops / (peakCore * 2);
    o.println(f(ht, mark(share1 >= 0.4), "kernel >= 40 % of DP peak, 1 thread vs one core",
        f("%s of %s GFLOP/s", pct(share1), num(peakCore, 1))));
    o.println(f(ht, mark(share2 >= 0.4), "kernel >= 40 % of DP peak, 2 threads vs the machine",
        f("%s of %s GFLOP/s", pct(share2), num(peakCore * 2, 1))));
    for (Run[] pair : new Run[][] {{sgd1, sgd2}, {small1, small2}}) {
      double s = pair[0].secondsPerEpoch() / pair[1].secondsPerEpoch();
      o.println(f(ht, mark(s >= 1.5), f("2 threads >= 1.5x 1 thread, training 784-64-10 (%s)",
          pair[0].optimizer), f("%s (%s s vs %s s/epoch; cpu/wall %s with 2 threads; steal %s"
              + " / %s)", times(s), num(pair[0].secondsPerEpoch(), 3),
              num(pair[1].secondsPerEpoch(), 3), num(pair[1].cpuPerWall(), 2),
              percent(pair[0].trainSteal), percent(pair[1].trainSteal))));
    }
    for (int t = 1; t <= 2; t++) {
      // the 784-64-10 models, whichever optimizer or rows trained them: the same products
      Run[] same = t == 1 ? new Run[] {sgd1, small1, full1} : new Run[] {sgd2, small2};
      double ours = 0;
      double steal = Double.NaN;
      for (Run r : same) {
        if (r.rowsPerSecond() > ours) {
          ours = r.rowsPerSecond();
          steal = r.predictSteal;
        }
      }
      double sk = refValue("sklearn_predict_rows_per_s_t" + t);
      String what = f("prediction rows/s >= sklearn predict_proba, 784-64-10, %d thread(s)", t);
      o.println(Double.isNaN(sk) ? f(ht, "n/a", what, "no scikit-learn figures")
          : f(ht, mark(ours >= sk), what, f("%,.0f vs %,.0f rows/s (%s; steal %s)", ours, sk,
              times(ours / sk), percent(steal))));
    }
    o.println(f(ht, "n/a", "defaults table (accuracy and seconds per set)",
        "last section of bench/run.sh (bench/defaults.sh)"));
    double scale = deep1.secondsPerEpoch() / deep2.secondsPerEpoch();
    o.println(f(ht, mark(scale >= 1.7), "2 threads >= 1.7x 1 thread, training 784-256-256-10",
        times(scale)));
    boolean smaller = memFull.retained - memFull.encoded < memFull.encoded
        && memDeep.retained - memDeep.encoded < memDeep.encoded;
    o.println(f(ht, mark(smaller), f("full %,d-row set trains with -Xmx%dm;"
        + " model+workspace < encoded data", fullRows, Runtime.getRuntime().maxMemory() / MB),
        f("%s and %s vs %s", mb(memFull.retained - memFull.encoded),
            mb(memDeep.retained - memDeep.encoded), mb(memFull.encoded))));
    // With at least a few hundred mini-batches per epoch, even one 16-byte object per
    // mini-batch would show as kilobytes; the bytes seen are the epoch's WorkerPool, plus a few
    // while the JIT is still replacing compiled code.
    long worst = Math.max(small1.maxEpochAlloc, Math.max(full1.maxEpochAlloc,
        deep1.maxEpochAlloc));
    long least = Math.min(small1.minEpochAlloc, Math.min(full1.minEpochAlloc,
        deep1.minEpochAlloc));
    o.println(f(ht, mark(worst < 1024), "no allocation inside an epoch (training thread,"
        + " 1 thread)", f("%,d-%,d B per epoch of %,d-%,d mini-batches", least, worst,
            small1.batches, full1.batches)));
    boolean same = Arrays.deepEquals(small1.predictions, small2.predictions)
        && Arrays.deepEquals(sgd1.predictions, sgd2.predictions)
        && Arrays.deepEquals(deep1.predictions, deep2.predictions);
    o.println(f(ht, same ? "OK" : "DIFFERS", "models trained with 1 and 2 threads predict"
        + " bit-identical distributions", same ? "yes" : "no"));
    o.println();
    o.println(f("harness run time %.1f min", minutes));
  }

  private static String mark(boolean met) {
    return met ? "MET" : "MISSED";
  }

  private static String mb(long bytes) {
    return f("%,.1f MB", bytes / (double) MB);
  }
}
