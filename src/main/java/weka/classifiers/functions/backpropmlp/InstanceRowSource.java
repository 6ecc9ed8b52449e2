package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.train.DenseRowSource;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The training instances as the engine's {@link DenseRowSource}: each row is encoded by the
 * {@link InstanceEncoder} when a mini-batch draws it, straight into the trainer's input batch,
 * so training holds no encoded copy of the data set beside Weka's own {@link Instances}.
 *
 * <p>The values are those of {@link InstanceEncoder#encode} (which has its own flat loop for
 * all-numeric data), so the model equals the one trained on {@link InstanceEncoder#encodeAll}'s
 * matrix bit for bit. Nothing is allocated per row, and concurrent calls are safe: nothing here
 * changes after construction.
 */
public final class InstanceRowSource implements DenseRowSource {

  private static final long serialVersionUID = 1L;

  private final Instances data;
  private final InstanceEncoder encoder;
  private final int width;

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
  }

  /**
   * Whether rows go through the encoder's flat all-numeric loop rather than its per-slot
   * dispatch.
   *
   * @return {@link InstanceEncoder#hasNumericFastPath()}
   */
  public boolean usesColumnPlan() {
    return encoder.hasNumericFastPath();
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
  public void fill(int[] rows, int from, int count, double[] out, int outRow) {
    for (int k = 0; k < count; k++) {
      Instance inst = data.instance(rows[from + k]);
      encoder.encode(inst, out, (outRow + k) * width);
    }
  }
}
