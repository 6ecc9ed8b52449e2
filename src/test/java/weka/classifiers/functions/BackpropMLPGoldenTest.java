package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.kernel.MultiplyAdd;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Golden-master test: the exact bits of BackpropMLP's predictions for a fixed table of data sets,
 * options and training modes, recorded in {@value #GOLDEN} before a refactoring and compared
 * exactly afterwards (every double as its {@link Double#doubleToLongBits} in hex).
 *
 * <p>Uses only the classifier's public Weka API (options, buildClassifier, the
 * IterativeClassifier loop, updateClassifier/batchFinished, aggregate/finalizeAggregation,
 * distributionsForInstances and distributionForInstance), never the engine classes, so it
 * survives classes being moved or renamed; the one exception is {@code MultiplyAdd.fused()},
 * which tells whether this JVM computes the fused multiply-adds the file was recorded with
 * (skipped if not).
 *
 * <p>Each case trains on the first two thirds of its data set after {@code randomize(new
 * Random(1))}, predicts the remaining third with distributionsForInstances and the first
 * {@value #SINGLE_ROWS} of those rows again with distributionForInstance.
 *
 * <p>To regenerate the golden file (only when a change of behaviour is intended), run {@link
 * #main} from the project root with the test class path, e.g. {@code mvn -q test-compile
 * exec:java -Dexec.mainClass=weka.classifiers.functions.BackpropMLPGoldenTest}.
 */
public class BackpropMLPGoldenTest {

  /** The golden file, relative to the project root (the tests' working directory). */
  static final String GOLDEN = "src/test/resources/golden/predictions.txt";

  /** Test rows also predicted one at a time with distributionForInstance. */
  static final int SINGLE_ROWS = 5;

  /** How a case trains its model. */
  enum Mode {
    /** buildClassifier on the training rows. */
    BATCH,
    /** initializeClassifier, next() until it returns false, done(). */
    ITERATIVE,
    /**
     * With -resume: buildClassifier, then the training continued on the same rows
     * (initializeClassifier, next, done).
     */
    RESUME,
    /** buildClassifier on the first half of the training rows, then updateClassifier on the
     * second half row by row, then batchFinished. */
    FINETUNE,
    /** buildClassifier on the empty header, updateClassifier row by row, batchFinished. */
    STREAM,
    /** The training rows cut into {@code parts} consecutive partitions, each streamed into its
     * own model (as STREAM); the others aggregated into the first, then finalizeAggregation. */
    AGGREGATE
  }

  /** One row of the case table. */
  static final class Case {
    final String name;
    final String dataset;
    final Mode mode;
    final int parts;
    final String options;

    Case(String name, String dataset, Mode mode, int parts, String options) {
      this.name = name;
      this.dataset = dataset;
      this.mode = mode;
      this.parts = parts;
      this.options = options;
    }

    /** The case's header line in the golden file; a change of the table shows as a mismatch. */
    String header() {
      return "@case\t" + name + "\t" + dataset + "\t" + mode + (mode == Mode.AGGREGATE ? parts : "")
          + "\t\"" + options + "\"";
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Case batch(String name, String dataset, String options) {
    return new Case(name, dataset, Mode.BATCH, 1, options);
  }

  /** The case table. Names are unique; the golden file is keyed by them. */
  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // full defaults: automatic L2 candidate selection on a holdout, automatic learning rate and
    // mini-batch, automatic dropout (on from 20 encoded inputs, e.g. ionosphere's 34), all
    // processors; missing values in breast-cancer, labor, vote and soybean
    c.add(batch("iris-defaults", "iris", ""));
    c.add(batch("ionosphere-defaults", "ionosphere", ""));
    c.add(batch("cpu-defaults", "cpu", ""));
    c.add(batch("breast-cancer-defaults", "breast-cancer", ""));
    c.add(batch("labor-defaults", "labor", ""));
    c.add(batch("weather.numeric-defaults", "weather.numeric", ""));
    c.add(batch("vote-defaults", "vote", ""));
    c.add(batch("soybean-defaults", "soybean", ""));
    // defaults on training sets of >= 500 rows: the large-data learning rate and mini-batch
    c.add(batch("diabetes-defaults", "diabetes", ""));
    c.add(batch("credit-g-defaults", "credit-g", ""));
    // single options, small epoch budgets
    c.add(batch("iris-dropout", "iris", "-epochs 20 -dropout 0.3"));
    c.add(batch("iris-sgd-nesterov", "iris",
        "-epochs 20 -optimizer SGD -momentum 0.9 -nesterov -lr 0.05"));
    c.add(batch("glass-sgd-momentum", "glass", "-epochs 20 -optimizer SGD -momentum 0.5 -lr 0.02"));
    c.add(batch("diabetes-l2-fixed", "diabetes", "-epochs 20 -l2 0.001"));
    c.add(batch("glass-two-layers", "glass", "-epochs 20 -hidden 16:TANH,8:ELU"));
    c.add(batch("vote-adamw", "vote", "-epochs 20 -optimizer ADAMW -l2 0.01"));
    c.add(batch("diabetes-rmsprop", "diabetes", "-epochs 20 -optimizer RMSPROP -lr 0.001"));
    c.add(batch("iris-adagrad", "iris", "-epochs 20 -optimizer ADAGRAD -lr 0.05"));
    c.add(batch("glass-label-smoothing", "glass", "-epochs 20 -label-smoothing 0.1"));
    c.add(batch("unbalanced-balanced", "unbalanced", "-epochs 10 -class-weights BALANCED"));
    c.add(batch("diabetes-early-stopping", "diabetes", "-epochs 60 -validation 20 -patience 5"));
    c.add(batch("cpu-minmax", "cpu", "-epochs 20 -normalize MINMAX"));
    c.add(batch("iris-normalize-none", "iris", "-epochs 20 -normalize NONE"));
    c.add(batch("ionosphere-threads1", "ionosphere", "-epochs 20 -threads 1"));
    c.add(batch("ionosphere-threads2", "ionosphere", "-epochs 20 -threads 2"));
    c.add(batch("labor-l2-candidates-validation", "labor",
        "-epochs 20 -l2 0.0001,0.01 -validation 25 -patience 5"));
    c.add(batch("diabetes-l1-step-warmup-clip", "diabetes",
        "-epochs 20 -l1 0.001 -l2 0 -schedule STEP -warmup 3 -clip 1"));
    c.add(batch("vote-binary-cross-entropy", "vote", "-epochs 20 -loss BINARY_CROSS_ENTROPY"));
    c.add(batch("iris-squared-error", "iris", "-epochs 20 -loss SQUARED_ERROR"));
    c.add(batch("cpu-huber-exponential", "cpu", "-epochs 20 -loss HUBER -schedule EXPONENTIAL"));
    c.add(batch("cpu-absolute-error-constant", "cpu",
        "-epochs 20 -loss ABSOLUTE_ERROR -schedule CONSTANT -lr 0.005"));
    c.add(batch("iris-no-hidden", "iris", "-epochs 20 -hidden none"));
    c.add(batch("iris-gelu-xavier-normal-batch1", "iris",
        "-epochs 10 -activation GELU -init XAVIER_NORMAL -mini-batch 1"));
    c.add(batch("glass-three-layers-he-uniform", "glass",
        "-epochs 20 -hidden 12:SIGMOID,12:SOFTPLUS,6:LEAKY_RELU -init HE_UNIFORM"));
    c.add(batch("glass-full-batch", "glass", "-epochs 20 -mini-batch 1000 -lr 0.05"));
    c.add(batch("soybean-missing-values", "soybean", "-epochs 10 -hidden 32"));
    c.add(batch("breast-cancer-seed7-dropout0", "breast-cancer", "-epochs 20 -seed 7 -dropout 0"));
    c.add(batch("weather.nominal-identity", "weather.nominal",
        "-epochs 20 -activation IDENTITY -l2 0"));
    // the other training routes
    c.add(new Case("iris-iterative-defaults", "iris", Mode.ITERATIVE, 1, ""));
    c.add(new Case("diabetes-resume", "diabetes", Mode.RESUME, 1, "-epochs 10 -resume -l2 0.001"));
    c.add(new Case("diabetes-finetune", "diabetes", Mode.FINETUNE, 1, "-epochs 20"));
    c.add(new Case("iris-stream-defaults", "iris", Mode.STREAM, 1, ""));
    c.add(new Case("iris-stream-reservoir50", "iris", Mode.STREAM, 1, "-epochs 20 -reservoir 50"));
    c.add(new Case("cpu-stream-reservoir0", "cpu", Mode.STREAM, 1, "-reservoir 0"));
    c.add(new Case("vote-stream-missing-values", "vote", Mode.STREAM, 1,
        "-epochs 20 -reservoir 100"));
    c.add(new Case("iris-aggregate3", "iris", Mode.AGGREGATE, 3, "-epochs 20 -reservoir 50"));
    c.add(new Case("diabetes-aggregate2", "diabetes", Mode.AGGREGATE, 2,
        "-epochs 5 -hidden 16 -reservoir 100"));
    c.add(new Case("breast-cancer-aggregate3-reservoir0", "breast-cancer", Mode.AGGREGATE, 3,
        "-reservoir 0"));
    c.add(new Case("cpu-aggregate2", "cpu", Mode.AGGREGATE, 2, "-epochs 20 -reservoir 200"));
    c.add(new Case("labor-aggregate2-defaults", "labor", Mode.AGGREGATE, 2, ""));
    return c;
  }

  /** Cases that must give the same bits, whatever the golden file holds. */
  static final String[][] SAME_MODEL = {{"ionosphere-threads1", "ionosphere-threads2"}};

  // =====================================================================================
  // Producing the lines
  // =====================================================================================

  /**
   * Trains the case's model and returns its golden lines: the header, then one line per
   * prediction, {@code name TAB batch|single TAB test-row TAB hex,hex,...}.
   */
  static List<String> run(Case c) throws Exception {
    Instances data = TestData.load(c.dataset);
    data.randomize(new Random(1));
    int cut = data.numInstances() * 2 / 3;
    Instances train = new Instances(data, 0, cut);
    Instances test = new Instances(data, cut, data.numInstances() - cut);

    BackpropMLP model = train(c, train);

    List<String> lines = new ArrayList<>();
    lines.add(c.header());
    double[][] dists = model.distributionsForInstances(test);
    assertEquals(test.numInstances(), dists.length, c.name);
    for (int r = 0; r < dists.length; r++) {
      lines.add(line(c.name, "batch", r, dists[r]));
    }
    for (int r = 0; r < Math.min(SINGLE_ROWS, test.numInstances()); r++) {
      lines.add(line(c.name, "single", r, model.distributionForInstance(test.instance(r))));
    }
    return lines;
  }

  private static BackpropMLP newModel(Case c) throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Utils.splitOptions(c.options));
    return m;
  }

  private static BackpropMLP train(Case c, Instances train) throws Exception {
    BackpropMLP m = newModel(c);
    switch (c.mode) {
      case BATCH:
        m.buildClassifier(train);
        return m;
      case ITERATIVE:
        m.initializeClassifier(train);
        while (m.next()) {
          // one epoch per iteration
        }
        m.done();
        return m;
      case RESUME:
        m.buildClassifier(train);
        TestData.continueTraining(m, train);
        return m;
      case FINETUNE: {
        int half = train.numInstances() / 2;
        m.buildClassifier(new Instances(train, 0, half));
        for (int i = half; i < train.numInstances(); i++) {
          m.updateClassifier(train.instance(i));
        }
        m.batchFinished();
        return m;
      }
      case STREAM:
        return stream(c, train, 0, train.numInstances());
      case AGGREGATE: {
        int n = train.numInstances();
        BackpropMLP first = stream(c, train, 0, n / c.parts);
        for (int p = 1; p < c.parts; p++) {
          first.aggregate(stream(c, train, p * n / c.parts, (p + 1) * n / c.parts));
        }
        first.finalizeAggregation();
        return first;
      }
      default:
        throw new AssertionError(c.mode);
    }
  }

  /** A model built on the empty header and trained row by row on rows [from, to). */
  private static BackpropMLP stream(Case c, Instances train, int from, int to) throws Exception {
    BackpropMLP m = newModel(c);
    m.buildClassifier(new Instances(train, 0));
    for (int i = from; i < to; i++) {
      Instance row = train.instance(i);
      m.updateClassifier(row);
    }
    m.batchFinished();
    return m;
  }

  private static String line(String name, String kind, int row, double[] dist) {
    StringBuilder sb = new StringBuilder(name).append('\t').append(kind).append('\t').append(row)
        .append('\t');
    for (int k = 0; k < dist.length; k++) {
      if (k > 0) {
        sb.append(',');
      }
      sb.append(Long.toHexString(Double.doubleToLongBits(dist[k])));
    }
    return sb.toString();
  }

  // =====================================================================================
  // The test
  // =====================================================================================

  /**
   * Why the test is skipped on a JVM whose products are not fused: the file records the bits of
   * fused multiply-adds, which every processor with FMA computes alike (see {@link MultiplyAdd}).
   */
  private static final String UNFUSED = "the golden file holds the predictions of fused"
      + " multiply-adds; this JVM's products are unfused (no FMA, or -D" + MultiplyAdd.PROPERTY
      + "=off)";

  /** Golden lines by case name, the header line first. */
  private static Map<String, List<String>> golden;

  @BeforeAll
  static void readGolden() throws IOException {
    assumeTrue(MultiplyAdd.fused(), UNFUSED);
    golden = new LinkedHashMap<>();
    List<String> current = null;
    for (String l : Files.readAllLines(Paths.get(GOLDEN), StandardCharsets.UTF_8)) {
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("@case\t")) {
        current = new ArrayList<>();
        golden.put(l.split("\t", -1)[1], current);
      }
      assertNotNull(current, "golden file: a prediction line before the first @case line: " + l);
      current.add(l);
    }
  }

  static Stream<Case> caseStream() {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caseStream")
  void predictionsAreBitForBitTheRecordedOnes(Case c) throws Exception {
    List<String> expected = golden.get(c.name);
    assertNotNull(expected, "case " + c.name + " is not in " + GOLDEN + "; regenerate it");
    List<String> actual = run(c);
    assertEquals(expected.get(0), actual.get(0),
        "case " + c.name + ": its definition differs from the one the golden file was made with");
    List<String> mismatches = new ArrayList<>();
    for (int i = 1; i < Math.max(expected.size(), actual.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : null;
      String a = i < actual.size() ? actual.get(i) : null;
      if (e == null || a == null || !e.equals(a)) {
        mismatches.add(describe(c.name, e, a));
      }
    }
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + (expected.size() - 1) + " predictions differ in case "
          + c.name + "; first ones:\n" + String.join("\n",
              mismatches.subList(0, Math.min(5, mismatches.size()))));
    }
  }

  /** Names the case, the prediction kind and row, and both values in hex and decimal. */
  private static String describe(String name, String expected, String actual) {
    if (expected == null || actual == null) {
      return "case " + name + ": expected line " + expected + " but got " + actual;
    }
    String[] e = expected.split("\t", -1);
    String[] a = actual.split("\t", -1);
    if (!e[1].equals(a[1]) || !e[2].equals(a[2])) {
      return "case " + name + ": expected line " + expected + " but got " + actual;
    }
    String[] ev = e[3].split(",", -1);
    String[] av = a[3].split(",", -1);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "case %s, %s prediction, test row %s:", name, e[1], e[2]));
    for (int k = 0; k < Math.max(ev.length, av.length); k++) {
      String x = k < ev.length ? ev[k] : null;
      String y = k < av.length ? av[k] : null;
      if (x == null || !x.equals(y)) {
        sb.append(String.format(Locale.ROOT, " [output %d: expected %s (%s) but got %s (%s)]", k,
            x, decode(x), y, decode(y)));
      }
    }
    return sb.toString();
  }

  private static String decode(String hex) {
    return hex == null ? "none" : Double.toString(Double.longBitsToDouble(Long.parseUnsignedLong(
        hex, 16)));
  }

  /** The file covers exactly the case table. */
  @Test
  void goldenFileCoversTheCaseTable() {
    List<String> names = new ArrayList<>();
    for (Case c : cases()) {
      names.add(c.name);
    }
    assertEquals(names, new ArrayList<>(golden.keySet()));
  }

  /** -threads 2 gives the same bits as -threads 1 (compared beyond the case name). */
  @Test
  void threadCountDoesNotChangeTheModel() {
    for (String[] pair : SAME_MODEL) {
      List<String> a = golden.get(pair[0]);
      List<String> b = golden.get(pair[1]);
      assertEquals(a.size(), b.size(), pair[0] + " vs " + pair[1]);
      for (int i = 1; i < a.size(); i++) {
        assertEquals(a.get(i).substring(pair[0].length()), b.get(i).substring(pair[1].length()),
            pair[0] + " vs " + pair[1] + ", line " + i);
      }
    }
  }

  // =====================================================================================
  // Regenerating the golden file
  // =====================================================================================

  /**
   * Writes {@value #GOLDEN} from the current code. Run from the project root.
   *
   * @param args ignored
   * @throws Exception if a case fails
   */
  public static void main(String[] args) throws Exception {
    if (!MultiplyAdd.fused()) {
      throw new IllegalStateException("not regenerated: " + UNFUSED);
    }
    Path out = Paths.get(GOLDEN);
    Files.createDirectories(out.getParent());
    int predictions = 0;
    List<Case> table = cases();
    List<String> all = new ArrayList<>();
    for (Case c : table) {
      long t0 = System.nanoTime();
      List<String> lines = run(c);
      assertFalse(lines.size() < 2, c.name);
      all.addAll(lines);
      predictions += lines.size() - 1;
      System.out.printf(Locale.ROOT, "%-40s %4d predictions %7.0f ms%n", c.name, lines.size() - 1,
          (System.nanoTime() - t0) / 1e6);
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("# BackpropMLP golden predictions, written by BackpropMLPGoldenTest.main.\n");
      w.write("# @case TAB name TAB data set TAB mode TAB \"options\"; then per prediction:\n");
      w.write("# name TAB batch|single TAB test row TAB Double.doubleToLongBits in hex, one per"
          + " output.\n");
      w.write("# Split: randomize(new Random(1)), first 2/3 train, rest test.\n");
      w.write("# Products with fused multiply-adds (MultiplyAdd.fused()).\n");
      for (String l : all) {
        w.write(l);
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf(Locale.ROOT, "%d cases, %d predictions written to %s%n", table.size(),
        predictions, GOLDEN);
  }
}
