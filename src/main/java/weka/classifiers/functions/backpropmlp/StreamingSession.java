package weka.classifiers.functions.backpropmlp;

import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.classifiers.functions.backprop.train.InterruptedBeforeStepException;
import weka.classifiers.functions.backprop.train.PenaltySelection;
import weka.classifiers.functions.backprop.train.StreamingTrainer;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Row-by-row training of one model and the averaging of models trained on partitions: what
 * Weka's {@code UpdateableClassifier}, {@code UpdateableBatchProcessor} and {@code Aggregateable}
 * ask of the classifier. Rows fill a mini-batch buffer (one optimizer step per full buffer), and
 * a bounded uniform sample of them, the reservoir, is trained on for further epochs when the
 * stream ends. Nothing here is saved with the model.
 */
public final class StreamingSession {

  /** Offset of the reservoir's random stream from the shuffling stream of the same seed. */
  private static final int RESERVOIR_STREAM = Seeds.SHUFFLE + 100;
  /**
   * Rows a wide stream holds before it chooses its route from them. Why 32: enough to tell a
   * mostly non-zero number (more than a quarter of the rows) from a word or a rare count, few
   * enough that a stream tested row by row (the KnowledgeFlow) waits for a mini-batch's worth
   * of rows, which the text route's first step waits for anyway. Held rows are not observed at
   * all (their class statistics neither: observed early, they had scaled the first rows' numeric
   * class differently and changed the model), so until then the model predicts as untrained;
   * the memory checks of the stream's trainer come when the rows are released.
   */
  static final int ROUTE_ROWS = 32;

  private final BackpropMLPOptions options;
  private final FittedModel model;
  /** Rows of the models aggregated so far, added to the model's count at the finalization. */
  private long pendingRows;
  /** Whether one of them had taken a step, so that the average is a trained network. */
  private boolean pendingTrained;
  private StreamingTrainer streamer;
  /**
   * The first rows of a wide stream, held until {@value #ROUTE_ROWS} of them (or the first
   * flush) choose its route ({@link #release}), or while its trainer is refused; null otherwise.
   */
  private Instances held;
  private double[] rowX;
  private double[] rowY;
  /** The streamed row's non-zeros on the sparse route. */
  private RowNonZeros rowNonZeros;
  /** Uniform sample of the streamed rows (Vitter's algorithm R), trained on at the end. */
  private Instances reservoir;
  private RandomGenerator reservoirRng;
  private long reservoirSeen;
  /** Rows this session streamed into the model (a copy or an average had others before). */
  private long rowsHere;
  /** Whether a row of positive weight has been streamed here ({@link #learntNothing}). */
  private boolean positiveRow;
  /** How the reservoir keeps its rows, and its size in memory, checked as it grows. */
  private ReservoirMemory reservoirMemory;
  /** The average being formed by {@link #aggregate}; null outside an aggregation. */
  private ModelAverager averager;

  /**
   * @param options the options in force (read when the stream starts and when it ends)
   * @param model the model trained in place
   */
  StreamingSession(BackpropMLPOptions options, FittedModel model) {
    this.options = options;
    this.model = model;
  }

  /** @return the model this session trains */
  FittedModel model() {
    return model;
  }

  /**
   * An untrained model for row-by-row training, from the header alone. The initial weights
   * depend only on the seed and the header, so that every partition of a distributed job starts
   * from the same point (averaging networks that started apart does not work).
   *
   * @param options the options
   * @param data the header (no rows)
   * @return the model
   * @throws IllegalArgumentException if the loss does not suit the class, or the header has no
   *     input attribute
   */
  public static FittedModel untrainedModel(BackpropMLPOptions options, Instances data) {
    Instances head = new Instances(data, 0);
    options.getLoss().resolve(head.classAttribute().isNominal()); // refuse a bad loss first
    InstanceEncoder enc = InstanceEncoder.forStream(head, options.getNormalization());
    if (enc.width() == 0) {
      // a batch build predicts the class distribution instead (a ZeroR); a stream could only
      // count classes, which an update of ZeroR's model cannot do: refused with the way out
      throw new IllegalArgumentException("BackpropMLP: the header has no input attribute besides"
          + " the class, so there is nothing to learn row by row; a batch build"
          + " (-force-batch-training on the command line) predicts the class distribution");
    }
    Network net = NetworkFactory.create(options, enc.width(), enc.automaticInputs(),
        enc.isSparse(), head, AutoSettings.UNKNOWN_ROWS);
    return FittedModel.stream(head, enc, TargetEncoder.forStream(head, net.outputs()), net,
        options.fixedL2());
  }

  /**
   * Checks a row before training on it; a refused row leaves the model as it was.
   *
   * @param instance the row, with the training header
   * @return false for a row without a class value (skipped), true for a row to train on
   * @throws IllegalArgumentException for a bad weight, an infinite input value or a non-finite
   *     numeric class value
   */
  public boolean accepts(Instance instance) {
    if (instance.classIsMissing()) {
      return false;
    }
    long row = model.streamedRows() + model.unlabelledRows() + heldRows() + 1;
    DatasetEncoding.checkedWeight(instance, row, true);
    DataChecks.refuseInfiniteInputs(instance, row);
    if (!model.target().isNominal() && !Double.isFinite(instance.classValue())) {
      // the batch build's words (TargetEncoder), with the row counted as the input check counts it
      throw new IllegalArgumentException("BackpropMLP: the numeric class '"
          + instance.classAttribute().name() + "' is infinite (" + instance.classValue()
          + ") in streamed row " + row + "; remove or fix that instance");
    }
    return true;
  }

  /**
   * Trains on one {@link #accepts accepted} row: it updates the running input and class
   * statistics, joins the mini-batch buffer (a full buffer makes one step at the base learning
   * rate) and may enter the reservoir. An interrupted thread is refused before anything changes:
   * the row is not taken, and once the interrupt is cleared, passing it again goes on as if the
   * stream had never stopped. Why here and not only where a step is due: the row's statistics
   * are learnt before its buffer can be full, and a row half taken could not be repeated.
   *
   * @param instance the row
   * @throws InterruptedBeforeStepException if the thread was interrupted
   */
  public void add(Instance instance) throws InterruptedBeforeStepException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedBeforeStepException("streaming training interrupted after "
          + (model.streamedRows() + heldRows()) + " rows; the row passed was not taken");
    }
    if (streamer == null && (held != null || routeOpen(model.encoder()))) {
      if (held == null) {
        held = new Instances(model.header(), ROUTE_ROWS);
      }
      held.add(instance); // a copy
      if (held.numInstances() >= ROUTE_ROWS) {
        release(true);
      }
      return;
    }
    take(instance);
  }

  /** Trains on a row once the stream's route is chosen (see {@link #add}). */
  private void take(Instance instance) {
    InstanceEncoder encoder = model.encoder();
    TargetEncoder target = model.target();
    if (streamer == null) {
      int width = encoder.width();
      streamer = newStreamer(encoder);
      rowX = encoder.isSparse() ? null : new double[width];
      rowNonZeros = encoder.isSparse() ? new RowNonZeros() : null;
      rowY = new double[model.network().outputs()];
    }
    encoder.observe(instance);
    target.observe(instance.classValue(), instance.weight());
    target.encode(instance.classValue(), rowY, 0);
    if (encoder.isSparse()) { // the row's non-zeros only, never a dense row
      int len = rowNonZeros.encode(encoder.sparseRows(), instance);
      streamer.addSparse(rowNonZeros.cols, rowNonZeros.vals, 0, len, rowY, 0, instance.weight());
    } else {
      encoder.encode(instance, rowX, 0);
      streamer.add(rowX, 0, rowY, 0, instance.weight());
    }
    model.countStreamedRow();
    rowsHere++;
    positiveRow |= instance.weight() > 0;
    noteSteps();
    sample(instance);
  }

  /**
   * Whether every row the model has was streamed in this session, none of positive weight: such
   * a stream learns nothing, whether or not its reservoir kept all its rows. A model copied in
   * mid-stream, or an average, had rows before this session, which may have taught it.
   *
   * @return whether the model learnt nothing from its rows
   */
  boolean learntNothing() {
    return !positiveRow && rowsHere == model.streamedRows();
  }

  /**
   * Whether a pass over a stream from the header grows its mini-batch of new rows from one row
   * ({@link AutoSettings#streamMiniBatch}), each step topped up to the full mini-batch with rows
   * drawn from the reservoir ({@link ReservoirRehearsal}): for a model that started from the
   * header (an untrained network) with {@code -mini-batch} automatic. Such a model is used
   * while it learns (the KnowledgeFlow tests each row on it before training on it), so it must
   * learn from the stream's first rows. A model built in batch and then updated row by row
   * keeps full batches: small steps for a model that has already converged. So does the sparse
   * route (wide rows, mostly zero, such as text): on the six text corpora of doc/text.md streamed
   * from the command line, the growing pass took 1.3-2.1 times the build time and lowered the
   * test accuracy on five of them (godoc 83.98 to 80.94 %), since there the few epochs of the
   * text settings follow it (doc/defaults.md, "Learning while streaming"). Numbers beside an
   * identifier, standardized on the sparse route, train as on the dense route, and grow.
   *
   * @param options the options
   * @param encoder the model's input encoder
   * @return whether the rule applies to the model
   */
  static boolean growsBatch(BackpropMLPOptions options, InstanceEncoder encoder) {
    return encoder.isStreaming() && (!encoder.isSparse() || encoder.centresNumbers())
        && options.getMiniBatchSize() == BackpropMLPOptions.AUTOMATIC;
  }

  /**
   * Whether the pass starting now grows its batch: {@link #growsBatch}, this session streamed
   * every row the model has (a pause's stream goes on as it was, {@link
   * TrainingSession#forMoreRows}), and its reservoir, if the options keep one, samples them all.
   * Why not on a copy of the model (which keeps no sample) or after an aggregation: small steps
   * at a fresh optimizer's rate, topped up from a sample of the latest rows only or from none,
   * steer the trained network to those rows: in reviews, 64 rows of one class took
   * segment-challenge from 94.8 to 63.4 % (topped up from the rows after a stream's end) and
   * from 88.6 to 81.4 % (a {@code -reservoir 0} copy). Such a pass takes full batches at the
   * row-by-row rate.
   */
  private boolean passGrows(InstanceEncoder encoder) {
    long streamed = model.streamedRows();
    boolean wholeSample = options.getReservoirSize() == 0 || streamed == 0
        || reservoir != null && reservoirSeen == streamed;
    return growsBatch(options, encoder) && rowsHere == streamed && wholeSample;
  }

  /**
   * Whether a growing pass tops its steps up from the reservoir: when it can hold a full
   * mini-batch. Why: a reservoir of fewer rows repeats the same few rows in every step, and
   * those rows then outweigh the stream (segment-challenge with {@code -reservoir 3}: 55.6 %
   * test-then-train, where {@code -reservoir 0} gave 84.3 %; doc/defaults.md, "Learning while
   * streaming").
   *
   * @param options the options
   * @return whether the reservoir tops steps up
   */
  static boolean topsUp(BackpropMLPOptions options) {
    return options.getReservoirSize() >= options.effectiveMiniBatch(AutoSettings.UNKNOWN_ROWS);
  }

  /**
   * Whether a growing pass rehearses its first rows ({@link AutoSettings#streamReplaySteps}):
   * when the reservoir holds at least {@link AutoSettings#STREAM_REPLAY_RESERVOIR} rows.
   *
   * @param options the options
   * @return whether the first rows' steps are followed by replay steps
   */
  static boolean replays(BackpropMLPOptions options) {
    return options.getReservoirSize() >= AutoSettings.STREAM_REPLAY_RESERVOIR;
  }

  /** @return the rows that top up a growing pass's steps ({@link #topsUp}), or null */
  private StreamingTrainer.EarlierRows topUpRows(InstanceEncoder encoder) {
    return topsUp(options) ? new ReservoirRehearsal(this::reservoir, encoder, model.target(),
        model.network().outputs(), options.getSeed()) : null;
  }

  /**
   * The learning rate of a pass over the stream: {@link AutoSettings#STREAM_LEARNING_RATE} for
   * a pass that grows its batch with {@code -lr} automatic, else the option or the row-by-row
   * default.
   *
   * @param options the options
   * @param grows whether the pass grows its batch ({@link FittedModel#streamPassGrew})
   * @return the base learning rate of the pass
   */
  static double passLearningRate(BackpropMLPOptions options, boolean grows) {
    return grows && options.getLearningRate() == BackpropMLPOptions.AUTOMATIC
        ? AutoSettings.STREAM_LEARNING_RATE
        : options.effectiveLearningRate(AutoSettings.UNKNOWN_ROWS);
  }

  /**
   * Refuses a pass whose trainer needs more than {@link NetworkFactory#HEAP_BUDGET} of the free
   * heap, with the figures and the ways out; the model is kept ({@link TrainingStep.Refused}).
   */
  private static void refuseBeyondHeap(long need, int batch, long available) {
    if (need > NetworkFactory.HEAP_BUDGET * available) {
      throw new TrainingStep.Refused(String.format(Locale.ROOT, "BackpropMLP: training this"
          + " model row by row needs about %,d MB (optimizer state and mini-batches of %,d"
          + " rows), more than %s; use a smaller %s, or start Java with a larger -Xmx (e.g."
          + " -Xmx%dm)", need >> 20, batch, NetworkFactory.budget(available),
          OptionChecks.name("mini-batch", "miniBatchSize"),
          NetworkFactory.suggestedXmxMb(available, need)));
    }
  }

  /**
   * Refuses, before the pass over the stream, a stream whose end could not train: the epochs at
   * {@code batchFinished} (over the reservoir, or the batch build of a stream no larger than it)
   * need about a batch build's memory for up to {@code -reservoir} rows, and a batch build holds
   * one network while its λ₂ candidates train (one more copy of the parameters, when there are
   * several), all beside the streamed network, which is allocated already. Why: such a refusal
   * had come only after the pass (iris with {@code -hidden 3000,3000} in {@code -Xmx602m}: 109 s
   * of streaming, then a refusal suggesting {@code -Xmx678m}). A model that keeps no reservoir
   * has no such end. The check errs on the safe side, since it cannot know the stream's length
   * and counts a full mini-batch: an audit found heaps 7-40 MB (3-12 %) under its figure in
   * which the stream and its end had trained, and a few MB below those an OutOfMemoryError
   * after the pass; the -Xmx it names always trained.
   */
  private void refuseUntrainableEnd(InstanceEncoder encoder) {
    if (options.getReservoirSize() <= 0 || !encoder.isStreaming()) {
      return;
    }
    try {
      // the rows' own arrays are counted as the reservoir grows (ReservoirMemory)
      NetworkFactory.checkFits(options, encoder.width(), encoder.automaticInputs(),
          encoder.isSparse(), model.header(), AutoSettings.UNKNOWN_ROWS,
          options.l2Candidates().length > 1 ? 1 : 0);
    } catch (IllegalArgumentException e) {
      throw new TrainingStep.Refused(e.getMessage().replaceFirst("^BackpropMLP: ", "BackpropMLP:"
          + " the epochs at the stream's end (batchFinished) would not fit the heap, so the stream"
          + " is refused before its pass: "));
    }
  }

  /**
   * Non-zeros a sparse stream's step buffer holds: 256 for each row of a step, at least one row's
   * width (any row then fits an empty buffer), within an array's size; with standardized numbers
   * ({@link InstanceEncoder#centresNumbers()}) a whole width for each row. Why the last: such a
   * stream trains the dense route's model, whose steps hold whole mini-batches, and a row with a
   * missing identifier, imputed over every one-hot column, holds thousands of non-zeros: a fuller
   * buffer had stepped early and cut the reservoir's top-ups short (parameters 0.26 away from the
   * dense route's with a tenth of the identifiers missing).
   */
  private static int sparseBufferNonZeros(InstanceEncoder encoder, BackpropMLPOptions options) {
    int width = encoder.width();
    long rows = options.effectiveMiniBatch(AutoSettings.UNKNOWN_ROWS);
    long perStep = (encoder.centresNumbers() ? width : 256L) * rows;
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(width, perStep));
  }

  /**
   * The trainer of a pass over the stream, stepping as {@link #passGrows} says, refused before
   * anything changes when its optimizer state and mini-batch buffers would not fit the heap. Why
   * the check here: a model built in batch and then given rows had no check for them, and {@code
   * -mini-batch 1073741824} failed with a NegativeArraySizeException, a wide network with an
   * OutOfMemoryError.
   */
  private StreamingTrainer newStreamer(InstanceEncoder encoder) {
    boolean grows = passGrows(encoder);
    int width = encoder.width();
    TrainerConfig config =
        EngineConfig.of(options, AutoSettings.UNKNOWN_ROWS, encoder.automaticInputs())
            .learningRate(passLearningRate(options, grows))
            .lazyFirstLayer(SparseEncoding.lazyUpdate(encoder.isSparse(), width,
                encoder.centresNumbers())).build();
    long need = MemoryEstimate.forRun(model.network(), config.miniBatch());
    HeapRoom.check(available -> refuseBeyondHeap(need, config.miniBatch(), available));
    refuseUntrainableEnd(encoder);
    model.recordStreamPass(grows);
    StreamingTrainer trainer = new StreamingTrainer(model.network(), config,
        encoder.isSparse() ? sparseBufferNonZeros(encoder, options) : -1);
    // a stream paused with its whole reservoir (or none) goes on growing from the rows it had
    return grows ? trainer.growingFrom(model.streamedRows(), topUpRows(encoder))
        .rehearsing(replays(options)) : trainer;
  }

  /**
   * Whether a stream's route is still to be chosen: a streaming encoder that has seen no row, on
   * a wide header (at least {@value SparseEncoding#WIDE_COLUMNS} encoded columns), with a
   * normalization that keeps zeros; an encoder that has seen rows, or a batch-fitted one, keeps
   * its route, and a narrower header streams dense.
   */
  private boolean routeOpen(InstanceEncoder encoder) {
    return encoder.isStreaming() && !encoder.isSparse() && model.streamedRows() == 0
        && !encoder.hasObserved() && encoder.normalization().keepsZeros()
        && SparseEncoding.encodedColumns(model.header()) >= SparseEncoding.WIDE_COLUMNS;
  }

  /** @return rows held until the route is chosen */
  private int heldRows() {
    return held == null ? 0 : held.numInstances();
  }

  /**
   * Chooses the route of a wide stream from the rows it held, as a batch build of those rows
   * would ({@link SparseEncoding#route}), then trains on them in their order. Why rows and not
   * the first row alone: one row had sent a year stored as a {@code SparseInstance}, or left at
   * 0 in that row, to MAXABS (a model at chance past the reservoir where the batch build scored
   * 100 %), and a bag of words beside an identifier to standardization word by word (22 s where
   * the batch build took 2 s). A refused trainer (the memory checks) leaves the rows held, but
   * for the row whose {@link #add} released them.
   *
   * @param lastAdded whether the row {@link #add} just held released them
   */
  private void release(boolean lastAdded) {
    Instances rows = held;
    InstanceEncoder encoder = model.encoder();
    if (!encoder.isSparse()) { // decided already where a refused trainer kept the rows held
      SparseEncoding.Route route =
          SparseEncoding.route(encoder.normalization(), rows, ColumnScan.of(rows));
      if (route.isSparse()) {
        encoder.useSparseRoute(route.centresNumbers());
      }
    }
    held = null;
    try {
      take(rows.instance(0)); // makes the trainer, after its memory checks, before any change
    } catch (RuntimeException refused) {
      // the rows stay held for a later try; a row whose add released them is not taken
      if (lastAdded) {
        rows.delete(rows.numInstances() - 1);
      }
      held = rows.numInstances() == 0 ? null : rows;
      throw refused;
    }
    for (int i = 1; i < rows.numInstances(); i++) {
      take(rows.instance(i));
    }
  }

  /**
   * Algorithm R (Vitter 1985): the i-th streamed row replaces a random slot with probability
   * {@code R / i}, so the reservoir is a uniform sample of everything seen. Only a model that
   * started from the header keeps one: fine-tuning a batch-built model with a few new rows must
   * not end in many epochs on just those rows.
   */
  private void sample(Instance instance) {
    int size = options.getReservoirSize();
    if (size == 0 || !model.encoder().isStreaming()) {
      return;
    }
    if (reservoir == null) {
      reservoir = new Instances(model.header(), Math.min(size, 1024));
      reservoirRng = Seeds.stream(options.getSeed(), RESERVOIR_STREAM);
      reservoirSeen = 0;
      reservoirMemory = new ReservoirMemory(model.header(), model.encoder().isSparse(),
          model.network().outputs());
    }
    reservoirSeen++;
    if (reservoir.numInstances() < size) {
      Instance kept = reservoirMemory.compact(instance);
      reservoir.add(kept);
      reservoirMemory.added(kept, reservoir.numInstances(), size);
    } else {
      long slot = (long) (reservoirRng.nextDouble() * reservoirSeen);
      if (slot < size) {
        reservoir.set((int) slot, reservoirMemory.compact(instance));
      }
    }
  }

  /** @return the reservoir as it is now (a uniform sample of the stream), or null without one */
  Instances reservoir() {
    return reservoir;
  }

  /**
   * Trains on the rows still waiting in the mini-batch buffer.
   *
   * @throws InterruptedException if the thread was interrupted
   */
  public void flush() throws InterruptedException {
    if (held != null) {
      release(false);
    }
    if (streamer != null) {
      streamer.flush();
      noteSteps();
    }
  }

  /** Once the streamer has taken a step, the model predicts from its network. */
  private void noteSteps() {
    if (streamer.hasStepped()) {
      model.markNetworkTrained();
      model.recordStreamLoss(streamer.meanLoss());
    }
  }

  /** @return whether the pass's trainer is held (between a first row and {@link #endPass}) */
  boolean holdsTrainer() {
    return streamer != null;
  }

  /**
   * The stream's mean training loss per row, read from the trainer while a pass runs and from the
   * model after it.
   *
   * @return the mean training loss per row trained on so far, the rows topping up its steps
   *     included (of the pass that ended last, once {@link #endPass} let go of its trainer), NaN
   *     before the first step
   */
  public double meanLoss() {
    return streamer == null ? model.streamLoss() : streamer.meanLoss();
  }

  /**
   * The whole stream, when it fits: every row this model was ever trained on row by row is still
   * in the reservoir (none was evicted, no aggregation or earlier stream added others), so the
   * reservoir holds exactly the accepted rows, in stream order, with their weights.
   *
   * @return those rows, or null for a genuine stream (rows evicted, {@code -reservoir 0}, no
   *     labelled row, or rows trained on before this reservoir started)
   */
  Instances wholeStream() {
    if (reservoir == null || reservoir.numInstances() == 0
        || reservoirSeen != reservoir.numInstances() || reservoirSeen != model.streamedRows()) {
      return null;
    }
    return reservoir;
  }

  /**
   * Ends a stream: trains on the rows still waiting in the buffer, then (unless {@code
   * -reservoir 0}) runs up to maxEpochs epochs over the reservoir, with the row-by-row step
   * settings. Why a reservoir: one pass of mini-batch SGD is far from converged, yet keeping the
   * whole stream would defeat streaming; a bounded uniform sample gives large streams a
   * representative refinement in bounded memory (a stream that fits in it gets the batch model
   * instead, see {@link TrainingSession#finishRows}). In a distributed job these are the
   * partition's local epochs; further rounds start from the averaged model.
   *
   * @throws InterruptedException if the thread was interrupted
   */
  public void finish() throws InterruptedException {
    endPass();
    Instances sample = reservoir;
    reservoir = null;
    trainOn(sample);
  }

  /**
   * Ends the pass over the stream: trains on the rows still buffered, then lets go of the pass's
   * trainer (its gradient, optimizer moments and workspace), so that the epochs or the batch
   * build that follow, which the memory check counted alone, do not need room for both (an
   * OutOfMemoryError at -Xmx64m, and a refusal at the -Xmx its own advice had named). More rows
   * after this start a new trainer, as they do on a saved copy.
   *
   * @throws InterruptedException if the thread was interrupted
   */
  public void endPass() throws InterruptedException {
    flush();
    streamer = null;
  }

  /**
   * The epochs {@link #finish} runs over a reservoir sample: a fresh trainer with the row-by-row
   * step settings, on the model's streaming encoders; for a wide, sparse sample (text) the text
   * settings instead, as a batch build of the same rows would take them ({@link TextSettings}:
   * epochs for the sample's size, mini-batch 128, lr 0.01, λ₂ 0.0001 for the options left at
   * their defaults). Only the sample tells the density: the pass over the stream before it keeps
   * the row-by-row settings. On spam with {@code StringToWordVector -W 5000 -L} streamed through
   * a 2,000-row reservoir, the text settings took the test accuracy from 97.56 to 98.54 % and the
   * build from 10.5 to 3.2 s (doc/text.md, "Streamed text").
   *
   * @param sample the reservoir, or null (nothing to do)
   * @throws InterruptedException if the thread was interrupted
   */
  void trainOn(Instances sample) throws InterruptedException {
    if (sample == null || sample.numInstances() == 0) {
      return;
    }
    InstanceEncoder encoder = model.encoder();
    Network net = model.network();
    Dataset data = DatasetEncoding.encode(sample, encoder, model.target(), net.outputs(),
        options.getClassWeights());
    boolean centred = encoder.centresNumbers();
    TextSettings text = TextSettings.of(options, data, centred);
    TrainerConfig config =
        text.apply(EngineConfig.of(options, AutoSettings.UNKNOWN_ROWS, encoder.automaticInputs()))
            .lazyFirstLayer(SparseEncoding.lazyUpdate(encoder.isSparse(), encoder.width(),
                centred))
            .build();
    PenaltySelection selection = choosePenalty(text.l2Candidates(options), net, config, data);
    if (selection != null) {
      config = config.toBuilder().l2(selection.chosen()).build();
    }
    Trainer epochs = new Trainer(net, config, data);
    while (epochs.runEpoch()) {
      // epochs over the reservoir
    }
    epochs.finish();
    model.markNetworkTrained();
    model.checkOutputs(epochs);
    model.record(epochs);
    model.reservoirEpochsWith(text, options, selection);
  }

  /**
   * Chooses λ₂ among a list for the epochs over the reservoir, as a batch build chooses it
   * (shortened candidate runs, {@link BatchBuild#candidateConfig}, one-standard-error rule on a
   * holdout), each
   * candidate starting from the streamed weights: the reservoir is a uniform sample of the stream,
   * so it can hold rows out where the pass over the stream could not. Why: with the strongest of
   * the default list for every stream, letter streamed through the default 10,000-row reservoir
   * (the command line's route for 16,000 rows) scored 80.3 % on a held-out quarter where the
   * batch build, which chose a weaker penalty, scored 94.3 %.
   *
   * @return the selection, or null for a single candidate (nothing to choose)
   */
  private PenaltySelection choosePenalty(double[] candidates, Network streamed,
      TrainerConfig config, Dataset data) throws InterruptedException {
    if (candidates.length < 2) {
      return null;
    }
    return PenaltySelection.select(candidates, streamed::copy,
        BatchBuild.candidateConfig(config, data.rows(), options.selectionHoldout()), data,
        options.selectionHoldout(), null);
  }

  /**
   * Adds another model, trained on another partition from the same initial weights, to a
   * weighted average (weights: rows each model trained on since it was built or last
   * aggregated). The first call also enters this session's own model.
   *
   * @param other the other model
   * @param otherSession its training session, whose waiting rows are trained on first; or null
   * @throws IllegalArgumentException if the models cannot be averaged, with the reason
   * @throws InterruptedException if interrupted while training waiting rows
   */
  void aggregate(FittedModel other, TrainingSession otherSession) throws InterruptedException {
    if (model.isFallback() || other.isFallback()) {
      throw new IllegalArgumentException(
          "BackpropMLP: models without input attributes cannot be aggregated");
    }
    String msg = model.header().equalHeadersMsg(other.header());
    if (msg != null) {
      throw new IllegalArgumentException(
          "BackpropMLP: cannot aggregate models trained on different headers: " + msg);
    }
    ModelAverager.refuseOtherStart(model.trainedOptions(), other.trainedOptions());
    if (averager == null) {
      // a mismatch is refused before anything changes: no rows flushed, no average begun (the
      // average takes only this model's shape until its own weights join, after the flush)
      ModelAverager first = new ModelAverager(model.network(), model.encoder());
      first.refuseUnlike(other.network(), other.encoder());
      flush();
      first.add(model.network(), model.encoder(), model.target(), model.rowsSinceAggregation());
      averager = first;
    }
    if (otherSession != null) {
      otherSession.flushRows();
    }
    averager.add(other.network(), other.encoder(), other.target(), other.rowsSinceAggregation());
    // its rows since its last aggregation: a later round's partitions are copies of the last
    // average, whose rows it counts already (two rounds of 2 x 50 rows had counted 300)
    pendingRows += Math.min(other.streamedRows(), other.rowsSinceAggregation());
    pendingTrained |= !other.untrainedNetwork();
    model.markAggregating(true);
  }

  /**
   * Replaces the model's weights by the average of the aggregated models, in the pooled
   * normalization statistics, and starts the next round: optimizer state (momentum, Adam
   * moments) is reset rather than averaged, since the moments of different partitions describe
   * different trajectories and Adam's bias correction makes a fresh start cheap; the reservoir
   * is dropped.
   *
   * @throws IllegalStateException if nothing was aggregated
   */
  void finalizeAggregation() {
    if (averager == null) {
      throw new IllegalStateException("BackpropMLP: aggregate() was not called since this model"
          + " was built or its last aggregation finalized");
    }
    averager.finish(model.network(), model.encoder(), model.target());
    model.recordAveraging(averager.models());
    model.addStreamedRows(pendingRows); // counted only now that the average holds them
    if (pendingTrained) {
      model.markNetworkTrained(); // the average takes the trained weights
    }
    model.markAggregating(false);
    pendingRows = 0;
    pendingTrained = false;
    averager = null;
    reservoir = null;
    if (streamer != null) {
      // the rows that follow train the average as a fresh trainer's would, with full batches
      // (passGrows: no sample of the rows behind the average)
      streamer = newStreamer(model.encoder());
    }
    model.resetRowsSinceAggregation();
  }
}
