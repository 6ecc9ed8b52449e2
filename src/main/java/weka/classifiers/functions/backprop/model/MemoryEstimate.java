package weka.classifiers.functions.backprop.model;

/**
 * How much memory training a network takes, estimated from its sizes before anything is
 * allocated, so that a network that cannot fit is refused at once instead of failing with an
 * {@link OutOfMemoryError} after minutes. Numbers only: the caller compares them with its heap and
 * words a refusal in its own terms.
 *
 * <p>The estimate counts the arrays whose size grows with the network, each of {@code double}s
 * (8 bytes): five copies of the parameters (the parameters, their gradient, the best weights kept
 * for early stopping, and up to two optimizer moments, as Adam has), four values per unit and
 * row of a mini-batch (pre-activation, activation, back-propagated delta, and room for a dropout
 * mask or the output targets) for every hidden and output layer, one per input and row (the
 * dense input batch; none for a sparse one, whose non-zeros belong to the encoded data), and one
 * per row for each unit of a layer whose sums a cut leaves in two halves (the first hidden layer
 * under a dense input cut, {@link FirstLayerLayout#inputSplit}; the layer below a hidden-to-hidden
 * layer cut by units, {@link UnitHalves}), as {@link Workspace} allocates them. Objects of fixed
 * size and the encoded training data (which the caller holds already) are not counted.
 */
public final class MemoryEstimate {

  /** Copies of the parameter vector training holds: see the class comment. */
  public static final int PARAMETER_COPIES = 5;

  /** Values per hidden or output unit and mini-batch row: see the class comment. */
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
   * Estimates the memory to train a network of these sizes; for a sparse input batch when {@code
   * sparseInput}: its workspace then holds no dense input rows (the batch's non-zeros instead, a
   * share of the encoded data the caller counts). Why: the inputs had been counted four times
   * per row whether dense or sparse, 20 of the 23 MB a 20000-4-2 network was said to need with
   * 32-row batches (it held 8 MB), which refused runs that fit.
   *
   * @param inputs input features
   * @param layers hidden layers
   * @param outputs output units
   * @param batchRows rows of a mini-batch (counted as at least 1)
   * @param sparseInput whether the input batch is sparse
   * @return the estimate
   */
  public static MemoryEstimate forTraining(
      int inputs, LayerSpec layers, int outputs, int batchRows, boolean sparseInput) {
    long params = Network.parameterCount(inputs, layers, outputs);
    long units = outputs;
    long halves = 0;
    int depth = layers.depth();
    for (int i = 0; i < depth; i++) {
      units += layers.width(i);
      int above = i + 1 < depth ? layers.width(i + 1) : outputs;
      if (UnitHalves.cut(i + 1, depth + 1, layers.width(i), above) > 0) {
        halves += layers.width(i);
      }
    }
    if (!sparseInput && depth > 0 && FirstLayerLayout.splitPoint(inputs) > 0) {
      halves += layers.width(0);
    }
    long batchBytes = batchBytes((sparseInput ? 0 : inputs) + halves, units, batchRows);
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
    long halves = net.firstLayer().inputSplit() > 0 ? net.size(1) : 0;
    for (int l = 1; l <= net.numLayers(); l++) {
      units += net.size(l);
      if (UnitHalves.cut(net, l - 1) > 0) {
        halves += net.size(l - 1);
      }
    }
    return (long) net.numParameters() * Double.BYTES * PARAMETER_COPIES
        + batchBytes(net.size(0) + halves, units, batchRows);
  }

  /**
   * Bytes of a mini-batch's buffers: one value per {@code inputs} (the inputs and the units of
   * halved sums), four per other unit, per row.
   */
  private static long batchBytes(long inputs, long units, int batchRows) {
    return (long) Double.BYTES * Math.max(1, batchRows)
        * (inputs + VALUES_PER_UNIT_AND_ROW * units);
  }

  /**
   * Counts further copies of the parameters into this estimate (e.g. the last weights kept beside
   * the best ones), so the heap check sees all a run holds.
   *
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

  /**
   * The heap not in use: the maximum ({@code -Xmx}) minus what is allocated now. Garbage not yet
   * collected counts as in use, so this errs on the safe side.
   *
   * @return bytes
   */
  public static long freeHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * The number of parameters the estimate counted, each a double in memory.
   *
   * @return the number of weights and biases of the network
   */
  public long parameters() {
    return parameters;
  }

  /**
   * The heap training needs, in bytes, which a build compares with the available heap before it
   * allocates anything.
   *
   * @return the estimated bytes training needs
   */
  public long bytes() {
    return bytes;
  }

  /**
   * The bytes of the mini-batch's activations: the part of the estimate that a smaller mini-batch
   * shrinks.
   *
   * @return the part of {@link #bytes()} that grows with the mini-batch: its activations
   */
  public long batchBytes() {
    return batchBytes;
  }
}
