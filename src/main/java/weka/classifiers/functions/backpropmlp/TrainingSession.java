package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.InterruptedBeforeStepException;
import weka.core.Instances;

/**
 * The training state of one {@link FittedModel} that continues between calls: the trainer of a
 * batch build, which runs one epoch per {@code next()} (and is kept after {@code done()} to
 * resume), and the {@link StreamingSession} of row-by-row training and aggregation, started by
 * the first row or the first aggregation. Only a trainer kept to resume is saved with the model
 * ({@link #resumable}).
 *
 * <p>Why one object: the classifier forgets all of it, with the model, in one assignment.
 */
public final class TrainingSession implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final BackpropMLPOptions options;
  private final FittedModel model;
  /** The epochs of a batch build; null when done without resuming, or for other models. */
  private Trainer epochs;
  /** Not saved: a model saved in mid-stream keeps its weights, not its stream's state. */
  private transient StreamingSession rows;
  /** The stream a batch model was trained at the end of ({@link #forMoreRows}); not saved. */
  private transient TrainingSession streamBehind;
  /** {@link DataFingerprint} of the batch build's rows when -resume was set, else 0. */
  private long rowsFingerprint;
  /** How many rows that build had. */
  private int fingerprintRows;

  /**
   * @param options the options in force
   * @param model the model trained in place
   * @param epochs the trainer of its epochs, or null
   */
  TrainingSession(BackpropMLPOptions options, FittedModel model, Trainer epochs) {
    this.options = options;
    this.model = model;
    this.epochs = epochs;
  }

  /**
   * A session without epochs to run: for a model from the header alone, one read back from a
   * file, or one whose epochs are done.
   *
   * @param options the options in force
   * @param model the model
   * @return the session
   */
  public static TrainingSession of(BackpropMLPOptions options, FittedModel model) {
    return new TrainingSession(options, model, null);
  }

  /**
   * Whether {@code batchFinished} on a classifier without a training session ends a stream:
   * that of a model copied or read back in mid-stream, which keeps its weights but no sample of
   * the rows. Its end runs no epochs ({@link #finishRows}) but is recorded, so that its
   * description no longer says that the stream goes on and that epochs will follow (it had
   * said so after its {@code batchFinished}, which did nothing).
   *
   * @param model the classifier's model, or null
   * @return whether the call ends such a stream
   */
  public static boolean endsStreamWithoutSession(FittedModel model) {
    return model != null && model.history() == null && model.streamedRows() > 0
        && !model.streamEnded();
  }

  /**
   * Records the rows of the batch build, for {@link #resumeWith} to compare the rows of a
   * continued training with (taken only with -resume: a pass over the data).
   *
   * @param data the rows the build was given
   * @return this session
   */
  TrainingSession rememberingRows(Instances data) {
    if (options.getResume()) {
      rowsFingerprint = DataFingerprint.of(data);
      fingerprintRows = data.numInstances();
    }
    return this;
  }

  /**
   * The model this session trains, updated in place by its runs.
   *
   * @return the model this session trains
   */
  public FittedModel model() {
    return model;
  }

  /**
   * Extends a resumable run by {@code moreEpochs} on {@code data}: {@code initializeClassifier}
   * with {@code -resume} then continues from the current weights, when there is a run kept to
   * continue, on the model's header and the rows it was built on.
   *
   * @param session the classifier's session, or null
   * @param data the data of the continued training
   * @param moreEpochs epochs to add
   * @param options the classifier's options now, which the model records ({@link
   *     FittedModel#resumeLog})
   * @return "" when the run was extended; else why it cannot be (the caller trains afresh and
   *     the description says why). Why not a refusal on other rows: Weka's meta-learners copy a
   *     trained classifier, training state and all, and initialize the copies on their folds
   *     (IterativeClassifierOptimizer inside a cross-validation), which a refusal had broken.
   */
  public static String resumeWith(TrainingSession session, Instances data, int moreEpochs,
      String[] options) {
    if (session == null || session.epochs == null) {
      return "no training state was kept to continue (a model trained row by row, aggregated,"
          + " built before -resume was set, or copied when its state did not fit the free heap)";
    }
    if (!session.model.header().equalHeaders(data)) {
      return "the data's attributes differ from the model's";
    }
    if (session.rowsFingerprint != 0 && DataFingerprint.of(data) != session.rowsFingerprint) {
      return "these " + data.numInstances() + " rows are not the " + session.fingerprintRows
          + " the training ran on";
    }
    session.epochs.setMaxEpochs(session.epochs.epochsRun() + moreEpochs);
    session.epochs.resumeFromLastEpoch();
    session.model.resumeLog().continued(session.model.trainedOptions(), options, moreEpochs);
    return "";
  }

  /**
   * The state to save with a model so Weka can continue its iterations, or null if none is kept or
   * it would not fit.
   *
   * @return this session to be saved with its model when it has a batch run kept to resume
   *     (the stream's state is not saved) and three times its size fits the free heap, else
   *     null. Why the heap: Weka's Explorer copies every run's model through a byte array, and
   *     the state of a large data set (60,000 x 784 images: 376 MB) would end the run with an
   *     OutOfMemoryError where the model alone fits; a copy without the state trains afresh on
   *     Continue iterating and says why.
   */
  public TrainingSession resumable() {
    return epochs != null && 3 * stateBytes() < HeapRoom.available() ? this : null;
  }

  /** @return about the bytes of the batch run kept to resume ({@link #resumable}), 0 if none */
  long stateBytes() {
    return epochs == null ? 0 : epochs.approximateBytes();
  }

  /**
   * Whether a batch run can still continue, which decides whether the classifier's {@code next()}
   * runs an epoch.
   *
   * @return whether this session has a batch run whose epochs have not all run
   */
  public boolean hasEpochsToRun() {
    return epochs != null && !epochs.isFinished();
  }

  /**
   * Runs one epoch of the batch run ({@link #hasEpochsToRun()} tells whether another follows).
   *
   * @throws InterruptedException if interrupted
   */
  public void runEpoch() throws InterruptedException {
    model.refuseTrainingWhileAggregating("next()");
    epochs.runEpoch();
    model.markNetworkTrained();
    model.setStoppedEarly(epochs.stoppedEarly());
  }

  /**
   * Ends the batch run: records whether it stopped early (also when its epochs ran during the
   * λ₂ selection), restores the best validation weights, and unless {@code keep} drops the
   * trainer with its copy of the data and its optimizer state.
   *
   * @param keep whether to keep the trainer, to resume later
   */
  public void finishEpochs(boolean keep) {
    if (epochs == null) {
      return;
    }
    model.setStoppedEarly(epochs.stoppedEarly());
    epochs.finish(keep);
    model.checkOutputs(epochs);
    if (!keep) {
      epochs = null;
    }
  }

  /**
   * The session that trains row by row, made on first use from this session's options and model.
   *
   * @return the row-by-row session, started on first use
   */
  public StreamingSession rows() {
    if (rows == null) {
      rows = new StreamingSession(options, model);
    }
    return rows;
  }

  /**
   * Trains on the rows waiting in the row-by-row buffer, if any.
   *
   * @throws InterruptedException if interrupted
   */
  public void flushRows() throws InterruptedException {
    if (rows != null) {
      rows.flush();
    }
  }

  /**
   * Ends a stream of rows. When the stream fit in the reservoir ({@link
   * StreamingSession#wholeStream}), the result is exactly what {@code buildClassifier} trains on
   * those rows in stream order (same encoder, automatic settings and λ₂ choice): a new session
   * with that batch model, which keeps the streamed model and its reservoir behind it for an
   * aggregation ({@link #materialized}). Otherwise the stream ends as {@link
   * StreamingSession#finish} says, and this session goes on.
   *
   * @param keepEpochs whether a batch model keeps its trainer, to resume
   * @return the session to use from now on (this one, or the batch model's)
   * @throws Exception if the batch build fails, or interrupted
   */
  public TrainingSession finishRows(boolean keepEpochs) throws Exception {
    model.refuseTrainingWhileAggregating("batchFinished");
    if (rows == null) {
      model.markStreamEnded();
      return this;
    }
    rows.endPass(); // the streamed model kept is final: its buffer is not saved
    TrainingSession ended;
    try {
      Instances whole = rows.wholeStream();
      if (whole != null && ColumnScan.allWeightless(whole)) {
        // nothing to learn from, which a batch build refuses: the stream ends as one without a
        // labelled row ends, its model kept for more rows
        model.markWeightlessStreamEnded();
        return this;
      }
      ended = whole == null ? endOfLongStream() : batchOf(whole, keepEpochs);
    } catch (InterruptedException e) {
      // the end trains a new model (the batch model, or a copy of the streamed one): the stream
      // is as it was, so the classifier keeps it (TrainingStep.keepsModel) and the end can be
      // called again once the interrupt is cleared
      Thread.currentThread().interrupt();
      throw new InterruptedBeforeStepException("the stream's end was interrupted (" + e.getMessage()
          + "); the stream and its rows are kept: clear the interrupt and end it again");
    }
    model.markStreamEnded();
    return ended;
  }

  /** The batch model of a stream that fit in the reservoir, the stream kept behind it. */
  private TrainingSession batchOf(Instances whole, boolean keepEpochs) throws Exception {
    TrainingSession batch = BatchBuild.fit(options, whole, true);
    while (batch.hasEpochsToRun()) {
      batch.runEpoch();
    }
    batch.finishEpochs(keepEpochs);
    batch.model.keepStreamedRoute(model, whole);
    batch.streamBehind = this;
    return batch;
  }

  /**
   * Ends a stream larger than the reservoir: the epochs over the reservoir train a copy of the
   * streamed model, which becomes the model, and this session keeps the streamed network and the
   * reservoir behind it ({@link #forMoreRows}), so that rows after a pause go on with the stream
   * and a later end trains on a sample of all of it. Why: the end had trained the streamed
   * network in place and dropped the reservoir, so a stream paused by the KnowledgeFlow's model
   * saver ({@code batchFinished} before every periodic save) ended on a sample of the rows since
   * its last pause only. Costs a copy of the network and keeps the reservoir while the
   * classifier lives. A stream without a reservoir ({@code -reservoir 0}) has nothing to train
   * on: its pass is the model.
   *
   * @return the session of the trained copy, or this one without a reservoir
   * @throws Exception if the copy fails, or interrupted
   */
  private TrainingSession endOfLongStream() throws Exception {
    Instances sample = rows.reservoir();
    if (sample == null || sample.numInstances() == 0) {
      rows.finish();
      return this;
    }
    if (ColumnScan.allWeightless(sample)) {
      // a sample of weight-0 rows alone (a reservoir of a few rows can draw only those) holds
      // nothing to train on: the streamed model stands, its sample kept for more rows (its
      // epochs had been refused as a build of weightless rows, and the whole stream lost); a
      // stream of such rows alone learnt nothing and ends as one that fit its reservoir does
      if (rows.learntNothing()) {
        model.markWeightlessStreamEnded();
      }
      return this;
    }
    FittedModel copy = (FittedModel) new weka.core.SerializedObject(model).getObject();
    copy.markStreamEnded();
    TrainingSession ended = of(options, copy);
    ended.rows().trainOn(sample);
    ended.streamBehind = this;
    return ended;
  }

  /**
   * The row-by-row route kept behind a batch model, trained as a genuine stream's end would
   * train it: epochs over its reservoir on the streamed network ({@link StreamingSession#trainOn}:
   * the row-by-row settings, or the text settings on a wide, sparse reservoir).
   * An aggregation averages that model, as it did before batch models were trained at the end
   * of a stream, since every partition's model must have the streaming encoder and statistics.
   *
   * @param options the options in force
   * @param batch a model with a {@link FittedModel#streamedRoute()}
   * @return the session of a copy of the streamed model, now trained; the batch model and its
   *     route are left as they are
   * @throws Exception if interrupted, or the copy fails
   */
  public static TrainingSession materialized(BackpropMLPOptions options, FittedModel batch)
      throws Exception {
    FittedModel route = (FittedModel) new weka.core.SerializedObject(batch.streamedRoute())
        .getObject(); // a copy: the batch model keeps its route until the caller takes this
    TrainingSession s = of(options, route);
    s.rows().trainOn(batch.streamedReservoir());
    return s;
  }

  /**
   * The session that more rows train on: for a model trained at the end of a stream (the batch
   * model of one that fit in the reservoir, or the epochs over the reservoir on a copy of a
   * longer one's streamed model), the stream it ended, which goes on with them, so that the next
   * end trains on all the rows (while they fit) or on a sample of all of them, as if the stream
   * had never paused; otherwise this session. Why: Weka's UpdateableBatchProcessor ends a batch
   * "for now", and the KnowledgeFlow's model saver calls batchFinished before every periodic
   * save: the first call had ended the stream for good (its batch model then only fine-tuned by
   * the later rows; segment-challenge 92.5 % against 97.9 % without the saver). A model saved or
   * copied has no stream behind it: more rows train it in full batches, and a later end runs
   * the epochs on a sample of the rows since the copy.
   *
   * @return the session to add rows to
   */
  public TrainingSession forMoreRows() {
    model.refuseTrainingWhileAggregating("updateClassifier");
    return streamBehind != null ? streamBehind : this;
  }

  /**
   * The stream's mean training loss per row, NaN if nothing was streamed.
   *
   * @return the stream's mean training loss per row trained on, NaN if no step was made
   */
  public double meanStreamLoss() {
    return rows == null ? Double.NaN : rows.meanLoss();
  }

  /**
   * Adds another model to the average this model is forming ({@link
   * StreamingSession#aggregate}).
   *
   * @param other the other model
   * @param otherSession its session, or null
   * @throws InterruptedException if interrupted while training waiting rows
   */
  public void aggregate(FittedModel other, TrainingSession otherSession)
      throws InterruptedException {
    rows().aggregate(other, otherSession);
  }

  /**
   * Replaces the weights by the average ({@link StreamingSession#finalizeAggregation}); the
   * batch run, if any, is dropped: its optimizer state belongs to the weights replaced.
   */
  public void finalizeAggregation() {
    rows().finalizeAggregation();
    epochs = null;
    streamBehind = null; // more rows train the average, not the stream before it
  }
}
