package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.train.DenseRowSource;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The training instances as the engine's {@link DenseRowSource}: each row is encoded by the
 * {@link InstanceEncoder} when a mini-batch draws it, straight into the trainer's input batch,
 * so training holds no encoded copy of the data set beside Weka's own {@link Instances}.
 *
 * <p>The values are those of {@link InstanceEncoder#encode}, bit for bit, so the model equals
 * the one trained on {@link InstanceEncoder#encodeAll}'s matrix. When every attribute is
 * numeric, a column plan (attribute, column, scale, centre over scale, imputed value
 * and indicator column per slot) is computed once, and each row is encoded by one flat loop
 * over primitive arrays; other data go through {@link InstanceEncoder#encode} per row. Neither
 * allocates, and concurrent calls are safe: nothing here changes after construction.
 */
public final class InstanceRowSource implements DenseRowSource {

  private final Instances data;
  private final InstanceEncoder encoder;
  private final int width;
  /** Column plan for all-numeric data, else null: per slot, see the class comment. */
  private final int[] attribute;
  private final int[] column;
  private final int[] indicator;
  private final boolean[] unseen;
  private final double[] scale;
  /** Centre divided by scale, as {@link InstanceEncoder} computes {@code v/s − c/s}. */
  private final double[] shift;
  private final double[] imputed;

  /**
   * Rows of {@code data}, encoded by {@code encoder} on demand.
   *
   * @param data the training instances (held, not copied; they must not change while training)
   * @param encoder the encoder fitted on them
   */
  public InstanceRowSource(Instances data, InstanceEncoder encoder) {
    this.data = data;
    this.encoder = encoder;
    this.width = encoder.width();
    int slots = encoder.slots();
    boolean numeric = true;
    for (int j = 0; j < slots; j++) {
      numeric &= encoder.isNumeric(j);
    }
    if (!numeric) {
      attribute = column = indicator = null;
      unseen = null;
      scale = shift = imputed = null;
      return;
    }
    attribute = new int[slots];
    column = new int[slots];
    indicator = new int[slots];
    unseen = new boolean[slots];
    scale = new double[slots];
    shift = new double[slots];
    imputed = new double[slots];
    for (int j = 0; j < slots; j++) {
      attribute[j] = encoder.attributeOf(j);
      column[j] = encoder.columnOf(j);
      indicator[j] = encoder.indicatorOf(j);
      unseen[j] = encoder.isUnseen(j);
      scale[j] = encoder.scale(j);
      shift[j] = encoder.center(j) / encoder.scale(j);
      imputed[j] = encoder.imputedNumeric(j);
    }
  }

  /** @return whether rows are encoded by the flat column plan (all attributes numeric) */
  public boolean usesColumnPlan() {
    return attribute != null;
  }

  @Override
  public int rows() {
    return data.numInstances();
  }

  @Override
  public int columns() {
    return width;
  }

  @Override
  public void fill(int[] rows, int from, int count, double[] out) {
    for (int k = 0; k < count; k++) {
      Instance inst = data.instance(rows[from + k]);
      if (attribute == null) {
        encoder.encode(inst, out, k * width);
      } else {
        encodeNumeric(inst, out, k * width);
      }
    }
  }

  /** {@link InstanceEncoder#encode} for all-numeric data, by the column plan. */
  private void encodeNumeric(Instance inst, double[] out, int off) {
    for (int j = 0; j < attribute.length; j++) {
      double v = inst.value(attribute[j]);
      // NaN or ±∞ in one comparison: the encoder's isNaN || isInfinite
      boolean missing = unseen[j] | !(Math.abs(v) <= Double.MAX_VALUE);
      out[off + column[j]] = missing ? imputed[j] : v / scale[j] - shift[j];
      if (indicator[j] >= 0) {
        out[off + indicator[j]] = missing ? 1 : 0;
      }
    }
  }
}
