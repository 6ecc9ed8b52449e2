package weka.classifiers.functions.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import weka.classifiers.Classifier;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Prequential (test-then-train) accuracy of updateable classifiers, as the KnowledgeFlow's
 * incremental classifier evaluator measures it: the classifier is built from the header alone,
 * then every row is first classified by the model as it stands and then trained on. After the
 * last row {@code batchFinished()} is called (as the flow does at the stream's end) and the
 * final model is scored on a test part held out from the stream.
 *
 * <p>Usage: {@code PrequentialBench -d a.arff,b.arff -c "weka.classifiers.functions.BackpropMLP"
 * -c "weka.classifiers.bayes.NaiveBayesUpdateable" [-test 3] [-seed 1]}. Every {@code -test}-th
 * row of the shuffled file (default every third) is held out for the final score. Rows are
 * shuffled with {@code -seed} before streaming because many ARFF files are sorted by class,
 * which no real stream is ({@code -seed 0} keeps the file's order). Prints one line per file and
 * classifier: prequential accuracy over the whole stream and over its second half (how well
 * the model has learnt once it has seen some rows), the final model's hold-out accuracy, and
 * the seconds of the whole run; for a numeric class the root mean squared error instead of
 * each accuracy.
 */
public final class PrequentialBench {

  private PrequentialBench() {}

  /**
   * @param args see the class comment
   * @throws Exception if a file cannot be read or a classifier fails
   */
  public static void main(String[] args) throws Exception {
    String files = Utils.getOption('d', args);
    List<String> specs = new ArrayList<>();
    for (String spec = Utils.getOption('c', args); !spec.isEmpty();
        spec = Utils.getOption('c', args)) {
      specs.add(spec);
    }
    String every = Utils.getOption("test", args);
    String seed = Utils.getOption("seed", args);
    int testEvery = every.isEmpty() ? 3 : Integer.parseInt(every);
    long shuffleSeed = seed.isEmpty() ? 1 : Long.parseLong(seed);
    System.out.printf(Locale.ROOT, "%-28s %-60s %8s %8s %8s %8s%n", "data", "classifier",
        "preq", "2nd half", "final", "s");
    for (String file : files.split(",")) {
      Instances all = CrossValidationTable.load(file);
      if (shuffleSeed != 0) {
        all.randomize(new Random(shuffleSeed));
      }
      Instances stream = new Instances(all, all.numInstances());
      Instances test = new Instances(all, all.numInstances() / testEvery + 1);
      for (int i = 0; i < all.numInstances(); i++) {
        (i % testEvery == 0 ? test : stream).add(all.instance(i));
      }
      for (String spec : specs) {
        long start = System.nanoTime();
        double[] result = run(CrossValidationTable.newClassifier(spec), stream, test);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s %-60s %8.2f %8.2f %8.2f %8.2f%n",
            shortName(file), abbreviate(spec), result[0], result[1], result[2], seconds);
      }
    }
  }

  /**
   * {prequential score, the same over the stream's second half, final hold-out score}: the
   * score is the accuracy in % for a nominal class, the root mean squared error for a numeric one.
   */
  private static double[] run(Classifier c, Instances stream, Instances test) throws Exception {
    c.buildClassifier(new Instances(stream, 0));
    UpdateableClassifier u = (UpdateableClassifier) c;
    int n = stream.numInstances();
    double loss = 0;
    double lossLate = 0;
    for (int i = 0; i < n; i++) {
      Instance row = stream.instance(i);
      double e = loss(c, row);
      loss += e;
      if (i >= n / 2) {
        lossLate += e;
      }
      u.updateClassifier(row);
    }
    if (c instanceof UpdateableBatchProcessor) {
      ((UpdateableBatchProcessor) c).batchFinished();
    }
    double finalLoss = 0;
    for (Instance row : test) {
      finalLoss += loss(c, row);
    }
    boolean nominal = stream.classAttribute().isNominal();
    return new double[] {score(loss, n, nominal), score(lossLate, n - n / 2, nominal),
        score(finalLoss, test.numInstances(), nominal)};
  }

  /** 1 for a misclassified row, or the squared error of a numeric prediction. */
  private static double loss(Classifier c, Instance row) throws Exception {
    double predicted = c.classifyInstance(row);
    if (row.classAttribute().isNominal()) {
      return predicted == row.classValue() ? 0 : 1;
    }
    double d = predicted - row.classValue();
    return d * d;
  }

  private static double score(double loss, int rows, boolean nominal) {
    return nominal ? 100.0 * (1 - loss / rows) : Math.sqrt(loss / rows);
  }

  private static String shortName(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  private static String abbreviate(String spec) {
    String s = spec.replace("weka.classifiers.", "");
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
