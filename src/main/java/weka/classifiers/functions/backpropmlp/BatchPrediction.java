package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.kernel.Kernels;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.ByUnitPrediction;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Predictions of a {@link FittedModel}: one instance at a time, or a whole set encoded in blocks
 * of rows that run through the network as matrix products, the blocks shared among threads.
 * Every block is computed the same way whichever thread takes it, so the result does not depend
 * on the number of threads.
 */
public final class BatchPrediction {

  /** Rows per block when Weka's {@code -batch-size} is not a number. */
  static final int DEFAULT_BLOCK = 100;

  /**
   * Fewest rows per block of dense rows, whatever Weka's {@code -batch-size} says: the rows the
   * pure-Java kernel's transposed route runs its vectorized loop along ({@link
   * Kernels#FULL_ROW_BLOCK}). A 784-64-10 prediction ran 1.2× faster in blocks of 256 rows than
   * in Weka's default 100 (bench/README.md, "Prediction blocks computed transposed"); the Vector
   * API route is as fast either way, and sparse rows, whose first layer does not use that route,
   * were 3 % slower in blocks of 256. Only as many rows as {@link #DENSE_BLOCK_BYTES} of inputs
   * hold are raised to it.
   */
  static final int MIN_DENSE_BLOCK = Kernels.FULL_ROW_BLOCK;

  /**
   * Bytes of encoded inputs up to which a dense block is raised to {@link #MIN_DENSE_BLOCK} rows
   * (a thread's block holds its inputs and each layer's outputs): 784 inputs take the 256 rows
   * (1.6 MB), while a dense route forced onto 50,000 word columns ({@code -normalize
   * STANDARDIZE}) keeps {@code -batch-size}'s rows instead of 100 MB per thread.
   */
  static final long DENSE_BLOCK_BYTES = 4L << 20;

  /**
   * Bytes of one dense Weka instance besides its values: the {@code DenseInstance} object, its
   * value array's header and the reference in the {@code Instances} list (64-bit JVM, compressed
   * references).
   */
  static final long INSTANCE_OVERHEAD = 48;

  private BatchPrediction() {}

  /**
   * Whether Weka's {@code Evaluation} may predict a data set of the training set's size in one
   * batch without running out of heap. For a {@code BatchPredictor} that declares batch
   * prediction more efficient, Weka 3.8.6's {@code Evaluation.evaluateModel(Classifier,
   * String[])} loads the whole training file (for the training error) or test file with {@code
   * DataSource.getDataSet}, where it otherwise streams it instance by instance, and {@code
   * evaluateModel(Classifier, Instances, ...)} then makes {@code new Instances(data)} and calls
   * {@code setClassMissing()} on each copy, which makes each {@code DenseInstance} copy its
   * values ({@code freshAttributeVector}): two full copies of the set. For Fashion-MNIST's
   * 60,000 × 785 values that is 2 × 380 MB, more than the whole of a heap in which training
   * fits once the rows are encoded per mini-batch ({@link InputCopy}).
   *
   * @param model the trained model
   * @param available free heap in bytes
   * @return whether two copies of a set the size of the training set fit {@link
   *     NetworkFactory#HEAP_BUDGET} of the free heap
   */
  public static boolean evaluationCopiesFit(FittedModel model, long available) {
    long rows = Math.max(Math.max(model.stepRows(), model.streamedRows()),
        (long) model.trainingRows() + model.validationRows());
    long perRow = (long) model.header().numAttributes() * Double.BYTES + INSTANCE_OVERHEAD;
    return 2 * rows * perRow <= NetworkFactory.HEAP_BUDGET * available;
  }

  /**
   * The class distribution (or the one-element numeric prediction) of one instance.
   *
   * @param model the model
   * @param instance an instance with the training header
   * @return the prediction
   * @throws Exception if the fallback model fails
   */
  public static double[] distribution(FittedModel model, Instance instance) throws Exception {
    if (model.isFallback()) {
      return model.fallback().distributionForInstance(instance);
    }
    if (model.untrainedNetwork()) {
      double[] dist = new double[classes(model)];
      model.target().untrainedPrediction(dist);
      return dist;
    }
    Network net = model.network();
    double[] out;
    if (model.encoder().isSparse()) { // the instance's non-zeros only, never a dense row
      out = model.sparseRowScratch().predict(net, model.encoder().sparseRows(), instance);
    } else {
      out = new double[net.outputs()];
      Workspace ws = model.rowWorkspace();
      double[] x = ws.activations(0);
      double[] o = out;
      model.encoder().encode(instance, x, 0);
      ExtremeInputs.predict(() -> net.predict(x, 1, ws, o), o, o.length, x,
          model.encoder().width());
    }
    double[] dist = new double[classes(model)];
    model.target().decode(out, 0, dist);
    return dist;
  }

  /**
   * The predictions of a whole set, computed in blocks of {@code blockRows} rows on up to
   * {@code threads} threads.
   *
   * @param model the model
   * @param insts instances with the training header
   * @param blockRows rows per block at most (see {@link #blockRows(FittedModel, String)})
   * @param threads threads to use at most
   * @return one prediction per instance, in order
   * @throws Exception if the fallback model fails
   */
  public static double[][] distributions(FittedModel model, Instances insts, int blockRows,
      int threads) throws Exception {
    if (model.isFallback()) {
      return model.fallback().distributionsForInstances(insts);
    }
    int n = insts.numInstances();
    if (model.untrainedNetwork()) {
      double[][] result = new double[n][classes(model)];
      for (double[] dist : result) {
        model.target().untrainedPrediction(dist);
      }
      return result;
    }
    // as few blocks as blockRows allows, evened out to a multiple of 8 rows, a 512-bit vector
    // (300 rows: 152 and 148, not 256 and 44)
    int most = Math.max(1, Math.min(blockRows, rowsThatFit(model)));
    int blocks = (n + most - 1) / most;
    int even = blocks == 0 ? 1 : (n + blocks - 1) / blocks;
    int block = Math.min(most, (even + 7) & ~7);
    blocks = (n + block - 1) / block;
    double[][] result = new double[n][];
    int t = Math.min(threads, Math.min(blocks, threadsThatFit(model, block)));
    // one copy of the weights by input, shared by the threads (read only), when some thread's
    // chunk has 2+ blocks: a copy per thread and call had run 8 threads out of a heap in which
    // 1 thread predicted; none where dense blocks keep their activations by unit, which read
    // the weights as stored
    boolean byUnit = !model.encoder().isSparse() && ByUnitPrediction.takes(model.network(), block);
    double[][] weightsT = blocks > Math.max(1, t) && !byUnit
        ? model.network().transposedWeights() : null;
    WorkerPool.RangeTask task =
        (from, to) -> predictBlocks(model, insts, from, to, block, weightsT, result);
    if (t <= 1) {
      task.run(0, blocks);
    } else {
      try (WorkerPool pool = new WorkerPool(t)) {
        pool.run(task, blocks, 1);
      }
    }
    return result;
  }

  /**
   * At most as many threads as the machine has processors (more only take memory: each has its
   * own workspace of a block's activations) and as half the free heap holds workspaces for:
   * {@code -threads 8} had run out of a heap in which 1 thread predicted. The predictions are
   * the same for any number.
   */
  static int threadsThatFit(FittedModel model, int block) {
    long perThread = Math.max(1, block * workspaceBytesPerRow(model));
    long fit = Math.max(1, HeapRoom.available() / 2 / perThread);
    return (int) Math.min(WorkerPool.processors(), fit);
  }

  /**
   * Rows per block that half the free heap holds one block's workspace for, at least one. Why:
   * a model with a hidden layer of 100,000 units trains in {@code -Xmx256m} in mini-batches of
   * 32 rows, but its prediction had run out of memory in a block of 152 rows (243 MB of
   * activations) whatever Weka's {@code -batch-size} said. A smaller block gives each row the
   * same sums.
   */
  static int rowsThatFit(FittedModel model) {
    return rowsThatFit(workspaceBytesPerRow(model), HeapRoom.available());
  }

  /**
   * @param bytesPerRow bytes of a block's workspace per row
   * @param available bytes of free heap
   * @return rows whose workspace half of {@code available} holds, at least 1
   */
  static int rowsThatFit(long bytesPerRow, long available) {
    long fit = available / 2 / Math.max(1, bytesPerRow);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fit));
  }

  /**
   * Bytes of a block's workspace per row: the dense rows' encoded inputs, and each layer's sums
   * and activations.
   */
  private static long workspaceBytesPerRow(FittedModel model) {
    Network net = model.network();
    long columns = model.encoder().isSparse() ? 0 : net.size(0);
    for (int l = 1; l <= net.numLayers(); l++) {
      columns += 2L * net.size(l); // a layer's sums and activations
    }
    return Math.max(1, columns * Double.BYTES);
  }

  /**
   * Rows per block for {@code model}: Weka's {@code -batch-size} ({@link #blockRows(String)}),
   * which Weka documents as a preference, but for dense rows at least {@link #MIN_DENSE_BLOCK},
   * or as many as {@link #DENSE_BLOCK_BYTES} of inputs hold if that is fewer.
   *
   * @param model the model
   * @param batchSize the option's text
   * @return rows per block
   */
  public static int blockRows(FittedModel model, String batchSize) {
    int rows = blockRows(batchSize);
    if (model.isFallback() || model.encoder().isSparse()) {
      return rows;
    }
    long rowBytes = (long) Math.max(1, model.encoder().width()) * Double.BYTES;
    return (int) Math.max(rows, Math.min(MIN_DENSE_BLOCK, DENSE_BLOCK_BYTES / rowBytes));
  }

  /**
   * Rows per block from Weka's {@code -batch-size} text.
   *
   * @param batchSize the option's text
   * @return its value, at least 1, or {@value #DEFAULT_BLOCK} if it is not a number
   */
  public static int blockRows(String batchSize) {
    try {
      return Math.max(1, Integer.parseInt(batchSize.trim()));
    } catch (NumberFormatException e) {
      return DEFAULT_BLOCK;
    }
  }

  /**
   * Predicts blocks {@code [from, to)} of {@code block} rows each into {@code result}, through
   * {@code transposed} (the first layer's weights by input) when it has two or more blocks.
   */
  private static void predictBlocks(FittedModel model, Instances insts, int from, int to,
      int block, double[][] transposed, double[][] result) {
    int n = insts.numInstances();
    Network net = model.network();
    InstanceEncoder encoder = model.encoder();
    int width = encoder.width();
    int outputs = net.outputs();
    boolean sparse = encoder.isSparse();
    // dense: one workspace for all blocks, kept between calls (BlockWorkspaces); rows are encoded
    // straight into its input batch and the outputs read from its last layer, so nothing is
    // copied or allocated per block but results
    Workspace ws = sparse ? null : BlockWorkspaces.take(net, block);
    double[] x = sparse ? null : ws.activations(0);
    double[] out = sparse ? new double[block * outputs] : ws.activations(net.numLayers());
    int classes = classes(model);
    // worth it for 2+ blocks (for sparse rows, the first layer's weights by input: see
    // SparseKernels.multiplyByInput)
    double[][] weightsT = to - from > 1 ? transposed : null;
    // dense rows are copied unchecked until a block meets a missing or infinite input, checked
    // from then on: a block with such a row is computed twice (see forwardUnchecked)
    boolean unchecked = !sparse;
    for (int b = from; b < to; b++) {
      int start = b * block;
      int rows = Math.min(block, n - start);
      if (sparse) { // the block's non-zeros only, through the sparse first layer
        SparseRows xs = encoder.sparseRows().encodeAll(insts, start, start + rows);
        ExtremeInputs.predict(
            () -> net.predict(xs, new Workspace(net, rows, false, xs.nonZeros()), out, weightsT),
            out, rows, outputs, xs.values(), xs.rowStart(), 0);
      } else if (!unchecked || !forwardUnchecked(encoder, insts, start, net, ws, rows, weightsT)) {
        unchecked = false;
        for (int r = 0; r < rows; r++) {
          encoder.encode(insts.instance(start + r), x, r * width);
        }
        ExtremeInputs.predictDense(() -> forward(net, ws, rows, weightsT), out, rows, outputs, x,
            width);
      }
      for (int r = 0; r < rows; r++) {
        double[] dist = new double[classes];
        model.target().decode(out, r * outputs, dist);
        result[start + r] = dist;
      }
    }
    if (ws != null) {
      BlockWorkspaces.giveBack(ws);
    }
  }

  /**
   * A dense block encoded with {@link InstanceEncoder#encodeUnchecked} and its forward pass, when
   * every row's inputs turn out finite: a NaN or ±∞ input makes all of its row's first-layer
   * pre-activations non-finite, so the first unit's value a row is checked after the pass. The
   * outputs must be finite too (else {@link ExtremeInputs} bounds the inputs and runs it again).
   * For such rows the encoder's copy is the checked encoding's every bit, and each row's outputs
   * depend on its inputs alone, so the predictions are those of the checked path.
   *
   * @return whether the block's outputs are complete; false: the caller encodes the block
   *     checked and predicts it again
   */
  private static boolean forwardUnchecked(InstanceEncoder encoder, Instances insts, int start,
      Network net, Workspace ws, int rows, double[][] weightsT) {
    double[] x = ws.activations(0);
    int width = encoder.width();
    for (int r = 0; r < rows; r++) {
      encoder.encodeUnchecked(insts.instance(start + r), x, r * width);
    }
    boolean byUnit = forward(net, ws, rows, weightsT);
    double[] z = ws.preActivations(0);
    int stride = byUnit ? 1 : net.size(1);
    for (int r = 0, at = 0; r < rows; r++, at += stride) {
      if (!(Math.abs(z[at]) <= Double.MAX_VALUE)) {
        return false;
      }
    }
    return ExtremeInputs.finite(ws.activations(net.numLayers()), 0, rows * net.outputs());
  }

  /**
   * A dense block's forward pass: with the hidden activations by unit where the kernel route
   * computes the block's layers transposed ({@link ByUnitPrediction}), else through the
   * transposed weights when there are some. The same bits either way.
   *
   * @return whether the hidden layers' values are by unit (else by row)
   */
  private static boolean forward(Network net, Workspace ws, int rows, double[][] weightsT) {
    if (ByUnitPrediction.takes(net, rows)) {
      ByUnitPrediction.forward(net, ws, rows);
      return true;
    } else if (weightsT != null) {
      net.forwardWithTransposed(ws, 0, rows, weightsT);
    } else {
      net.forward(ws, 0, rows);
    }
    return false;
  }

  /** @return values per prediction: the class values of a nominal class, else 1 */
  private static int classes(FittedModel model) {
    return model.nominalClass() ? model.header().numClasses() : 1;
  }
}
