package weka.classifiers.functions.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.StringToWordVector;

/**
 * The text benchmark of {@code bench/text.sh}: trains each learner behind Weka's text pipeline,
 * {@code FilteredClassifier -F "StringToWordVector <options>" -W <learner>}, on a training ARFF
 * with one string attribute and evaluates it on a test ARFF; prints test accuracy, Cohen's kappa,
 * train+test seconds and the time relative to the learner whose specification names {@code
 * functions.SGD} (binary only in Weka: on more classes it is given wrapped in {@code
 * MultiClassClassifier}); list it first. Each row is printed as soon as it is measured.
 *
 * <p>Usage: {@code TextBench -train a.arff -test b.arff [-stwv "-W 5000 -L"] -c
 * "weka.classifiers.functions.SGD" -c ... [-export PREFIX] [-seeds N]}
 *
 * <p>With {@code -seeds N} each learner is trained N times, with the FilteredClassifier's seed
 * (which it hands to a randomizable learner) 1..N, and the mean and standard deviation of the
 * accuracy are printed after its rows.
 *
 * <p>With {@code -export PREFIX} it also writes the filtered term matrix (the same
 * StringToWordVector, fitted on the training set) as {@code PREFIX-train.svm} and
 * {@code PREFIX-test.svm} in svmlight format (class index, then 1-based column:value pairs of the
 * non-zeros), for {@code bench/text_sklearn.py}. Before anything is timed the filter runs once
 * on the training set, untimed, so that the first learner does not pay for the JIT's warm-up.
 */
public final class TextBench {

  private TextBench() {}

  /**
   * @param args see the class comment
   * @throws Exception on bad arguments or data
   */
  public static void main(String[] args) throws Exception {
    Instances train = load(Utils.getOption("train", args));
    Instances test = load(Utils.getOption("test", args));
    String stwv = Utils.getOption("stwv", args);
    String export = Utils.getOption("export", args);
    String seedOption = Utils.getOption("seeds", args);
    int seeds = seedOption.isEmpty() ? 1 : Integer.parseInt(seedOption);
    List<String> specs = new ArrayList<>();
    for (String c = Utils.getOption('c', args); !c.isEmpty(); c = Utils.getOption('c', args)) {
      specs.add(c);
    }
    StringToWordVector warm = filter(stwv);
    warm.setInputFormat(train);
    Instances filtered = Filter.useFilter(train, warm);
    System.out.printf(
        Locale.ROOT,
        "# %s: %d train, %d test documents; StringToWordVector %s: %d word attributes,"
            + " %.2f %% non-zero%n",
        train.relationName(),
        train.numInstances(),
        test.numInstances(),
        stwv.isEmpty() ? "(defaults)" : stwv,
        filtered.numAttributes() - 1,
        100 * density(filtered));
    if (!export.isEmpty()) {
      writeSvm(filtered, export + "-train.svm");
      writeSvm(Filter.useFilter(test, warm), export + "-test.svm");
    }
    double sgdSeconds = Double.NaN;
    for (String spec : specs) {
      double sum = 0;
      double sumSq = 0;
      for (int seed = 1; seed <= seeds; seed++) {
        FilteredClassifier fc = new FilteredClassifier();
        fc.setFilter(filter(stwv));
        fc.setClassifier(CrossValidationTable.newClassifier(spec));
        // FilteredClassifier hands its own seed to a Randomizable learner (overriding -seed)
        fc.setSeed(seed);
        long t0 = System.nanoTime();
        fc.buildClassifier(train);
        Evaluation eval = new Evaluation(train);
        eval.evaluateModel(fc, test);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (spec.matches(".*functions\\.SGD\\b.*")) {
          sgdSeconds = seconds;
        }
        sum += eval.pctCorrect();
        sumSq += eval.pctCorrect() * eval.pctCorrect();
        System.out.printf(
            Locale.ROOT,
            "%-60s | %6.2f %% | %6.3f | %8.2f s | %s%n",
            spec.replace("weka.classifiers.", "") + (seeds > 1 ? " [seed " + seed + "]" : ""),
            eval.pctCorrect(),
            eval.kappa(),
            seconds,
            Double.isNaN(sgdSeconds) ? "-" : String.format(Locale.ROOT, "%.2fx SGD",
                seconds / sgdSeconds));
        System.out.flush();
      }
      if (seeds > 1) {
        double mean = sum / seeds;
        System.out.printf(Locale.ROOT, "%-60s | %6.2f %% mean, sd %.2f over %d seeds%n",
            spec.replace("weka.classifiers.", ""), mean,
            Math.sqrt(Math.max(0, (sumSq - seeds * mean * mean) / (seeds - 1))), seeds);
      }
    }
  }

  private static StringToWordVector filter(String options) throws Exception {
    StringToWordVector f = new StringToWordVector();
    f.setOptions(Utils.splitOptions(options));
    return f;
  }

  private static Instances load(String path) throws Exception {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("-train and -test are required");
    }
    Instances data = DataSource.read(path);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  private static double density(Instances data) {
    long nonZeros = 0;
    for (Instance row : data) {
      for (int p = 0; p < row.numValues(); p++) {
        if (row.index(p) != data.classIndex() && row.valueSparse(p) != 0) {
          nonZeros++;
        }
      }
    }
    return nonZeros / ((double) data.numInstances() * (data.numAttributes() - 1));
  }

  private static void writeSvm(Instances data, String path) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(Paths.get(path), StandardCharsets.UTF_8)) {
      for (Instance row : data) {
        StringBuilder line = new StringBuilder().append((int) row.classValue());
        int column = 0;
        for (int p = 0; p < row.numValues(); p++) {
          int a = row.index(p);
          if (a != data.classIndex() && row.valueSparse(p) != 0) {
            // columns numbered without the class attribute, 1-based as svmlight wants
            column = a < data.classIndex() ? a + 1 : a;
            line.append(' ').append(column).append(':').append(row.valueSparse(p));
          }
        }
        out.write(line.append('\n').toString());
      }
    }
  }
}
