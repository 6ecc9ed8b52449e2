package weka.classifiers.functions.backprop.model;

/**
 * How much memory training a network takes, estimated from its sizes before anything is
 * allocated, so that a network that cannot fit is refused at once instead of failing with an
 * {@link OutOfMemoryError} after minutes. Numbers only: the caller compares them with its heap and
 * words a refusal in its own terms.
 *
 * <p>The estimate counts the arrays whose size grows with the network, each of {@code double}s
 * (8 bytes): five copies of the parameters (the parameters, their gradient, the best weights kept
 * for early stopping, and up to two optimizer moments, as Adam has), and four values per unit and
 * row of a mini-batch (pre-activation, activation, back-propagated delta, and room for a dropout
 * mask or the output targets) for every layer, input and output included. Objects of fixed size
 * and the encoded training data (which the caller holds already) are not counted.
 */
public final class MemoryEstimate {

  /** Copies of the parameter vector training holds: see the class comment. */
  public static final int PARAMETER_COPIES = 5;

  /** Values per unit and mini-batch row: see the class comment. */
  public static final int VALUES_PER_UNIT_AND_ROW = 4;

  private final long parameters;
  private final long bytes;
  private final long batchBytes;

  private MemoryEstimate(long parameters, long bytes, long batchBytes) {
    this.parameters = parameters;
    this.bytes = bytes;
    this.batchBytes = batchBytes;
  }

  /**
   * Estimates the memory to train a network of these sizes.
   *
   * @param inputs input features
   * @param layers hidden layers
   * @param outputs output units
   * @param batchRows rows of a mini-batch (counted as at least 1)
   * @return the estimate
   */
  public static MemoryEstimate forTraining(
      int inputs, LayerSpec layers, int outputs, int batchRows) {
    long params = Network.parameterCount(inputs, layers, outputs);
    long units = (long) inputs + outputs;
    for (int i = 0; i < layers.depth(); i++) {
      units += layers.width(i);
    }
    long batchBytes = batchBytes(units, batchRows);
    return new MemoryEstimate(params, params * Double.BYTES * PARAMETER_COPIES + batchBytes,
        batchBytes);
  }

  /**
   * Bytes one training run of an existing network takes: {@link #forTraining}'s figure.
   *
   * @param net the network
   * @param batchRows rows of a mini-batch (counted as at least 1)
   * @return bytes
   */
  public static long forRun(Network net, int batchRows) {
    long units = 0;
    for (int l = 0; l <= net.numLayers(); l++) {
      units += net.size(l);
    }
    return (long) net.numParameters() * Double.BYTES * PARAMETER_COPIES
        + batchBytes(units, batchRows);
  }

  private static long batchBytes(long units, int batchRows) {
    return (long) VALUES_PER_UNIT_AND_ROW * Double.BYTES * Math.max(1, batchRows) * units;
  }

  /**
   * @param copies further copies of the parameters that a run holds
   * @return this estimate with them counted
   */
  public MemoryEstimate withParameterCopies(int copies) {
    return new MemoryEstimate(parameters, bytes + copies * parameters * Double.BYTES,
        batchBytes);
  }

  /**
   * Bytes the training data take per row whatever the form of its inputs: the encoded targets,
   * the weight (doubles), the class label and the trainer's two row indices (ints: the shuffled
   * training order and the holdout split).
   *
   * @param outputs values per encoded target (output units)
   * @return bytes per row
   */
  public static long bytesPerRow(int outputs) {
    return (long) outputs * Double.BYTES + Double.BYTES + 3L * Integer.BYTES;
  }

  /**
   * Bytes of a dense, encoded copy of the inputs: {@code rows × inputs} doubles.
   *
   * @param rows data rows
   * @param inputs encoded columns per row
   * @return bytes
   */
  public static long denseCopyBytes(long rows, int inputs) {
    return rows * inputs * Double.BYTES;
  }

  /** @return the number of weights and biases of the network */
  public long parameters() {
    return parameters;
  }

  /** @return the estimated bytes training needs */
  public long bytes() {
    return bytes;
  }

  /** @return the part of {@link #bytes()} that grows with the mini-batch: its activations */
  public long batchBytes() {
    return batchBytes;
  }
}
