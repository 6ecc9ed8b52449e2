package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.classifiers.functions.backprop.train.WeightScale;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns Weka instances into the engine's {@link Dataset}: encoded inputs, encoded targets, the
 * instance weights (checked, and balanced by class when asked) and the class labels that
 * stratify the holdout. The inputs are an encoded copy or encoded per mini-batch from the
 * instances, whichever {@link InputCopy} chooses.
 */
public final class DatasetEncoding {

  private DatasetEncoding() {}

  /**
   * Encodes instances that all have a class value.
   *
   * @param rows the instances, none with a missing class (held by the dataset when its inputs
   *     are encoded per mini-batch: they must not change while it trains)
   * @param inputs their input encoder
   * @param target their target encoder
   * @param outputs output units of the network (values per encoded target)
   * @param weighting whether to balance the weights by class (nominal class only)
   * @return the engine's dataset
   * @throws IllegalArgumentException for a weight that is negative or not finite, or when all
   *     weights are zero
   */
  public static Dataset encode(Instances rows, InstanceEncoder inputs, TargetEncoder target,
      int outputs, ClassWeighting weighting) {
    int n = rows.numInstances();
    boolean nominal = rows.classAttribute().isNominal();
    // sparse route: the rows' non-zeros only (see SparseEncoding), never a dense copy
    SparseRows sparseX = inputs.isSparse() ? inputs.sparseRows().encodeAll(rows, 0, n) : null;
    double[] y = new double[n * outputs];
    double[] w = new double[n];
    int[] labels = nominal ? new int[n] : null;
    double total = 0;
    for (int i = 0; i < n; i++) {
      Instance inst = rows.instance(i);
      target.encode(inst.classValue(), y, i * outputs);
      w[i] = checkedWeight(inst, i + 1, false);
      total += w[i];
      if (labels != null) {
        labels[i] = (int) inst.classValue();
      }
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("BackpropMLP: all training instance weights are zero;"
          + " nothing to learn from (give some instances a positive weight). This build was given"
          + " " + n + " rows: under cross-validation or a percentage split, one fold's or split's"
          + " training rows, which need not hold any of the data's positive weights");
    }
    if (labels != null && weighting == ClassWeighting.BALANCED) {
      // the class totals W and W_c by an exact power of two first, so that they stay finite
      // (weights of 1e308) and W / W_c the same bits as from the raw weights (WeightScale)
      WeightScale.normalize(w);
      balance(w, labels, rows.numClasses());
    }
    if (sparseX != null) {
      return new Dataset(sparseX, y, outputs, w, labels);
    }
    if (InputCopy.fromProperty().eager(n, inputs.width(), HeapRoom.available())) {
      return new Dataset(inputs.encodeAll(rows), inputs.width(), y, outputs, w, labels);
    }
    return new Dataset(new InstanceRowSource(rows, inputs), y, outputs, w, labels);
  }

  /**
   * An instance's weight, refused unless finite and non-negative, naming its row: {@code
   * "instance 4"} of a data set, or {@code "streamed row 4"} row by row. The name is built only
   * when refused: the checks run over every row.
   *
   * @param inst the instance
   * @param row its 1-based position in the data set or the stream
   * @param streamed whether it came row by row
   * @return the weight
   * @throws IllegalArgumentException for a negative or non-finite weight
   */
  public static double checkedWeight(Instance inst, long row, boolean streamed) {
    double w = inst.weight();
    if (bad(w)) {
      throw new IllegalArgumentException("BackpropMLP: " + (streamed ? "streamed row " + row
          : "instance " + row) + " has weight " + w + "; weights must be finite and >= 0");
    }
    return w;
  }

  /** @return whether {@code w} is no weight: negative, NaN or infinite */
  private static boolean bad(double w) {
    return !(w >= 0) || Double.isInfinite(w);
  }

  /**
   * Multiplies weights so that every class present carries the same total weight: each weight
   * by {@code W / (K · W_c)}, with W the total weight, K the number of classes present and
   * W_c the total weight of the row's class (see {@link ClassWeighting#BALANCED}).
   *
   * @param w row weights, rescaled in place
   * @param labels class index of each row
   * @param classes number of class values
   */
  static void balance(double[] w, int[] labels, int classes) {
    double[] classWeight = new double[classes];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      classWeight[labels[i]] += w[i];
      total += w[i];
    }
    int present = 0;
    for (double cw : classWeight) {
      if (cw > 0) {
        present++;
      }
    }
    for (int i = 0; i < w.length; i++) {
      double cw = classWeight[labels[i]];
      w[i] = cw > 0 ? w[i] * total / (present * cw) : 0;
    }
  }
}
