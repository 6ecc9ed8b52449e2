package weka.classifiers.functions.backpropmlp;

import java.util.Locale;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.core.Instances;

/**
 * The memory check of the sparse route, run before the training data are encoded or the network
 * allocated: it counts the non-zeros the encoded rows will hold (12 bytes each: a column index and
 * a value) instead of rows × columns doubles, adds the per-row arrays and the network's training
 * footprint ({@link MemoryEstimate}), and refuses with the figures and the ways out when that
 * exceeds {@link NetworkFactory#HEAP_BUDGET} of the free heap.
 */
public final class SparseMemoryCheck {

  /** Bytes per stored non-zero: an int column index and a double value. */
  public static final int BYTES_PER_NON_ZERO = Integer.BYTES + Double.BYTES;

  private SparseMemoryCheck() {}

  /**
   * Refuses a sparse-route build that would not fit the heap free now.
   *
   * @param options the options (hidden layers, mini-batch)
   * @param enc the fitted sparse-route encoder
   * @param train the training data
   * @throws IllegalArgumentException when it would not fit, with the figures
   */
  public static void refuseBeyondHeap(BackpropMLPOptions options, InstanceEncoder enc,
      Instances train) {
    long nonZeros = enc.sparseRows().estimateNonZeros(train);
    HeapRoom.check(available -> refuse(options, enc.width(), train.numInstances(), nonZeros,
        train.numClasses(), available));
  }

  /**
   * The check on its figures (the free heap passed in, so tests can stand in for a small
   * {@code -Xmx}).
   *
   * @param options the options
   * @param inputs encoded input columns
   * @param rows training rows
   * @param nonZeros encoded non-zeros expected
   * @param outputs output units (at most)
   * @param available free heap in bytes
   * @throws IllegalArgumentException when it would not fit, with the figures
   */
  static void refuse(BackpropMLPOptions options, int inputs, int rows, long nonZeros,
      int outputs, long available) {
    long data = dataBytes(rows, nonZeros, outputs);
    LayerSpec layers = EngineConfig.layers(options, inputs);
    int batch = Math.max(1, Math.min(options.effectiveMiniBatch(rows), rows));
    long network =
        MemoryEstimate.forTraining(inputs, layers, Math.max(1, outputs), batch, true).bytes();
    if (data + network > NetworkFactory.HEAP_BUDGET * available) {
      // row by row keeps at most a reservoir of rows but still the network: advice only where
      // the network fits
      boolean rowByRowFits = network <= NetworkFactory.HEAP_BUDGET * available;
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "BackpropMLP: the sparse training data (%,d rows, %,d non-zeros among %,d columns)"
              + " need about %,d MB and the %s network about %,d MB for training, more"
              + " than %s; start Java with a larger -Xmx (e.g. -Xmx%dm)"
              + "%s use smaller %s layers%s", rows, nonZeros, inputs, NetworkFactory.mb(data),
          layers.between(inputs, outputs), NetworkFactory.mb(network),
          NetworkFactory.budget(available),
          NetworkFactory.suggestedXmxMb(available, data + network),
          rowByRowFits ? "," : " or", OptionChecks.name("hidden", "hiddenLayers"),
          rowByRowFits ? ", or train row by row (updateClassifier), which keeps at most -reservoir"
              + " rows" : ""));
    }
  }

  /**
   * Bytes of the encoded sparse training set: the non-zeros, the row starts, and per row its
   * targets, weight and label.
   *
   * @param rows rows
   * @param nonZeros non-zeros
   * @param outputs targets per row
   * @return the bytes
   */
  static long dataBytes(int rows, long nonZeros, int outputs) {
    return nonZeros * BYTES_PER_NON_ZERO
        + (long) rows * (Integer.BYTES + (long) outputs * Double.BYTES + Double.BYTES
            + Integer.BYTES);
  }
}
