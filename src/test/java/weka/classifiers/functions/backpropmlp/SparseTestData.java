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
}
