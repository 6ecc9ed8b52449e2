package weka.classifiers.functions.backprop.model;

/**
 * What {@link BatchPass#run} computes over its index range: the phases of a forward or backward
 * pass that a {@link weka.classifiers.functions.backprop.kernel.WorkerPool} splits over its
 * threads ({@code layer} and {@code halfBlocks} are the pass's current weight layer and blocks per
 * input half).
 */
enum PassPhase {
  /** Weight layer {@code layer} for a range of rows, all columns, output transform included. */
  FORWARD_ROWS,
  /** Weight layer {@code layer} for a range of columns of every row (no output transform). */
  FORWARD_COLUMNS,
  /** Loss and output-layer deltas for a range of rows. */
  OUTPUT_DELTAS,
  /** Weight and bias gradient of layer {@code layer} for a range of its output units. */
  GRADIENT,
  /** Deltas of layer {@code layer} propagated one layer down, for a range of rows. */
  PROPAGATE_ROWS,
  /** The same for a range of the lower layer's columns of every row. */
  PROPAGATE_COLUMNS,
  /**
   * The deltas propagated through a cut layer ({@link UnitHalves}) by unit halves: index k is
   * half {@code k / halfBlocks}'s partial sums for row block {@code k % halfBlocks}, all columns.
   */
  PROPAGATE_HALVES,
  /**
   * The first layer's forward product by input halves ({@link FirstLayerLayout#inputSplit}):
   * index k is half {@code k / halfBlocks}, column block {@code k % halfBlocks}, over all rows.
   */
  FORWARD_HALVES,
  /**
   * The first layer's weight gradient by input halves, weights in two blocks: index k is half
   * {@code k / halfBlocks}, block {@code k % halfBlocks} of the units.
   */
  GRADIENT_HALVES,
  /**
   * The first layer's weight gradient, stored by input, for a range of the batch's present
   * columns ({@link SparseColumns}); its bias gradient follows on the caller.
   */
  GRADIENT_BY_COLUMNS
}
