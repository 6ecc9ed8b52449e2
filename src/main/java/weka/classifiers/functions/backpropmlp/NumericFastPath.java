package weka.classifiers.functions.backpropmlp;

import weka.core.Instance;

/**
 * {@link InstanceEncoder#encode} for a fitted encoder whose slots are all numeric attributes (the
 * common case of numeric data, and the whole of image data such as Fashion-MNIST's 784 pixels):
 * the same values, {@code v/s − c/s} with {@code c/s} computed once per slot, without the
 * encoder's per-slot dispatch on the attribute's kind. Built once per encoder on first use,
 * from tables that no longer change; not saved with the model.
 *
 * <p>Three loops, the plainest that applies: whole dense rows read at once ({@link
 * DenseRowCopy}) when every slot writes its own column, was seen in training and has no
 * missing-value indicator, and the inputs are one contiguous run of attributes; the same values
 * read one by one when they are not contiguous; else the general loop, which also writes
 * indicators. Either way a slot that never varied in training gets its training value.
 */
final class NumericFastPath {

  private final int[] attribute;
  private final int[] column;
  private final int[] indicator;
  private final boolean[] unseen;
  private final boolean[] constant;
  private final double[] scale;
  /** {@code center / scale} per slot. */
  private final double[] shift;
  /** {@code imputed[j][0]} per slot, flat. */
  private final double[] imputed;
  /**
   * Whether every slot has centre 0 and scale 1 (as with {@code -normalize NONE}): {@code v/1 −
   * 0} is {@code v} exactly, so the loops copy the value and skip a division per value.
   */
  private final boolean unscaled;
  /**
   * Whether slot {@code j} writes column {@code j}, was seen in training and has no
   * missing-value indicator, for every {@code j}: the loops then read only the value, its
   * scaling and its imputed value.
   */
  private final boolean direct;
  /** Whole-row reads when {@link #direct} and the inputs are contiguous, else null. */
  private final DenseRowCopy denseRows;
  /**
   * The slots that never varied in training, whose column the direct loops overwrite with the
   * imputed value afterwards: image data with always-blank border pixels keep the whole-row
   * read (a constant column had cost every row a third more time on the general loop).
   */
  private final int[] constantSlots;

  /**
   * @param attribute attribute index per slot
   * @param column encoded column per slot
   * @param indicator missing-value indicator column per slot, −1 for none
   * @param unseen whether a slot had no value in training (always encoded as missing)
   * @param constant whether a slot's present training values were all equal (every present
   *     value then encodes as the imputed value, which is that value's encoding)
   * @param center centre per slot
   * @param scale divisor per slot
   * @param imputed encoded value for a missing value, per slot
   */
  NumericFastPath(int[] attribute, int[] column, int[] indicator, boolean[] unseen,
      boolean[] constant, double[] center, double[] scale, double[] imputed) {
    int n = attribute.length;
    this.attribute = attribute;
    this.column = column;
    this.indicator = indicator;
    this.unseen = unseen;
    this.constant = constant;
    this.scale = scale;
    this.imputed = imputed;
    this.shift = new double[n];
    boolean plain = true;
    boolean flat = true;
    int constants = 0;
    for (int j = 0; j < n; j++) {
      shift[j] = center[j] / scale[j];
      plain &= center[j] == 0 && scale[j] == 1;
      flat &= column[j] == j && indicator[j] < 0 && !unseen[j];
      constants += constant[j] ? 1 : 0;
    }
    this.constantSlots = new int[constants];
    for (int j = 0, k = 0; j < n; j++) {
      if (constant[j]) {
        constantSlots[k++] = j;
      }
    }
    this.unscaled = plain;
    this.direct = flat;
    boolean run = flat && n > 0 && DenseRowCopy.available();
    for (int j = 1; j < n && run; j++) {
      run = attribute[j] == attribute[0] + j;
    }
    this.denseRows = run ? new DenseRowCopy(attribute[0], n) : null;
  }

  /**
   * Encodes one instance into {@code out[off ..]} as {@link InstanceEncoder#encode} does: a
   * missing, non-finite or never-seen value becomes the imputed value and sets the slot's
   * indicator; a present value of a slot that never varied in training becomes its training
   * value's encoding. With {@code checked} false, a whole dense row is copied without looking for
   * missing or infinite values ({@link DenseRowCopy#copy}), which then stay NaN or ±∞ instead of
   * becoming the imputed value ({@link InstanceEncoder#encodeUnchecked}).
   */
  void encode(Instance inst, double[] out, int off, boolean checked) {
    boolean plain = unscaled; // loop-invariant: C2 compiles the loop once per case
    if (direct) {
      boolean whole = denseRows != null && (checked
          ? denseRows.encode(inst, scale, shift, plain, out, off)
          : denseRows.copy(inst, scale, shift, plain, out, off));
      if (!whole) {
        // the same values as the general loop below, with fewer tables read per value
        for (int j = 0; j < attribute.length; j++) {
          double v = inst.value(attribute[j]);
          out[off + j] = !(Math.abs(v) <= Double.MAX_VALUE) ? imputed[j]
              : plain ? v : v / scale[j] - shift[j];
        }
      }
      for (int j : constantSlots) {
        out[off + j] = imputed[j];
      }
      return;
    }
    for (int j = 0; j < attribute.length; j++) {
      double v = inst.value(attribute[j]);
      // NaN or ±∞ in one comparison: encode's isNaN || isInfinite
      boolean missing = unseen[j] | !(Math.abs(v) <= Double.MAX_VALUE);
      out[off + column[j]] = missing | constant[j] ? imputed[j]
          : plain ? v : v / scale[j] - shift[j];
      if (indicator[j] >= 0) {
        out[off + indicator[j]] = missing ? 1 : 0;
      }
    }
  }
}
