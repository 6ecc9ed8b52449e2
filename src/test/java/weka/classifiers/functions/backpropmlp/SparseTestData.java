package weka.classifiers.functions.backpropmlp;

import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * The sparse test set {@code src/test/resources/sparse/bow-small.arff} (200 documents, 1,200 word
 * counts, a three-valued nominal "source", a numeric "length" with missing values, three classes;
 * built by {@code bench/datasets/bow2arff.py}) and variants of it.
 */
public final class SparseTestData {

  private SparseTestData() {}

  /** @return the set, class last, rows as {@code SparseInstance}s */
  public static Instances bow() throws Exception {
    Instances d = DataSource.read("src/test/resources/sparse/bow-small.arff");
    d.setClassIndex(d.numAttributes() - 1);
    return d;
  }

  /**
   * The encoder a stream of {@code d}'s rows ends its pass with (two hidden units, one epoch):
   * what it chose for its route from its first rows.
   *
   * @param d a data set
   * @param norm the normalization
   * @return the stream's encoder after its rows and a flush
   */
  static InstanceEncoder streamed(Instances d, Normalization norm) throws Exception {
    weka.classifiers.functions.BackpropMLP o = new weka.classifiers.functions.BackpropMLP();
    o.setHiddenLayers("2");
    o.setMaxEpochs(1);
    o.setNormalization(norm);
    StreamingSession s = new StreamingSession(o, StreamingSession.untrainedModel(o, d));
    for (Instance row : d) {
      s.add(row);
    }
    s.flush();
    return s.model().encoder();
  }

  /**
   * @param d a data set
   * @return the same rows as {@link DenseInstance}s
   */
  static Instances dense(Instances d) {
    Instances out = new Instances(d, d.numInstances());
    for (Instance inst : d) {
      out.add(new DenseInstance(inst.weight(), inst.toDoubleArray()));
    }
    return out;
  }

  /**
   * The first {@code words} word columns, "source" and the class (no missing values): narrow
   * enough that the route follows the row type, sparse rows sparse, dense rows dense.
   *
   * @param words word columns to keep
   * @return the narrow set, rows still sparse
   */
  static Instances narrow(int words) throws Exception {
    Instances d = bow();
    Remove r = new Remove();
    r.setAttributeIndices("1-" + words + "," + (d.numAttributes() - 2) + ","
        + d.numAttributes());
    r.setInvertSelection(true);
    r.setInputFormat(d);
    Instances out = Filter.useFilter(d, r);
    out.setClassIndex(out.numAttributes() - 1);
    return out;
  }

  /**
   * An identifier beside numbers: a nominal "id" of {@code values} values, a numeric "year"
   * (2000-2020, every tenth value missing), a numeric "rare" (mostly zero), and a two-valued class
   * that follows the year and the identifier's parity. Rows are {@code SparseInstance}s when
   * {@code sparse}, so that data too narrow to count as wide still take the sparse route.
   *
   * @param rows rows
   * @param values values of the identifier
   * @param sparse whether the rows are stored sparse
   * @return the set, class last
   */
  static Instances identifier(int rows, int values, boolean sparse) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int v = 0; v < values; v++) {
      ids.add("id" + v);
    }
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    atts.add(new weka.core.Attribute("id", ids));
    atts.add(new weka.core.Attribute("year"));
    atts.add(new weka.core.Attribute("rare"));
    atts.add(new weka.core.Attribute("class", java.util.Arrays.asList("a", "b")));
    Instances d = new Instances("identifier", atts, rows);
    d.setClassIndex(3);
    for (int i = 0; i < rows; i++) {
      int id = (i * 7919) % values;
      double year = i % 10 == 3 ? weka.core.Utils.missingValue() : 2000 + (i * 13) % 21;
      double rare = i % 6 == 0 ? 1 + i % 4 : 0;
      double cls = ((i * 13) % 21 > 10) ^ (id % 2 == 0) ? 1 : 0;
      double[] v = {id, year, rare, cls};
      d.add(sparse ? new weka.core.SparseInstance(1, v) : new DenseInstance(1, v));
    }
    return d;
  }
}
