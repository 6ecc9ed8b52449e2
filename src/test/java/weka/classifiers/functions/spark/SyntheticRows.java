package weka.classifiers.functions.spark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Deterministic synthetic rows for the cluster demo, written as CSV text files, one file per
 * partition ({@code part-00000.csv}, ...) plus {@code holdout.csv}: every attribute is a standard
 * normal value rounded to 3 decimals, and the class is what a fixed random <em>teacher</em>
 * network (100 → 16 tanh units → 1) says, flipped with probability {@value #FLIP}. The teacher is
 * the best possible classifier of these rows, so accuracy has a known ceiling of about
 * {@code 1 - FLIP} = 88 % (measured on the holdout and printed). Rows depend only on the seed and
 * the partition number, so a file written twice is byte-identical. Generated data belongs in a
 * scratch directory, never in git.
 *
 * <p>Usage: {@code SyntheticRows <dir> <rows> <attributes> <partitions> [holdoutRows]}.
 */
public final class SyntheticRows {

  /** Probability that a row's class is the teacher's flipped: the label noise. */
  public static final double FLIP = 0.12;

  /** Hidden units of the teacher network. */
  private static final int TEACHER_HIDDEN = 16;

  /** Seed of the teacher's weights; the rows use their own seeds. */
  private static final long TEACHER_SEED = 20261203L;

  /** Seed of the holdout rows, far from the partitions' seeds. */
  private static final long HOLDOUT_SEED = 987654321L;

  private final int attributes;
  private final double[][] w1;
  private final double[] b1;
  private final double[] w2;

  /**
   * The teacher for rows of {@code attributes} inputs.
   *
   * @param attributes number of numeric inputs (at least 1)
   */
  public SyntheticRows(int attributes) {
    if (attributes < 1) {
      throw new IllegalArgumentException("attributes must be at least 1, got " + attributes);
    }
    this.attributes = attributes;
    Random r = new Random(TEACHER_SEED);
    w1 = new double[TEACHER_HIDDEN][attributes];
    b1 = new double[TEACHER_HIDDEN];
    w2 = new double[TEACHER_HIDDEN];
    // scale 2/sqrt(n): pre-activations of standard deviation 2, so the tanh units are non-linear
    double scale = 2 / Math.sqrt(attributes);
    for (int h = 0; h < TEACHER_HIDDEN; h++) {
      for (int j = 0; j < attributes; j++) {
        w1[h][j] = r.nextGaussian() * scale;
      }
      b1[h] = r.nextGaussian() * 0.5;
      w2[h] = r.nextGaussian();
    }
  }

  /**
   * The header of the rows: {@code x0 .. x(n-1)} numeric, class {@code {neg,pos}} last.
   *
   * @param attributes number of numeric inputs
   * @return an empty data set with the class index set
   */
  public static Instances header(int attributes) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int j = 0; j < attributes; j++) {
      atts.add(new Attribute("x" + j));
    }
    ArrayList<String> labels = new ArrayList<>();
    labels.add("neg");
    labels.add("pos");
    atts.add(new Attribute("class", labels));
    Instances h = new Instances("synthetic-teacher", atts, 0);
    h.setClassIndex(attributes);
    return h;
  }

  /**
   * The teacher's noise-free class of a row.
   *
   * @param x the inputs
   * @return 1 for "pos", 0 for "neg"
   */
  public int teacher(double[] x) {
    double out = 0;
    for (int h = 0; h < TEACHER_HIDDEN; h++) {
      double z = b1[h];
      double[] w = w1[h];
      for (int j = 0; j < attributes; j++) {
        z += w[j] * x[j];
      }
      out += w2[h] * Math.tanh(z);
    }
    return out > 0 ? 1 : 0;
  }

  /**
   * Writes {@code rows} rows split into {@code partitions} files (sizes differ by at most one)
   * and a holdout file, generating the partitions on all cores.
   *
   * @param dir the directory (created if missing)
   * @param rows total training rows
   * @param partitions number of part files
   * @param holdoutRows rows of {@code holdout.csv}
   * @throws IOException if a file cannot be written
   */
  public void write(Path dir, long rows, int partitions, int holdoutRows) throws IOException {
    if (partitions < 1 || rows < partitions) {
      throw new IllegalArgumentException(
          "need at least one row per partition: rows " + rows + ", partitions " + partitions);
    }
    Files.createDirectories(dir);
    try {
      IntStream.range(0, partitions).parallel().forEach(p -> {
        long size = rows / partitions + (p < rows % partitions ? 1 : 0);
        writeFile(dir.resolve(partFile(p)), size, partitionSeed(p));
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writeFile(dir.resolve("holdout.csv"), holdoutRows, HOLDOUT_SEED);
  }

  /**
   * @param p partition number
   * @return the file name of partition {@code p}
   */
  public static String partFile(int p) {
    return String.format(Locale.ROOT, "part-%05d.csv", p);
  }

  private static long partitionSeed(int p) {
    return 1_000_003L * (p + 1);
  }

  private void writeFile(Path file, long rows, long seed) {
    Random r = new Random(seed);
    double[] x = new double[attributes];
    StringBuilder line = new StringBuilder(attributes * 8 + 8);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (long i = 0; i < rows; i++) {
        line.setLength(0);
        for (int j = 0; j < attributes; j++) {
          long milli = Math.round(r.nextGaussian() * 1000);
          x[j] = milli / 1000.0; // the value the file holds, as parseDouble reads it back
          appendMilli(line, milli);
          line.append(',');
        }
        int label = teacher(x);
        if (r.nextDouble() < FLIP) {
          label = 1 - label;
        }
        line.append(label == 1 ? "pos" : "neg").append('\n');
        w.append(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Appends {@code milli / 1000} with exactly 3 decimals, without String.format's cost. */
  private static void appendMilli(StringBuilder sb, long milli) {
    if (milli < 0) {
      sb.append('-');
      milli = -milli;
    }
    sb.append(milli / 1000).append('.');
    long frac = milli % 1000;
    if (frac < 100) {
      sb.append('0');
    }
    if (frac < 10) {
      sb.append('0');
    }
    sb.append(frac);
  }

  /**
   * Parses one CSV row of this format into an instance of {@code header} (numeric values by
   * {@link Double#parseDouble}, so the same text gives the same bits on every machine).
   *
   * @param line the text row
   * @param header the header the row belongs to
   * @return the instance, its data set set to {@code header}
   * @throws IllegalArgumentException naming the row if it has the wrong number of fields or an
   *     unknown class
   */
  public static Instance parse(String line, Instances header) {
    int n = header.numAttributes();
    double[] values = new double[n];
    int start = 0;
    for (int j = 0; j < n - 1; j++) {
      int comma = line.indexOf(',', start);
      if (comma < 0) {
        throw new IllegalArgumentException("row has " + (j + 1) + " fields, expected " + n
            + ": " + abbreviate(line));
      }
      values[j] = Double.parseDouble(line.substring(start, comma));
      start = comma + 1;
    }
    int label = header.classAttribute().indexOfValue(line.substring(start));
    if (label < 0) {
      throw new IllegalArgumentException("unknown class '" + line.substring(start) + "' in row: "
          + abbreviate(line));
    }
    values[n - 1] = label;
    Instance inst = new DenseInstance(1.0, values);
    inst.setDataset(header);
    return inst;
  }

  /**
   * Reads a whole file into memory (for the holdout and the batch baseline only).
   *
   * @param file a file written by this class
   * @param header its header
   * @param maxRows read at most this many rows
   * @return the rows
   * @throws IOException if the file cannot be read
   */
  public static Instances read(Path file, Instances header, long maxRows) throws IOException {
    Instances data = new Instances(header, 0);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String line;
      while (data.numInstances() < maxRows && (line = in.readLine()) != null) {
        data.add(parse(line, header));
      }
    }
    return data;
  }

  /**
   * Fraction of rows whose class is the teacher's own prediction: the accuracy ceiling.
   *
   * @param data rows of this generator
   * @return accuracy of the teacher, in percent
   */
  public double teacherAccuracy(Instances data) {
    double[] x = new double[attributes];
    int right = 0;
    for (Instance inst : data) {
      for (int j = 0; j < attributes; j++) {
        x[j] = inst.value(j);
      }
      if (teacher(x) == (int) inst.classValue()) {
        right++;
      }
    }
    return 100.0 * right / data.numInstances();
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }

  /**
   * Writes the files.
   *
   * @param args {@code <dir> <rows> <attributes> <partitions> [holdoutRows]}
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      throw new IllegalArgumentException(
          "usage: SyntheticRows <dir> <rows> <attributes> <partitions> [holdoutRows]");
    }
    Path dir = Paths.get(args[0]);
    long rows = Long.parseLong(args[1]);
    int attributes = Integer.parseInt(args[2]);
    int partitions = Integer.parseInt(args[3]);
    int holdout = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
    SyntheticRows gen = new SyntheticRows(attributes);
    long start = System.nanoTime();
    gen.write(dir, rows, partitions, holdout);
    Instances test = read(dir.resolve("holdout.csv"), header(attributes), Long.MAX_VALUE);
    long bytes = 0;
    for (int p = 0; p < partitions; p++) {
      bytes += Files.size(dir.resolve(partFile(p)));
    }
    System.out.printf(Locale.ROOT, "wrote %,d rows x %d attributes in %d partitions (%,d bytes)"
        + " + %,d holdout rows to %s in %.1f s; teacher (ceiling) holdout accuracy %.2f %%%n",
        rows, attributes, partitions, bytes, holdout, dir, (System.nanoTime() - start) / 1e9,
        gen.teacherAccuracy(test));
  }
}
