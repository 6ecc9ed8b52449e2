package weka.classifiers.functions.backpropmlp;

import java.util.Locale;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.OutputLayer;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.core.Instances;

/**
 * Builds the network the options describe for a training header, refusing one that would not
 * fit the heap before allocating it.
 */
public final class NetworkFactory {

  /** Fraction of the free heap a new network and its training buffers may claim. */
  public static final double HEAP_BUDGET = 0.8;

  private NetworkFactory() {}

  /**
   * Builds the network for {@code inputs} encoded columns and the class of {@code header}: output
   * transform and units from the loss, hidden layers from {@code -hidden}, refused before
   * allocation if it would not fit the heap (see {@link MemoryEstimate}). Its initial weights
   * depend only on the seed and the architecture, so that every build (and every partition of a
   * distributed job) starts from the same point.
   *
   * @param options the options
   * @param inputs encoded input columns
   * @param header the training header, with its class
   * @param rows training rows (bound the mini-batch buffers in the memory estimate); {@link
   *     AutoSettings#UNKNOWN_ROWS} row by row
   * @return the initialized network
   * @throws IllegalArgumentException if the loss does not suit the class or the network would
   *     not fit the heap, in the options' words
   */
  public static Network create(BackpropMLPOptions options, int inputs, Instances header, int rows) {
    return create(options, inputs, inputs, false, header, rows);
  }

  /**
   * {@link #create(BackpropMLPOptions, int, Instances, int)} with the automatic width taken from
   * {@code automaticInputs} instead of the network's inputs (see {@link
   * InstanceEncoder#automaticInputs()}).
   *
   * @param options the options
   * @param inputs encoded input columns
   * @param automaticInputs the input count the automatic width follows
   * @param sparseInput whether the network trains on sparse rows (for the memory check)
   * @param header the training header, with its class
   * @param rows training rows, or {@link AutoSettings#UNKNOWN_ROWS} row by row
   * @return the initialized network
   */
  public static Network create(BackpropMLPOptions options, int inputs, int automaticInputs,
      boolean sparseInput, Instances header, int rows) {
    boolean nominal = header.classAttribute().isNominal();
    Loss loss = options.getLoss().resolve(nominal);
    OutputLayer out = new OutputLayer(
        LossChoice.outputFor(loss, nominal), loss, options.getLabelSmoothing());
    LayerSpec layers = EngineConfig.layers(options, automaticInputs);
    int outputs = LossChoice.outputsFor(loss, header.numClasses(), nominal);
    checkFits(options, inputs, layers, outputs, sparseInput, rows, 0);
    Network net;
    try {
      net = new Network(inputs, layers, outputs, out);
    } catch (IllegalArgumentException e) {
      throw EngineErrors.hiddenLayers(e);
    }
    net.initialize(options.getInitializer(), Seeds.stream(options.getSeed(), Seeds.INIT));
    return net;
  }

  /**
   * The memory check of {@link #create(BackpropMLPOptions, int, int, boolean, Instances, int)}
   * alone: refuses, with the figures and the ways out, the training of such a network that would
   * not fit the heap free now ({@link #refuseBeyondHeap}).
   *
   * @param options the options
   * @param inputs encoded input columns
   * @param automaticInputs the input count the automatic width follows
   * @param sparseInput whether the network trains on sparse rows
   * @param header the training header, with its class
   * @param rows training rows, or {@link AutoSettings#UNKNOWN_ROWS} row by row
   * @param heldCopies copies of the parameters to be held beside it that are not allocated yet
   * @throws IllegalArgumentException if it would not fit
   */
  public static void checkFits(BackpropMLPOptions options, int inputs, int automaticInputs,
      boolean sparseInput, Instances header, int rows, int heldCopies) {
    boolean nominal = header.classAttribute().isNominal();
    Loss loss = options.getLoss().resolve(nominal);
    checkFits(options, inputs, EngineConfig.layers(options, automaticInputs),
        LossChoice.outputsFor(loss, header.numClasses(), nominal), sparseInput, rows, heldCopies);
  }

  /** The memory check on the network's shape, as {@link #create} and the public check run it. */
  private static void checkFits(BackpropMLPOptions options, int inputs, LayerSpec layers,
      int outputs, boolean sparseInput, int rows, int heldCopies) {
    int batch = options.effectiveMiniBatch(rows);
    // -resume with a holdout keeps the last epoch's weights beside the best ones (Trainer.finish)
    int copies = heldCopies + (options.getResume() && options.getValidationPercent() > 0 ? 1 : 0);
    HeapRoom.check(available -> refuseBeyondHeap(inputs, layers, outputs,
        rows < 0 ? batch : Math.min(batch, rows), Math.max(0, rows), copies, sparseInput,
        available));
  }

  /**
   * Refuses a network whose parameters, optimizer state and training buffers, with the
   * per-row arrays of {@code rows} training rows ({@link MemoryEstimate#bytesPerRow}; the inputs
   * can always be encoded per mini-batch, see {@link InputCopy}), would need more than {@link
   * #HEAP_BUDGET} of the {@code available} heap, with the figures and the ways out. It counts
   * {@code extraCopies} more copies of the parameters (one when a resumable run with a holdout
   * keeps the last epoch's weights beside the best epoch's), and no dense input rows when {@code
   * sparseInput} ({@link MemoryEstimate#forTraining}).
   */
  static void refuseBeyondHeap(int inputs, LayerSpec layers, int outputs, int batch, int rows,
      int extraCopies, boolean sparseInput, long available) {
    MemoryEstimate estimate =
        MemoryEstimate.forTraining(inputs, layers, outputs, batch, sparseInput);
    MemoryEstimate need = estimate.withParameterCopies(extraCopies);
    long data = rows * MemoryEstimate.bytesPerRow(outputs);
    double allowed = HEAP_BUDGET * available;
    if (need.bytes() + data > allowed) {
      // row by row holds at most a reservoir of rows but still the network: advice only where
      // the data tip it over
      boolean rowByRowFits = rows > 0 && need.bytes() <= allowed;
      // a smaller mini-batch is named only where one fits: -mini-batch 1 had been advised for
      // a network whose weights alone were too many, and refused in turn. The batch's buffers
      // grow in proportion to its rows (MemoryEstimate.forTraining), the rest does not
      long perRow = need.batchBytes() / Math.max(1, batch);
      long fittingBatch = (long) Math.max(0,
          (allowed - (need.bytes() - need.batchBytes()) - data) / perRow);
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "BackpropMLP: the network %s has %,d parameters and needs about %,d MB for"
              + " training%s, more than %s; %s%s start Java with a"
              + " larger -Xmx (e.g. -Xmx%dm)%s",
          layers.between(inputs, outputs), need.parameters(), mb(need.bytes() + data),
          rows > 0 ? String.format(Locale.ROOT, " (%,d MB for the network, %,d MB for the"
              + " targets and weights of %,d rows)", mb(need.bytes()), mb(data), rows) : "",
          budget(available),
          fittingBatch > 0 && fittingBatch < batch
              ? String.format(Locale.ROOT, "use a %s of at most %,d rows (not %,d)",
                  OptionChecks.name("mini-batch", "miniBatchSize"), fittingBatch, batch)
              : "use smaller " + OptionChecks.name("hidden", "hiddenLayers") + " layers",
          rowByRowFits ? "," : " or",
          suggestedXmxMb(available, need.bytes() + data),
          rowByRowFits ? ", or train row by row (updateClassifier, which holds at most -reservoir"
              + " rows)" : ""));
    }
  }

  /**
   * What a memory check allows itself, for its refusal: "the 40 MB it may take (80 % of the 50
   * MB of heap available)". Why: "needs about 45 MB, but only 50 MB are available" had read as
   * a contradiction.
   *
   * @param available free heap in bytes
   * @return the words
   */
  static String budget(long available) {
    return budget(available, HEAP_BUDGET);
  }

  /**
   * {@link #budget(long)} for a check that allows itself another share of the free heap.
   *
   * @param available free heap in bytes
   * @param share the share the check may take
   * @return the words
   */
  static String budget(long available, double share) {
    return String.format(Locale.ROOT, "the %,d MB it may take (%d %% of the %,d MB of heap"
        + " available)", (long) (share * available) >> 20, Math.round(share * 100),
        available >> 20);
  }

  /**
   * An {@code -Xmx} for a refusal's advice, in MB: the heap in use besides the free part, the
   * need within {@link #HEAP_BUDGET}, and a margin of 64 MB.
   *
   * @param available free heap in bytes
   * @param need bytes the refused build needs
   * @return the suggestion
   */
  static long suggestedXmxMb(long available, long need) {
    return mb(HeapRoom.max() - available + (long) Math.ceil(need / HEAP_BUDGET)) + 64;
  }

  /** Bytes in whole megabytes, rounded up. */
  static long mb(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
