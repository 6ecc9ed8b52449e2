package weka.classifiers.functions.bench;

import java.io.BufferedWriter;
import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.SGD;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.converters.ArffLoader;

/**
 * Measurements of the sparse input route (issue 16), on synthetic bag-of-words data: a topic
 * model over a Zipf-distributed vocabulary (word of rank r drawn with probability ∝ 1/r), each
 * class owning 200 topic words that take 30 % of its documents' tokens; a document has about
 * {@code nnz} distinct words (normal, sd nnz/4), its attributes are the word counts.
 *
 * <ul>
 *   <li>{@code generate FILE DOCS VOCAB NNZ CLASSES SEED}: writes that data set as a sparse ARFF
 *       (e.g. 20,000 × 50,000 with 90 non-zeros per row to /tmp; not for git).
 *   <li>{@code batch FILE [BackpropMLP options]}: loads the ARFF into memory and trains with
 *       {@code buildClassifier} (Weka's command line {@code -t} trains an updateable classifier
 *       row by row instead); prints seconds, training accuracy and the route.
 *   <li>{@code stream FILE [BackpropMLP options]}: trains row by row ({@code updateClassifier})
 *       while reading the ARFF incrementally, never holding the data set; prints rows and
 *       seconds.
 *   <li>{@code ratio [DOCS VOCAB NNZ]}: CPU seconds per epoch, one thread, of the sparse route
 *       (default {@code -normalize AUTO}) against the dense route ({@code -normalize
 *       STANDARDIZE}, the dense kernels on the dense copy) on the same rows, default 3,000 ×
 *       5,000 at 70 non-zeros (1.4 %).
 *   <li>{@code lazy [DOCS VOCAB NNZ]}: the engine alone on the encoded sparse rows, eager against
 *       lazy first-layer update ({@code TrainerConfig.lazyFirstLayer}), same network, seed and
 *       the classifier's default step settings (Adam, lr 0.003, mini-batch 32, dropout 0.3,
 *       λ₂ 0.001, 64 ReLU units), CPU seconds per epoch of one thread and the holdout loss;
 *       default 5,000 × 20,000 at 90 non-zeros, 2 classes.
 *   <li>{@code row [--quick]}: the sparse row of {@code bench/run.sh}: s/epoch (CPU, one thread)
 *       of BackpropMLP with its defaults on a two-class 5,000 × 20,000 set at 90 non-zeros, and
 *       of Weka's {@code SGD} with its defaults on the same {@code Instances} (its time for 5
 *       epochs, {@code -E 5}, over 5), measured in the same run, and their ratio.
 * </ul>
 *
 * BackpropMLP epochs are timed through the {@code IterativeClassifier} API: {@code
 * initializeClassifier} (encoding, the λ₂ choice with its epochs when several candidates are
 * given; fixed {@code -l2} here so that it is not timed), one untimed warm-up {@code next()},
 * then timed {@code next()} calls, of which the mean is shown.
 */
public final class SparseRouteBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SparseRouteBench() {}

  /**
   * @param args a subcommand and its arguments, see the class comment
   * @throws Exception if reading, writing or training fails
   */
  public static void main(String[] args) throws Exception {
    String cmd = args.length == 0 ? "" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (cmd) {
      case "generate":
        generate(rest);
        break;
      case "stream":
        stream(rest);
        break;
      case "batch":
        batch(rest);
        break;
      case "lazy":
        lazy(rest);
        break;
      case "ratio":
        ratio(rest);
        break;
      case "row":
        row(Arrays.asList(rest).contains("--quick"));
        break;
      default:
        System.err.println("usage: SparseRouteBench generate FILE DOCS VOCAB NNZ CLASSES SEED |"
            + " stream FILE [options] | ratio [DOCS VOCAB NNZ] | row [--quick]");
        System.exit(2);
    }
  }

  // ---- data ----

  /** The synthetic topic model, generating one document at a time. */
  static final class Topics {
    private final double[] cumulative;
    private final int[][] topicWords;
    private final int nnz;
    private final Random rng;

    Topics(int vocab, int nnz, int classes, long seed) {
      this.rng = new Random(seed);
      this.nnz = nnz;
      cumulative = new double[vocab];
      double total = 0;
      for (int r = 0; r < vocab; r++) {
        total += 1.0 / (r + 1);
        cumulative[r] = total;
      }
      topicWords = new int[classes][200];
      for (int[] t : topicWords) {
        for (int i = 0; i < t.length; i++) {
          t[i] = rng.nextInt(vocab);
        }
      }
    }

    /** A document of class {@code k}: word index → count, in word order. */
    TreeMap<Integer, Integer> document(int k) {
      int target = Math.max(1, (int) Math.round(nnz + rng.nextGaussian() * nnz / 4.0));
      TreeMap<Integer, Integer> counts = new TreeMap<>();
      double total = cumulative[cumulative.length - 1];
      for (int tokens = 0; counts.size() < target && tokens < 20 * target; tokens++) {
        int w;
        if (rng.nextDouble() < 0.3) {
          w = topicWords[k][rng.nextInt(topicWords[k].length)];
        } else {
          int at = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
          w = Math.min(cumulative.length - 1, at < 0 ? -at - 1 : at);
        }
        counts.merge(w, 1, Integer::sum);
      }
      return counts;
    }

    int nextClass() {
      return rng.nextInt(topicWords.length);
    }
  }

  private static void generate(String[] a) throws IOException {
    String file = a[0];
    int docs = Integer.parseInt(a[1]);
    int vocab = Integer.parseInt(a[2]);
    int nnz = Integer.parseInt(a[3]);
    int classes = Integer.parseInt(a[4]);
    Topics topics = new Topics(vocab, nnz, classes, Long.parseLong(a[5]));
    try (BufferedWriter w = new BufferedWriter(new FileWriter(file), 1 << 20)) {
      w.write("% synthetic bag-of-words: SparseRouteBench generate " + String.join(" ", a)
          + "\n@relation bow-" + docs + "x" + vocab + "\n\n");
      for (int j = 0; j < vocab; j++) {
        w.write("@attribute w" + j + " numeric\n");
      }
      StringBuilder cls = new StringBuilder();
      for (int k = 0; k < classes; k++) {
        cls.append(k > 0 ? "," : "").append('c').append(k);
      }
      w.write("@attribute class {" + cls + "}\n\n@data\n");
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < docs; i++) {
        int k = topics.nextClass();
        line.setLength(0);
        line.append('{');
        topics.document(k).forEach((word, count) ->
            line.append(word).append(' ').append(count).append(','));
        line.append(vocab).append(" c").append(k).append("}\n");
        w.write(line.toString());
      }
    }
  }

  /** The same data set in memory, rows as {@code SparseInstance}s. */
  static Instances inMemory(int docs, int vocab, int nnz, int classes, long seed) {
    ArrayList<Attribute> atts = new ArrayList<>(vocab + 1);
    for (int j = 0; j < vocab; j++) {
      atts.add(new Attribute("w" + j));
    }
    List<String> values = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      values.add("c" + k);
    }
    atts.add(new Attribute("class", values));
    Instances d = new Instances("bow", atts, docs);
    d.setClassIndex(vocab);
    Topics topics = new Topics(vocab, nnz, classes, seed);
    for (int i = 0; i < docs; i++) {
      int k = topics.nextClass();
      TreeMap<Integer, Integer> doc = topics.document(k);
      int[] idx = new int[doc.size() + 1];
      double[] val = new double[doc.size() + 1];
      int p = 0;
      for (var e : doc.entrySet()) {
        idx[p] = e.getKey();
        val[p++] = e.getValue();
      }
      idx[p] = vocab;
      val[p] = k;
      d.add(new SparseInstance(1, val, idx, vocab + 1));
    }
    return d;
  }

  private static Instances dense(Instances d) {
    Instances out = new Instances(d, d.numInstances());
    for (Instance inst : d) {
      out.add(new DenseInstance(inst.weight(), inst.toDoubleArray()));
    }
    return out;
  }

  // ---- measurements ----

  private static void stream(String[] a) throws Exception {
    ArffLoader loader = new ArffLoader();
    loader.setFile(new File(a[0]));
    Instances header = loader.getStructure();
    header.setClassIndex(header.numAttributes() - 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Arrays.copyOfRange(a, 1, a.length));
    long t0 = System.nanoTime();
    m.buildClassifier(header);
    long rows = 0;
    for (Instance inst = loader.getNextInstance(header); inst != null;
        inst = loader.getNextInstance(header)) {
      m.updateClassifier(inst);
      rows++;
    }
    long t1 = System.nanoTime();
    m.batchFinished();
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "streamed %,d rows in %.1f s, stream end (reservoir epochs)"
        + " %.1f s; %s; heap used %,d MB%n", rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        m.getModelView().automaticSettings(), usedHeapMb());
  }

  private static void batch(String[] a) throws Exception {
    Instances d = new ArffLoader() {
      {
        setFile(new File(a[0]));
      }
    }.getDataSet();
    d.setClassIndex(d.numAttributes() - 1);
    BackpropMLP m = new BackpropMLP();
    m.setOptions(Arrays.copyOfRange(a, 1, a.length));
    long t0 = System.nanoTime();
    m.buildClassifier(d);
    long t1 = System.nanoTime();
    double[][] p = m.distributionsForInstances(d);
    long t2 = System.nanoTime();
    double accuracy = weka.classifiers.functions.TestData.percentCorrect(p, d);
    System.out.printf(Locale.ROOT, "batch: %,d rows x %,d attributes: build %.1f s, predict all"
        + " %.1f s, training accuracy %.2f %%; %s; heap used %,d MB%n", d.numInstances(),
        d.numAttributes(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, accuracy,
        m.getModelView().automaticSettings(), usedHeapMb());
  }

  private static long usedHeapMb() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  /** CPU seconds of this thread per timed epoch, after initialization and one warm-up epoch. */
  private static double secondsPerEpoch(BackpropMLP m, Instances d, int epochs)
      throws Exception {
    m.initializeClassifier(d);
    m.next();
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (int e = 0; e < epochs; e++) {
      m.next();
    }
    long t1 = THREADS.getCurrentThreadCpuTime();
    m.done();
    return (t1 - t0) / 1e9 / epochs;
  }

  private static BackpropMLP mlp(String... options) throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(options);
    return m;
  }

  private static void ratio(String[] a) throws Exception {
    int docs = a.length > 0 ? Integer.parseInt(a[0]) : 3000;
    int vocab = a.length > 1 ? Integer.parseInt(a[1]) : 5000;
    int nnz = a.length > 2 ? Integer.parseInt(a[2]) : 70;
    Instances sparse = inMemory(docs, vocab, nnz, 4, 1);
    Instances dense = dense(sparse);
    long cells = (long) docs * vocab;
    long stored = 0;
    for (Instance inst : sparse) {
      stored += inst.numValues() - 1;
    }
    String[] common = {"-threads", "1", "-l2", "0.001", "-epochs", "6", "-validation", "0"};
    double s = secondsPerEpoch(mlp(with(common, "-normalize", "AUTO")), sparse, 4);
    double dd = secondsPerEpoch(mlp(with(common, "-normalize", "STANDARDIZE")), dense, 4);
    System.out.printf(Locale.ROOT, "%,d x %,d, %.2f %% non-zero, BackpropMLP defaults with %s:"
        + " sparse route %.3f s/epoch, dense route %.3f s/epoch (CPU, one thread):"
        + " sparse/dense = %.3f%n", docs, vocab, 100.0 * stored / cells,
        String.join(" ", common), s, dd, s / dd);
  }

  private static void lazy(String[] a) throws Exception {
    int docs = a.length > 0 ? Integer.parseInt(a[0]) : 5000;
    int vocab = a.length > 1 ? Integer.parseInt(a[1]) : 20000;
    int nnz = a.length > 2 ? Integer.parseInt(a[2]) : 90;
    Instances d = inMemory(docs, vocab, nnz, 2, 7);
    weka.classifiers.functions.backpropmlp.InstanceEncoder enc =
        weka.classifiers.functions.backpropmlp.SparseEncoding.fit(d,
            weka.classifiers.functions.backpropmlp.Normalization.AUTO);
    weka.classifiers.functions.backpropmlp.TargetEncoder tgt =
        weka.classifiers.functions.backpropmlp.TargetEncoder.fit(d, 2);
    weka.classifiers.functions.backprop.train.Dataset data =
        weka.classifiers.functions.backpropmlp.DatasetEncoding.encode(d, enc, tgt, 2,
            weka.classifiers.functions.backpropmlp.ClassWeighting.NONE);
    for (boolean lazy : new boolean[] {false, true, false, true}) {
      weka.classifiers.functions.backprop.model.Network net =
          new weka.classifiers.functions.backprop.model.Network(enc.width(),
              weka.classifiers.functions.backprop.model.LayerSpec.parse("64",
                  weka.classifiers.functions.backprop.model.Activation.RELU), 2,
              new weka.classifiers.functions.backprop.model.OutputLayer(
                  weka.classifiers.functions.backprop.model.OutputActivation.SOFTMAX,
                  weka.classifiers.functions.backprop.model.Loss.CROSS_ENTROPY, 0));
      net.initialize(weka.classifiers.functions.backprop.model.Initializer.AUTO,
          weka.classifiers.functions.backprop.kernel.Seeds.stream(1,
              weka.classifiers.functions.backprop.kernel.Seeds.INIT));
      weka.classifiers.functions.backprop.train.Trainer t =
          new weka.classifiers.functions.backprop.train.Trainer(net,
              weka.classifiers.functions.backprop.train.TrainerConfig.builder().epochs(4)
                  .miniBatch(32).learningRate(0.003).dropout(0.3).l2(0.001)
                  .validationFraction(0.1).seed(1).threads(1).lazyFirstLayer(lazy).build(),
              data);
      t.runEpoch(); // warm-up
      long t0 = THREADS.getCurrentThreadCpuTime();
      while (t.runEpoch()) {
        // the timed epochs
      }
      double s = (THREADS.getCurrentThreadCpuTime() - t0) / 1e9 / 3;
      System.out.printf(Locale.ROOT, "%,d x %,d at %d non-zeros, %s first-layer update:"
          + " %.3f s/epoch (CPU, one thread), best holdout loss %.4f%n", docs, vocab, nnz,
          lazy ? "lazy" : "eager", s, t.bestValidationLoss());
    }
  }

  private static String[] with(String[] base, String... more) {
    String[] o = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, o, base.length, more.length);
    return o;
  }

  private static void row(boolean quick) throws Exception {
    int docs = quick ? 1000 : 5000;
    int vocab = 20000;
    Instances d = inMemory(docs, vocab, 90, 2, 7);
    int timed = quick ? 1 : 3;
    // BackpropMLP with its defaults, one thread, a fixed penalty (the choice among -l2
    // candidates trains other models first; its epochs cost what these do)
    double mlp = secondsPerEpoch(mlp("-threads", "1", "-l2", "0.001"), d, timed);
    SGD sgd = new SGD();
    sgd.setOptions(new String[] {"-E", "5"});
    sgd.buildClassifier(d); // warm-up
    long t0 = THREADS.getCurrentThreadCpuTime();
    sgd = new SGD();
    sgd.setOptions(new String[] {"-E", "5"});
    sgd.buildClassifier(d);
    double sgdEpoch = (THREADS.getCurrentThreadCpuTime() - t0) / 1e9 / 5;
    System.out.printf(Locale.ROOT, "sparse row: %,d x %,d bag-of-words, 90 non-zeros per row,"
        + " 2 classes: BackpropMLP %.3f s/epoch, Weka SGD %.4f s/epoch (-E 5, CPU of one"
        + " thread), ratio %.1f%n", docs, vocab, mlp, sgdEpoch, mlp / sgdEpoch);
  }
}
