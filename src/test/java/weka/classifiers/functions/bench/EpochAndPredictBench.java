package weka.classifiers.functions.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The two figures of bench/run.sh that the kernel moves, alone and quickly, for A/B runs of
 * whole JVMs (with and without {@code --add-modules jdk.incubator.vector}, or with
 * {@code -Dweka.backpropmlp.vector=off}): seconds per epoch of BackpropMLP 784-64-10, SGD with
 * momentum 0.9, mini-batch 32, on 1 thread (run.sh's configuration), and rows per second of
 * {@code distributionsForInstances} on the test rows (best of five passes, or {@code --passes}),
 * both in CPU seconds of the one thread that does the work, which a shared machine's load
 * inflates less than wall time. Prints one line:
 * {@code route=... epoch_s=... predict_rows_s=... checksum=...}; the checksum (a hash of the
 * predictions' bits) must be the same for every route.
 *
 * <p>Arguments: {@code --data DIR [--rows N] [--test-rows N] [--epochs N] [--passes N]}.
 */
public final class EpochAndPredictBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EpochAndPredictBench() {}

  /** @return CPU time of the calling thread in seconds (all the work runs on it: 1 thread) */
  private static double cpu() {
    return THREADS.getCurrentThreadCpuTime() / 1e9;
  }

  /**
   * Runs the measurement.
   *
   * @param args see the class comment
   * @throws Exception if the data cannot be read or training fails
   */
  public static void main(String[] args) throws Exception {
    Path data = Paths.get("bench/data");
    int rows = 10_000;
    int testRows = 10_000;
    int epochs = 3;
    int passes = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data": data = Paths.get(args[++i]); break;
        case "--rows": rows = Integer.parseInt(args[++i]); break;
        case "--test-rows": testRows = Integer.parseInt(args[++i]); break;
        case "--epochs": epochs = Integer.parseInt(args[++i]); break;
        case "--passes": passes = Integer.parseInt(args[++i]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    FashionMnist.Split tr = FashionMnist.read(data, "train", rows);
    FashionMnist.Split te = FashionMnist.read(data, "t10k", testRows);
    Instances train = FashionMnist.toInstances(tr, tr.rows, "train");
    Instances test = FashionMnist.toInstances(te, te.rows, "test");
    BackpropMLP c = new BackpropMLP();
    // warm-up epoch + timed epochs, as TrainingBenchmark's SGD rows
    c.setOptions(Utils.splitOptions("-hidden 64 -epochs " + (1 + epochs)
        + " -optimizer SGD -momentum 0.9 -lr 0.01 -schedule CONSTANT -l2 0.01 -dropout 0"
        + " -validation 0 -normalize NONE -mini-batch 32 -threads 1"));
    c.initializeClassifier(train);
    c.next();
    double best = Double.MAX_VALUE;
    for (int e = 0; e < epochs; e++) {
      double t0 = cpu();
      c.next();
      best = Math.min(best, cpu() - t0);
    }
    c.done();
    c.distributionsForInstances(new Instances(test, 0, Math.min(1000, test.numInstances())));
    double predict = Double.MAX_VALUE;
    double[][] dist = null;
    for (int k = 0; k < passes; k++) {
      double t0 = cpu();
      dist = c.distributionsForInstances(test);
      predict = Math.min(predict, cpu() - t0);
    }
    long hash = 17;
    for (double[] d : dist) {
      for (double v : d) {
        hash = hash * 31 + Double.doubleToLongBits(v);
      }
    }
    System.out.printf(Locale.ROOT,
        "route=\"%s\" epoch_cpu_s=%.4f predict_rows_per_cpu_s=%.0f checksum=%016x%n",
        Kernels.route(), best, test.numInstances() / predict, hash);
  }
}
