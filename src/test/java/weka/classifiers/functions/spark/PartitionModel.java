package weka.classifiers.functions.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import weka.classifiers.Classifier;

/**
 * What one map task sends back to the driver: the partition it trained on, the model as Java
 * serialization bytes (so the driver's and the executors' class loaders never have to agree on
 * a class while Spark moves it), and how many rows it read in how long. The partition number,
 * not the order in which results arrive or which task attempt produced them, is what the reduce
 * orders by.
 */
public final class PartitionModel implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Partition (file) number. */
  public final int partition;

  /** Rows the task read. */
  public final long rows;

  /** Seconds the task spent reading and training. */
  public final double seconds;

  /** Which attempt of the task produced this (0 unless a failure made Spark re-run it). */
  public final int attempt;

  /** The Spark executor the task ran on ("driver" in process). */
  public final String executor;

  /** The trained model, serialized. */
  public final byte[] model;

  /**
   * @param partition partition number
   * @param rows rows read
   * @param seconds time taken
   * @param attempt Spark's attempt number of the task
   * @param executor the executor's id
   * @param model the serialized model
   */
  public PartitionModel(int partition, long rows, double seconds, int attempt, String executor,
      byte[] model) {
    this.partition = partition;
    this.executor = executor;
    this.rows = rows;
    this.seconds = seconds;
    this.attempt = attempt;
    this.model = model;
  }

  /**
   * Serializes a model.
   *
   * @param c the model
   * @return its Java serialization
   * @throws IOException if it cannot be serialized
   */
  public static byte[] bytes(Classifier c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
      oos.writeObject(c);
    }
    return out.toByteArray();
  }

  /**
   * Deserializes a model with the class loader that loaded this class: on an executor or under
   * spark-submit that is the loader holding the shipped jars (BackpropMLP's among them), which
   * the JVM's default resolution would not necessarily pick.
   *
   * @param bytes a serialization from {@link #bytes}
   * @return the model
   * @throws IOException if the bytes are not a classifier
   */
  public static Classifier classifier(byte[] bytes) throws IOException {
    ClassLoader loader = PartitionModel.class.getClassLoader();
    try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(bytes), loader)) {
      return (Classifier) in.readObject();
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException("not a serialized Weka classifier: " + e, e);
    }
  }

  /** An object stream resolving classes through a given class loader. */
  private static final class LoaderInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
