package weka.classifiers.functions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Loads the bundled ARFF sets of {@code test-data/} and builds small synthetic ones. */
public final class TestData {

  private TestData() {}

  /**
   * {@code object} written with Java serialization and read back, as Weka saves and loads a
   * model: what a saved model, a copy for cross-validation or a distributed job's model gets.
   *
   * @param object the object to write
   * @param <T> its type
   * @return the object read back
   * @throws IOException if writing or reading fails
   * @throws ClassNotFoundException if a class of the stream is missing
   */
  @SuppressWarnings("unchecked")
  public static <T extends Serializable> T roundTrip(T object)
      throws IOException, ClassNotFoundException {
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(serialized(object)))) {
      return (T) in.readObject();
    }
  }

  /**
   * {@code object} written with Java serialization, as Weka saves a model: its bytes, for a
   * round trip or to weigh what a saved model carries.
   *
   * @param object the object to write
   * @return its serialized bytes
   * @throws IOException if writing fails
   */
  public static byte[] serialized(Object object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads {@code test-data/<name>.arff} with the last attribute as class.
   *
   * @param name file name without extension, e.g. "iris"
   * @return the instances
   * @throws Exception if the file cannot be read
   */
  public static Instances load(String name) throws Exception {
    Instances data = DataSource.read("test-data/" + name + ".arff");
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /**
   * A model trained as Weka's command line trains an {@code UpdateableClassifier}: built on the
   * header, one update per row of {@code [from, to)}, then the stream's end.
   *
   * @param data the rows
   * @param from first row streamed, inclusive
   * @param to last row streamed, exclusive
   * @param options BackpropMLP's options
   * @return the model
   * @throws Exception if training fails
   */
  public static BackpropMLP streamed(Instances data, int from, int to, String... options)
      throws Exception {
    BackpropMLP m = new BackpropMLP();
    m.setOptions(options.clone());
    m.buildClassifier(new Instances(data, 0));
    for (int i = from; i < to; i++) {
      m.updateClassifier(data.instance(i));
    }
    m.batchFinished();
    return m;
  }

  /**
   * {@link #streamed(Instances, int, int, String...)} over all of {@code data}.
   *
   * @param data the rows
   * @param options BackpropMLP's options
   * @return the model
   * @throws Exception if training fails
   */
  public static BackpropMLP streamed(Instances data, String... options) throws Exception {
    return streamed(data, 0, data.numInstances(), options);
  }

  /**
   * Continues a model's training as Weka's Explorer does ("Continue iterating"):
   * {@code initializeClassifier}, every epoch, {@code done}. With {@code -resume} set it goes on
   * from the current weights; a build ({@code buildClassifier}) would start afresh.
   *
   * @param m the model
   * @param data the rows
   * @throws Exception if training fails
   */
  public static void continueTraining(BackpropMLP m, Instances data) throws Exception {
    m.initializeClassifier(data);
    while (m.next()) {
      // one epoch per call
    }
    m.done();
  }

  /**
   * The XOR problem: two numeric inputs in {0, 1}, nominal class "x1 xor x2", each of the four
   * patterns repeated {@code copies} times.
   *
   * @param copies repetitions of each pattern
   * @return the instances
   */
  public static Instances xor(int copies) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x1"));
    atts.add(new Attribute("x2"));
    ArrayList<String> values = new ArrayList<>();
    values.add("false");
    values.add("true");
    atts.add(new Attribute("xor", values));
    Instances data = new Instances("xor", atts, 4 * copies);
    data.setClassIndex(2);
    for (int c = 0; c < copies; c++) {
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          data.add(new DenseInstance(1.0, new double[] {a, b, a ^ b}));
        }
      }
    }
    return data;
  }

  /**
   * An empty set of {@code columns} numeric attributes named {@code prefix0, prefix1, …} and a
   * two-valued class ("a", "b") last, class index set: the header of the synthetic two-class sets
   * the tests build row by row.
   *
   * @param relation the relation's name
   * @param prefix the attributes' name prefix
   * @param columns numeric attributes
   * @param capacity rows to make room for
   * @return the empty instances
   */
  public static Instances numericTwoClass(String relation, String prefix, int columns,
      int capacity) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < columns; a++) {
      atts.add(new Attribute(prefix + a));
    }
    atts.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances data = new Instances(relation, atts, capacity);
    data.setClassIndex(columns);
    return data;
  }

  /**
   * Percentage of rows whose most probable class is the actual one.
   *
   * @param dist class distributions, one per row of {@code data}
   * @param data the rows, nominal class set
   * @return accuracy in percent
   */
  public static double percentCorrect(double[][] dist, Instances data) {
    int hits = 0;
    for (int i = 0; i < dist.length; i++) {
      int best = 0;
      for (int k = 1; k < dist[i].length; k++) {
        best = dist[i][k] > dist[i][best] ? k : best;
      }
      hits += best == (int) data.instance(i).classValue() ? 1 : 0;
    }
    return 100.0 * hits / dist.length;
  }
}
