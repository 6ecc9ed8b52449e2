package weka.classifiers.functions.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.converters.ArffSaver;

/**
 * Reads Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017: 60,000 training and 10,000 test images
 * of 28×28 grey pixels, 10 clothing classes) from its four gzip-compressed IDX files, as shipped
 * by Debian's {@code dataset-fashion-mnist}, into Weka {@link Instances}: 784 numeric attributes
 * {@code pixel0 … pixel783} scaled to [0, 1] and a nominal class of 10 values.
 *
 * <p>As a program it converts a split to ARFF:
 * {@code FashionMnist <data dir> train|t10k <out.arff> [rows]}.
 */
public final class FashionMnist {

  /** Class labels in index order (Fashion-MNIST's README), as ARFF-safe names. */
  public static final String[] CLASSES = {
    "tshirt_top", "trouser", "pullover", "dress", "coat",
    "sandal", "shirt", "sneaker", "bag", "ankle_boot"
  };

  /** Pixels per image. */
  public static final int PIXELS = 28 * 28;

  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  /** One split as raw bytes: {@code rows × 784} pixels (0..255) and one label (0..9) per row. */
  public static final class Split {
    /** Row-major pixels, unsigned bytes. */
    public final byte[] pixels;
    /** Class index per row. */
    public final byte[] labels;
    /** Number of rows. */
    public final int rows;

    Split(byte[] pixels, byte[] labels, int rows) {
      this.pixels = pixels;
      this.labels = labels;
      this.rows = rows;
    }
  }

  private FashionMnist() {}

  /**
   * Reads the first {@code limit} rows of a split.
   *
   * @param dir directory holding the IDX .gz files
   * @param split "train" or "t10k"
   * @param limit maximum rows to read (≤ 0 = all)
   * @return the rows
   * @throws IOException if a file is missing or malformed
   */
  public static Split read(Path dir, String split, int limit) throws IOException {
    Path images = dir.resolve(split + "-images-idx3-ubyte.gz");
    Path labels = dir.resolve(split + "-labels-idx1-ubyte.gz");
    byte[] px;
    byte[] lb;
    int n;
    try (DataInputStream in = open(images)) {
      check(in.readInt(), IMAGES_MAGIC, images);
      int count = in.readInt();
      int h = in.readInt();
      int w = in.readInt();
      if (h * w != PIXELS) {
        throw new IOException(images + ": images are " + h + "×" + w + ", expected 28×28");
      }
      n = limit > 0 ? Math.min(limit, count) : count;
      px = new byte[n * PIXELS];
      in.readFully(px);
    }
    try (DataInputStream in = open(labels)) {
      check(in.readInt(), LABELS_MAGIC, labels);
      int count = in.readInt();
      if (count < n) {
        throw new IOException(labels + " has " + count + " labels for " + n + " images");
      }
      lb = new byte[n];
      in.readFully(lb);
    }
    for (byte b : lb) {
      if (b < 0 || b >= CLASSES.length) {
        throw new IOException(labels + ": label " + b + " out of range");
      }
    }
    return new Split(px, lb, n);
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream raw = Files.newInputStream(p);
    return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
  }

  private static void check(int magic, int expected, Path p) throws IOException {
    if (magic != expected) {
      throw new IOException(p + ": not an IDX file of the expected kind (magic 0x"
          + Integer.toHexString(magic) + ")");
    }
  }

  /** The attribute list: {@code pixel0 … pixel783} numeric, then the nominal class. */
  public static ArrayList<Attribute> attributes() {
    ArrayList<Attribute> atts = new ArrayList<>(PIXELS + 1);
    for (int i = 0; i < PIXELS; i++) {
      atts.add(new Attribute("pixel" + i));
    }
    atts.add(new Attribute("class", new ArrayList<>(Arrays.asList(CLASSES))));
    return atts;
  }

  /**
   * Converts rows {@code [0, rows)} of a split to Weka instances, pixels scaled by 1/255.
   *
   * @param s the split
   * @param rows number of rows (≤ s.rows)
   * @param relation relation name
   * @return instances with the class as last attribute
   */
  public static Instances toInstances(Split s, int rows, String relation) {
    Instances data = new Instances(relation, attributes(), rows);
    data.setClassIndex(PIXELS);
    for (int r = 0; r < rows; r++) {
      double[] v = new double[PIXELS + 1];
      int o = r * PIXELS;
      for (int i = 0; i < PIXELS; i++) {
        v[i] = (s.pixels[o + i] & 0xff) / 255.0;
      }
      v[PIXELS] = s.labels[r];
      // Instances.add keeps a shallow copy that shares the value array
      data.add(new DenseInstance(1.0, v));
    }
    return data;
  }

  /**
   * Converts a split to ARFF.
   *
   * @param args data directory, split ("train" or "t10k"), output file, optional row limit
   * @throws Exception on I/O errors
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: FashionMnist <data dir> train|t10k <out.arff> [rows]");
      System.exit(2);
    }
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    Split s = read(Paths.get(args[0]), args[1], limit);
    ArffSaver saver = new ArffSaver();
    saver.setInstances(toInstances(s, s.rows, "fashion-mnist-" + args[1]));
    saver.setFile(Paths.get(args[2]).toFile());
    saver.writeBatch();
  }
}
