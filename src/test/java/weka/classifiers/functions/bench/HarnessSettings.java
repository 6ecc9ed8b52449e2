package weka.classifiers.functions.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * The settings of one {@link TrainingBenchmark} run: its command-line arguments (see the usage
 * line of that class), the reference figures of numpy/OpenBLAS and scikit-learn read from the
 * {@code --reference} file that {@code bench/reference.py} writes, and the BackpropMLP options
 * the settings stand for. Both the measurements and {@link HarnessReport} read them, which is
 * why they live in neither; {@code TrainingBenchmark.run} lowers {@link #fullRows} and
 * {@link #smallRows} to the rows the data has.
 */
final class HarnessSettings {

  Path dataDir = Paths.get("bench", "data");
  Path referenceFile;
  boolean quick;
  int smallRows = 10_000;
  int fullRows = 60_000;
  int testRows = 10_000;
  int epochs = 3;
  int fullEpochs = 2;
  int mlpEpochs = 1;
  int miniBatch = 32;
  /** The training problem shared with bench/reference.py (bench/run.sh passes both the same). */
  String l2 = "0.01";
  String lrSgd = "0.01";
  String lrAdam = "0.001";
  String momentum = "0.9";

  /** Reference figures from {@code --reference}, empty when none was given or readable. */
  final Properties ref = new Properties();

  /**
   * Reads the arguments (see the class comment of {@link TrainingBenchmark}) into these settings
   * and loads the reference file when one is given and readable.
   *
   * @param args the harness's command line
   * @throws IOException if the reference file cannot be read
   * @throws IllegalArgumentException on an unknown argument
   */
  void parse(String[] args) throws IOException {
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

  /** A reference figure, NaN when the reference file does not have it. */
  double refValue(String key) {
    String v = ref.getProperty(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }

  /**
   * The BackpropMLP options of the benchmarked configuration (why these: the Javadoc of
   * {@code TrainingBenchmark.backpropMlp}); the report prints them as its protocol line.
   */
  String backpropOptions(String hidden, String optimizer, int epochs, String threads) {
    boolean sgd = optimizer.equals("SGD");
    return "-hidden " + hidden + " -epochs " + epochs + " -optimizer " + optimizer
        + (sgd ? " -momentum " + momentum + " -lr " + lrSgd : " -lr " + lrAdam)
        + " -schedule CONSTANT -l2 " + l2 + " -dropout 0 -validation 0 -normalize NONE"
        + " -mini-batch " + miniBatch + " -threads " + threads;
  }
}
