package weka.classifiers.functions.backpropmlp;

import weka.core.Attribute;
import weka.core.Instances;

/**
 * A model's checks of the rows it is given against its training header: rows to train on must
 * match it exactly, rows to predict in the inputs and the class's position, type and the indices
 * of its labels ({@link FittedModel#checkHeader}, {@link FittedModel#checkPredictionHeader}). The
 * last data set found fit is remembered, so that a batch of rows from one {@code Instances} is
 * compared attribute by attribute once, not per row (wide data have thousands of attributes).
 */
final class HeaderCheck {

  private final Instances header;
  /** The last data set whose header matched. */
  private volatile CheckedHeader last;

  /** @param header the training header */
  HeaderCheck(Instances header) {
    this.header = header;
  }

  /**
   * Refuses {@code data}'s header if it does not fit: exactly ({@code classLabels}), or for
   * prediction.
   *
   * @param data the data set of the instances, or null for an instance without one
   * @param numAttributes the instances' number of attributes (checked when {@code data} is
   *     null)
   * @param classLabels whether the class's labels must match too (rows to train on)
   * @throws IllegalArgumentException naming the difference
   */
  void check(Instances data, int numAttributes, boolean classLabels) {
    if (data == null) {
      if (numAttributes != header.numAttributes()) {
        throw new IllegalArgumentException(
            "BackpropMLP: the instance has " + numAttributes + " attributes, the training data"
                + " had " + header.numAttributes());
      }
      return;
    }
    CheckedHeader seen = last;
    if (seen != null && seen.covers(data, classLabels)) {
      return;
    }
    String msg = shapeMsg(data);
    if (msg == null) {
      msg = classLabels ? header.equalHeadersMsg(data) : predictionHeaderMsg(data);
    }
    if (msg != null) {
      throw new IllegalArgumentException("BackpropMLP: the data to "
          + (classLabels ? "train on" : "predict") + " does not match the training header: " + msg);
    }
    last = new CheckedHeader(data, classLabels);
  }

  /**
   * A different number of attributes or class position, in words with 1-based positions (as
   * {@code -c} counts): Weka's own messages ("Class index differ: 5 != 1") are terse, and ours had
   * counted from 0 and put the data's value first where Weka puts the model's.
   */
  private String shapeMsg(Instances data) {
    if (data.numAttributes() != header.numAttributes()) {
      return "it has " + data.numAttributes() + " attributes, the training data had "
          + header.numAttributes();
    }
    if (data.classIndex() != header.classIndex()) {
      return (data.classIndex() < 0 ? "its class attribute is not set"
          : "its class is attribute " + position(data, data.classIndex()))
          + ", the training data's was attribute " + position(header, header.classIndex());
    }
    return null;
  }

  /** Attribute {@code i} of {@code d} as "5 ('class')", or "none" for a negative index. */
  private static String position(Instances d, int i) {
    return i < 0 ? "none" : (i + 1) + " ('" + d.attribute(i).name() + "')";
  }

  /** What else makes {@code data}'s header unfit for prediction, or null if nothing does. */
  private String predictionHeaderMsg(Instances data) {
    for (int i = 0; i < header.numAttributes(); i++) {
      Attribute mine = header.attribute(i);
      Attribute theirs = data.attribute(i);
      if (i != header.classIndex()) {
        String msg = mine.equalsMsg(theirs);
        if (msg != null) {
          return "Attributes differ at position " + (i + 1) + ":\n" + msg;
        }
      } else if (mine.type() != theirs.type() || mine.numValues() != theirs.numValues()) {
        return "the class attribute differs in its type or number of values: "
            + Attribute.typeToString(theirs) + " with " + theirs.numValues() + " values against "
            + Attribute.typeToString(mine) + " with " + mine.numValues();
      } else if (mine.isNominal()) {
        // renamed labels are fine, moved ones are not: a label at another index would have its
        // probability reported under the wrong name
        for (int k = 0; k < mine.numValues(); k++) {
          int there = theirs.indexOfValue(mine.value(k));
          if (there >= 0 && there != k) {
            return "the class label '" + mine.value(k) + "' is value " + (there + 1)
                + " of the data's class attribute but value " + (k + 1) + " of the training one";
          }
        }
      }
    }
    return null;
  }

  /**
   * A header found fit, with what could change on the same object afterwards and the check it
   * passed: a later call with the same {@code Instances} skips the attribute-by-attribute
   * comparison (wide data have thousands of attributes) unless its attribute count or class
   * index has changed since.
   */
  private static final class CheckedHeader {
    final Instances data;
    final int numAttributes;
    final int classIndex;
    final boolean classLabels;

    CheckedHeader(Instances data, boolean classLabels) {
      this.data = data;
      this.numAttributes = data.numAttributes();
      this.classIndex = data.classIndex();
      this.classLabels = classLabels;
    }

    /** Whether this check answers for {@code d}: the same object, unchanged, as strict. */
    boolean covers(Instances d, boolean strict) {
      return d == data && d.numAttributes() == numAttributes && d.classIndex() == classIndex
          && (classLabels || !strict);
    }
  }
}
