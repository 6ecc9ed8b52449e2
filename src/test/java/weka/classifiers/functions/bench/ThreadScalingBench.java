package weka.classifiers.functions.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.Initializer;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputActivation;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.GradientStep;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Thread scaling of training on Fashion-MNIST, measured so that a shared machine distorts it as
 * little as possible: one classifier per thread count, all in one JVM, trained epoch by epoch
 * in turn (the order alternating every round), so each 1-thread epoch has a 2-thread epoch
 * measured right next to it; the report gives the median of the per-round ratios, the wall and
 * process-CPU seconds per epoch (cpu/wall near 2 means both threads actually ran) and whether
 * the models came out bit for bit the same.
 *
 * <p>With {@code --breakdown} it times the pieces of one mini-batch step instead, on the
 * engine directly: forward pass, backward pass, and the rest of {@link GradientStep#run}
 * (penalty, norms, optimizer update), each the median over many steps, per thread count; the
 * mean of the whole step beside its median shows how much the stalls of a busy machine add.
 *
 * <p>Usage: {@code ThreadScalingBench --data DIR [--rows 10000] [--hidden 64] [--optimizer
 * SGD|ADAM] [--epochs 6] [--threads 1,2] [--batch 32] [--breakdown]}. The training problem is
 * bench/run.sh's: mini-batch 32, L2 0.01, constant step, SGD momentum 0.9 at 0.01 or Adam at
 * 0.001, no dropout, no holdout, inputs as given.
 */
public final class ThreadScalingBench {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Path data = Paths.get("bench/data");
  private int rows = 10_000;
  private String hidden = "64";
  private String optimizer = "SGD";
  private int epochs = 6;
  private int[] threads = {1, 2};
  private int batch = 32;
  private boolean breakdown;

  private ThreadScalingBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception on unreadable data
   */
  public static void main(String[] args) throws Exception {
    ThreadScalingBench b = new ThreadScalingBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data":
          b.data = Paths.get(args[++i]);
          break;
        case "--rows":
          b.rows = Integer.parseInt(args[++i]);
          break;
        case "--hidden":
          b.hidden = args[++i];
          break;
        case "--optimizer":
          b.optimizer = args[++i].toUpperCase(Locale.ROOT);
          break;
        case "--epochs":
          b.epochs = Integer.parseInt(args[++i]);
          break;
        case "--threads":
          b.threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          break;
        case "--batch":
          b.batch = Integer.parseInt(args[++i]);
          break;
        case "--breakdown":
          b.breakdown = true;
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    FashionMnist.Split split = FashionMnist.read(b.data, "train", b.rows);
    CpuSteal mark = CpuSteal.mark();
    if (b.breakdown) {
      b.breakdown(split);
    } else {
      b.epochs(FashionMnist.toInstances(split, split.rows, "fashion-mnist-train"));
    }
    System.out.println(mark.reportSince("this benchmark"));
  }

  private String options(int t) {
    boolean sgd = optimizer.equals("SGD");
    return "-hidden " + hidden + " -epochs " + (epochs + 2) + " -optimizer " + optimizer
        + (sgd ? " -momentum 0.9 -lr 0.01" : " -lr 0.001")
        + " -schedule CONSTANT -l2 0.01 -dropout 0 -validation 0 -normalize NONE"
        + " -mini-batch " + batch + " -threads " + t;
  }

  private void epochs(Instances train) throws Exception {
    int n = threads.length;
    IterativeClassifier[] it = new IterativeClassifier[n];
    BackpropMLP[] c = new BackpropMLP[n];
    for (int k = 0; k < n; k++) {
      c[k] = new BackpropMLP();
      c[k].setOptions(Utils.splitOptions(options(threads[k])));
      it[k] = c[k];
      it[k].initializeClassifier(train);
    }
    // two untimed epochs each: the JIT settles
    for (int w = 0; w < 2; w++) {
      for (int k = 0; k < n; k++) {
        it[k].next();
      }
    }
    double[][] wall = new double[n][epochs];
    double[][] cpu = new double[n][epochs];
    for (int e = 0; e < epochs; e++) {
      for (int j = 0; j < n; j++) {
        int k = e % 2 == 0 ? j : n - 1 - j;
        long c0 = OS.getProcessCpuTime();
        long w0 = System.nanoTime();
        it[k].next();
        long w1 = System.nanoTime();
        long c1 = OS.getProcessCpuTime();
        wall[k][e] = (w1 - w0) / 1e9;
        cpu[k][e] = (c1 - c0) / 1e9;
      }
    }
    for (int k = 0; k < n; k++) {
      it[k].done();
    }
    System.out.printf(Locale.ROOT, "784-%s-10 %s, %d rows, batch %d, %d timed epochs, load %.2f%n",
        hidden.replace(',', '-'), optimizer, train.numInstances(), batch, epochs,
        OS.getSystemLoadAverage());
    for (int k = 0; k < n; k++) {
      double[] ratio = new double[epochs];
      for (int e = 0; e < epochs; e++) {
        ratio[e] = wall[0][e] / wall[k][e];
      }
      System.out.printf(Locale.ROOT,
          "threads %d: s/epoch median %.4f min %.4f max %.4f | cpu/wall %.2f | speed-up vs %d"
              + " thread(s): median %.2f min %.2f max %.2f%n",
          threads[k], median(wall[k]), min(wall[k]), max(wall[k]),
          Arrays.stream(cpu[k]).sum() / Arrays.stream(wall[k]).sum(), threads[0], median(ratio),
          min(ratio), max(ratio));
    }
    double[] p0 = c[0].getModelView().parameters();
    for (int k = 1; k < n; k++) {
      System.out.printf(Locale.ROOT, "model with %d threads bit-identical to %d: %s%n",
          threads[k], threads[0], Arrays.equals(p0, c[k].getModelView().parameters()));
    }
  }

  private void breakdown(FashionMnist.Split split) {
    Network net = new Network(FashionMnist.PIXELS, LayerSpec.parse(hidden, Activation.RELU), 10,
        new OutputLayer(OutputActivation.SOFTMAX, Loss.CROSS_ENTROPY, 0));
    net.initialize(Initializer.AUTO, Seeds.stream(1, Seeds.INIT));
    TrainerConfig cfg = TrainerConfig.builder().optimizer(OptimizerType.valueOf(optimizer))
        .learningRate(optimizer.equals("SGD") ? 0.01 : 0.001).momentum(0.9).l2(0.01)
        .dropout(0).miniBatch(batch).build();
    GradientStep step = new GradientStep(net, cfg, batch, -1, true); // as the trainer makes it
    step.enterEpochLayout(); // as the trainer does for an epoch's steps
    Workspace ws = step.workspace();
    double[] x = ws.activations(0);
    double[] y = ws.targets();
    double[] w = ws.weights();
    int steps = 2000;
    System.out.printf(Locale.ROOT,
        "784-%s-10 %s, batch %d: median µs per mini-batch over %d steps, load %.2f%n",
        hidden.replace(',', '-'), optimizer, batch, steps, OS.getSystemLoadAverage());
    double[] grad = new double[net.numParameters()];
    for (int round = 0; round < 2; round++) { // the first round warms up the JIT
      for (int t : threads) {
        double[] fwd = new double[steps];
        double[] bwd = new double[steps];
        double[] all = new double[steps];
        try (WorkerPool pool = new WorkerPool(t)) {
          // the batch in two blocks on more than one thread, as the trainer's BatchLoader keeps it
          ws.setInputInBlocks(t > 1);
          for (int s = 0; s < steps; s++) {
            int start = (s * batch) % (split.rows - batch);
            Arrays.fill(y, 0.0);
            for (int r = 0; r < batch; r++) {
              int i = start + r;
              y[r * 10 + split.labels[i]] = 1;
              w[r] = 1;
            }
            // each input half filled by the thread that computes with it, in the workspace's
            // layout (two blocks during an epoch), as the trainer's batch load does
            WorkerPool.RangeTask fill = (from, to) -> {
              for (int half = from; half < to; half++) {
                fillHalf(split, start, net, ws, half, x);
              }
            };
            pool.runChunks(fill, 2, 2);
            long t0 = System.nanoTime();
            net.forward(ws, 0, batch, pool, null);
            long t1 = System.nanoTime();
            net.backward(ws, 0, batch, batch, grad, pool, null);
            long t2 = System.nanoTime();
            step.run(batch, cfg.learningRate(), pool, 1);
            long t3 = System.nanoTime();
            fwd[s] = (t1 - t0) / 1e3;
            bwd[s] = (t2 - t1) / 1e3;
            all[s] = (t3 - t2) / 1e3;
          }
        }
        if (round == 1) {
          double f = median(fwd);
          double b = median(bwd);
          double a = median(all);
          System.out.printf(Locale.ROOT,
              "threads %d: forward %.1f, backward %.1f, rest of step %.1f (whole step %.1f;"
                  + " mean %.1f)%n",
              t, f, b, a - f - b, a, Arrays.stream(all).average().orElse(Double.NaN));
        }
      }
    }
  }

  /**
   * Input half {@code half} of the batch's rows {@code start …} into {@code x} as the workspace
   * lays it out ({@link Workspace#inputHalfOffset}, {@link Workspace#inputRowStride}), the halves
   * as the first layer cuts them ({@code FirstLayerLayout.halfStart}, {@code halfWidth}); the
   * whole row as half 0 when the batch is not in blocks.
   */
  private void fillHalf(FashionMnist.Split split, int start, Network net, Workspace ws, int half,
      double[] x) {
    boolean blocks = ws.inputInBlocks();
    if (!blocks && half == 1) {
      return;
    }
    int from = blocks ? net.firstLayer().halfStart(half) : 0;
    int width = blocks ? net.firstLayer().halfWidth(half) : FashionMnist.PIXELS;
    int off = ws.inputHalfOffset(half);
    int stride = ws.inputRowStride(half);
    for (int r = 0; r < batch; r++) {
      int i = (start + r) * FashionMnist.PIXELS + from;
      for (int j = 0; j < width; j++) {
        x[off + r * stride + j] = (split.pixels[i + j] & 0xff) / 255.0;
      }
    }
  }

  /** The median of {@code v} (left unchanged); also {@link MachinePeak}'s. */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
