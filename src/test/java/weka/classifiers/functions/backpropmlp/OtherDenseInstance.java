package weka.classifiers.functions.backpropmlp;

import weka.core.DenseInstance;

/**
 * A dense instance that is not exactly a {@code DenseInstance}: {@link DenseRowCopy} declines it,
 * so the encoder reads it value by value, checking every value, the reference its whole-row
 * reads are tested against.
 */
final class OtherDenseInstance extends DenseInstance {
  private static final long serialVersionUID = 1L;

  /** @param values the attribute values, weight 1 */
  OtherDenseInstance(double[] values) {
    super(1, values);
  }

  /** @return a copy of this class, so that copies made by Weka stay off the whole-row reads */
  @Override
  public Object copy() {
    return new OtherDenseInstance(toDoubleArray());
  }
}
