package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.PenaltySelection;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainingHistory;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;

/**
 * Everything a trained BackpropMLP is, and all that is saved with it: the training header, the
 * input and target encoders, the network, the training record, how λ₂ was chosen, and the
 * counters row-by-row training and aggregation need; or, for data without an input attribute,
 * the {@link ZeroR} model predicted instead.
 *
 * <p>Why one object: forgetting a model is then one assignment, and a model cannot be half
 * replaced. The training state that continues between calls (optimizer moments, buffers, the
 * reservoir) is not part of it; see {@link TrainingSession}. The one exception is a batch model
 * trained at the end of a stream that fit in the reservoir: it keeps the streamed model and its
 * reservoir ({@link #streamedRoute()}) for an aggregation, which may follow on another machine.
 */
public final class FittedModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Instances header;
  private final InstanceEncoder encoder;
  private final TargetEncoder target;
  private final Network network;
  private final ZeroR fallback;
  /** How λ₂ was chosen (a build's, or a stream's over its reservoir); null if it was not. */
  private PenaltySelection selection;
  /**
   * The λ₂ the model trained with (chosen, or the only value; for a streamed model that of its
   * last epochs over the reservoir, see {@link #reservoirEpochsWith}); NaN for the fallback.
   */
  private double trainedL2;
  /** Rows the automatic step settings were chosen for; −1 row by row. */
  private final int stepRows;
  private TrainingHistory history;
  private int trainingRows;
  /** Of the {@link #trainingRows}, those of weight 0 (not trained on). */
  private int weightlessRows;
  private int validationRows;
  private boolean stoppedEarly;
  /** Rows trained on since the model was built or last aggregated: its weight in an average. */
  private long rowsSinceAggregation;
  /** Rows trained on row by row in total. */
  private long streamedRows;
  /**
   * How many models the last aggregation averaged into this one's weights ({@code aggregate},
   * {@code finalizeAggregation}); 0 if none did.
   */
  private int averagedModels;
  /**
   * Whether the trained model predicts nearly the same for every training row ({@link
   * #ALIKE_SPREAD}), and the spread measured; false in models saved before this existed.
   */
  private boolean outputsAlike;
  private double outputSpread;
  /** Whether every training row had the same class value; false in models saved before. */
  private boolean classConstant;
  /** Rows that came row by row without a class value: skipped, counted for the advice. */
  private long unlabelledRows;
  /**
   * Mean training loss per row of the row-by-row steps so far (a step's top-up rows included),
   * kept with the model so that its measure and a copy's description show it; known ({@link
   * #streamLossKnown}) from the first step on, not in models saved before this existed.
   * Primitive: it is set after every row.
   */
  private double streamLoss;
  private boolean streamLossKnown;
  /** Whether the latest pass over a stream grew its batch ({@code StreamingSession}). */
  private boolean streamPassGrew;
  /**
   * The options the model was trained with ({@link #recordOptions}), which its description
   * shows whatever the classifier's options are set to since; null in models saved before this
   * existed, which show the current ones.
   */
  private String[] trainedOptions;
  /** {@link #laterOptions()}; null in models saved before. */
  private String[] laterOptions;
  /** {@link #resumeLog()}; null until -resume continues or restarts the training. */
  private ResumeLog resumeLog;
  /**
   * The row-by-row route kept behind a batch model trained at the end of a stream that fit in
   * the reservoir: the streamed model (one pass, streaming encoders) and the reservoir (the
   * accepted rows). An aggregation trains and averages it instead ({@link
   * TrainingSession#materialized}); null otherwise. Saved with the model, since distributed
   * jobs send partition models to the reducer serialized: it costs one network and at most
   * {@code -reservoir} rows.
   */
  private FittedModel streamedRoute;
  /** The automatic text settings of a batch build; null for models saved before they existed. */
  private TextSettings text = TextSettings.NONE;
  private Instances streamedReservoir;
  /** Whether a stream ended ({@code batchFinished}) on this model. */
  private boolean streamEnded;
  /**
   * Whether the stream that ended had only rows of weight 0 (all of it still in the reservoir):
   * it learned nothing, as a stream without a labelled row.
   */
  private boolean weightlessStream;
  /**
   * Whether the network is still as initialized: a model made for row-by-row training before
   * its first mini-batch step, or a batch build before its first epoch (false for every other
   * model, and in models saved before this field existed). It then predicts {@link
   * TargetEncoder#untrainedPrediction}, not the random initial weights' outputs.
   */
  private boolean untrainedNetwork;
  /** Whether an aggregation is under way ({@link #markAggregating}): not saved, see there. */
  private transient volatile boolean aggregating;
  /** The checks against {@link #header}, with the last data set found fit ({@link HeaderCheck}). */
  private transient volatile HeaderCheck headerCheck;
  /** Per thread, {@link #rowWorkspace()} and {@link #sparseRowScratch()}; made on first use. */
  private transient volatile ThreadLocal<RowBuffers> rowBuffers;

  private FittedModel(Instances header, InstanceEncoder encoder, TargetEncoder target,
      Network network, ZeroR fallback, PenaltySelection selection, double trainedL2,
      int stepRows) {
    this.header = header;
    this.encoder = encoder;
    this.target = target;
    this.network = network;
    this.fallback = fallback;
    this.selection = selection;
    this.trainedL2 = trainedL2;
    this.stepRows = stepRows;
  }

  /**
   * A model trained (or to be trained, epoch by epoch) on a data set.
   *
   * @param header the training header
   * @param encoder the input encoder
   * @param target the target encoder
   * @param epochs the trainer of the network, whose record this model shows as it grows
   * @param selection how λ₂ was chosen, or null
   * @param l2 the λ₂ it trains with
   * @param rows the training rows (the automatic step settings were chosen for them)
   * @return the model
   */
  public static FittedModel batch(Instances header, InstanceEncoder encoder, TargetEncoder target,
      Trainer epochs, PenaltySelection selection, double l2, int rows) {
    FittedModel m =
        new FittedModel(header, encoder, target, epochs.network(), null, selection, l2, rows);
    m.record(epochs);
    m.rowsSinceAggregation = rows;
    return m;
  }

  /**
   * An untrained model for row-by-row training.
   *
   * @param header the header
   * @param encoder the (streaming) input encoder
   * @param target the (streaming) target encoder
   * @param network the initialized network
   * @param l2 the λ₂ it trains with
   * @return the model
   */
  public static FittedModel stream(Instances header, InstanceEncoder encoder,
      TargetEncoder target, Network network, double l2) {
    FittedModel m = new FittedModel(
        header, encoder, target, network, null, null, l2, AutoSettings.UNKNOWN_ROWS);
    m.untrainedNetwork = true;
    return m;
  }

  /**
   * A model for data that leave no input column: it predicts the class distribution.
   *
   * @param header the training header
   * @param prior the trained ZeroR
   * @return the model
   */
  public static FittedModel fallback(Instances header, ZeroR prior) {
    return new FittedModel(
        header, null, null, null, prior, null, Double.NaN, AutoSettings.UNKNOWN_ROWS);
  }

  /** Takes the record, row counts and early stop of a training run (the latest epochs). */
  void record(Trainer epochs) {
    history = epochs.history();
    trainingRows = epochs.trainingRows();
    weightlessRows = epochs.weightlessTrainingRows();
    validationRows = epochs.validationRows();
    stoppedEarly = epochs.stoppedEarly();
  }

  /**
   * Keeps the row-by-row route behind this batch model (see {@link #streamedRoute()}).
   *
   * @param streamed the streamed model, after its single pass
   * @param reservoir the rows it streamed, all in its reservoir
   */
  void keepStreamedRoute(FittedModel streamed, Instances reservoir) {
    streamedRoute = streamed;
    streamedReservoir = reservoir;
  }

  /** @return the streamed model kept behind this batch model, or null */
  public FittedModel streamedRoute() {
    return streamedRoute;
  }

  /** @return the reservoir of the {@link #streamedRoute()}, or null */
  Instances streamedReservoir() {
    return streamedReservoir;
  }

  /** Forgets the kept row-by-row route (the model no longer stands for that stream alone). */
  void dropStreamedRoute() {
    streamedRoute = null;
    streamedReservoir = null;
  }

  /**
   * Whether the network is still at its initial weights; prediction then answers as ZeroR would
   * ({@code TargetEncoder.untrainedPrediction}) and the summary says so.
   *
   * @return whether the network has not taken a single training step yet (a model for row-by-row
   *     training before its first mini-batch): its outputs would be those of random weights
   */
  public boolean untrainedNetwork() {
    return untrainedNetwork;
  }

  /** Records that the network has not taken a step yet (a batch build before its epochs). */
  void markNetworkUntrained() {
    untrainedNetwork = true;
  }

  /** Records that the network has taken a training step (or taken trained weights). */
  void markNetworkTrained() {
    untrainedNetwork = false;
  }

  /** @return whether a stream ended ({@code batchFinished}) on this model */
  public boolean streamEnded() {
    return streamEnded;
  }

  /** Records that a stream ended on this model. */
  void markStreamEnded() {
    streamEnded = true;
  }

  /**
   * Records that a stream ended on this model whose rows all had weight 0: a batch build refuses
   * such rows, and the stream's end had thrown that refusal (about folds) and lost the model,
   * where a stream without a labelled row keeps it.
   */
  void markWeightlessStreamEnded() {
    streamEnded = true;
    weightlessStream = true;
  }

  /** @return whether the stream that ended had only rows of weight 0 */
  public boolean weightlessStream() {
    return streamEnded && weightlessStream;
  }

  /**
   * Whether an ended stream left this model without anything learned: no fallback, no record, and
   * no labelled row of positive weight.
   *
   * @return whether a stream ended on this model without a single labelled row of positive
   *     weight reaching it (nor any model aggregated into it): it learned nothing, so it refuses
   *     to predict
   */
  public boolean learnedNothing() {
    return streamEnded && fallback == null && history == null
        && (streamedRows == 0 || weightlessStream);
  }

  /** @param stopped whether early stopping ended the epochs */
  void setStoppedEarly(boolean stopped) {
    stoppedEarly = stopped;
  }

  /** Counts one row trained on row by row. */
  void countStreamedRow() {
    dropStreamedRoute();
    rowsSinceAggregation++;
    streamedRows++;
    streamEnded = false; // a stream that had ended goes on
    weightlessStream = false;
  }

  /**
   * An output range (a class probability, or standardized numeric units) below which the model's
   * predictions count as the same for every row. A model that learnt anything moves some output
   * by a tenth or more across its training rows; one whose penalty removed every weight moves
   * it by 10⁻¹² (diabetes with {@code -l1 0.1}).
   */
  static final double ALIKE_SPREAD = 0.01;

  /** Training rows {@link #checkOutputs} looks at, at most: a forward pass of a few ms. */
  static final int SPREAD_ROWS = 500;

  /**
   * Measures how far the finished model's outputs move across its training rows, for the
   * description ({@link #outputsAlike()}).
   *
   * @param epochs the finished trainer
   */
  void checkOutputs(Trainer epochs) {
    outputSpread = epochs.outputSpread(SPREAD_ROWS);
    outputsAlike = outputSpread < ALIKE_SPREAD;
    classConstant = epochs.targetsAlike();
  }

  /** @return whether every training row had the same class value */
  public boolean classConstant() {
    return classConstant;
  }

  /** @return whether the model predicts nearly the same for every training row */
  public boolean outputsAlike() {
    return outputsAlike;
  }

  /** @return the largest range of an output across the training rows looked at */
  public double outputSpread() {
    return outputSpread;
  }

  /** @param models how many models the aggregation just finished averaged, this one included */
  void recordAveraging(int models) {
    averagedModels = models;
  }

  /** @return how many models the last aggregation averaged into these weights; 0 if none */
  public int averagedModels() {
    return averagedModels;
  }

  /**
   * Records the options the model was trained with, for its description: a build records them
   * when it starts; a stream's end keeps what its start recorded, since the network is the one
   * built with those (Weka's -continue-iterating resets a model read back with -l to the default
   * options before streaming more rows into it, and "-hidden auto" had been printed beside an
   * 8-unit architecture), and records its own as {@link #laterOptions()} when they differ.
   *
   * @param options the classifier's {@code getOptions()} at that moment
   */
  public void recordOptions(String[] options) {
    if (trainedOptions == null) {
      trainedOptions = options.clone();
    } else {
      laterOptions = java.util.Arrays.equals(options, trainedOptions) ? null : options.clone();
    }
  }

  /**
   * A copy of the options a stream ended with, kept when they changed after the build, so the
   * summary can tell which options the later steps followed.
   *
   * @return the options at a stream's end when they differ from those recorded at the start
   *     (the steps and epochs after the build followed them), else null
   */
  public String[] laterOptions() {
    return laterOptions == null ? null : laterOptions.clone();
  }

  /** @return whether -resume has continued or restarted this model's training */
  boolean hasResumeLog() {
    return resumeLog != null;
  }

  /** @return what -resume did to this model (its continuations), made on first use */
  public ResumeLog resumeLog() {
    if (resumeLog == null) {
      resumeLog = new ResumeLog();
    }
    return resumeLog;
  }

  /** @param reason why -resume trained this model afresh; null (nothing asked): no record */
  public void noteFreshStart(String reason) {
    if (reason != null) {
      resumeLog().trainedAfresh(reason);
    }
  }

  /** @return the options the model was trained with, or null if none were recorded */
  public String[] trainedOptions() {
    return trainedOptions == null ? null : trainedOptions.clone();
  }

  /** @param meanLoss the stream's mean loss per row trained on (top-ups included) so far */
  void recordStreamLoss(double meanLoss) {
    streamLoss = meanLoss;
    streamLossKnown = true;
  }

  /** @param grew whether the pass over the stream starting now grows its batch */
  void recordStreamPass(boolean grew) {
    streamPassGrew = grew;
  }

  /**
   * Whether the latest stream pass trained on a growing batch topped up from the reservoir.
   *
   * @return whether the latest pass over a stream stepped on a growing batch of new rows, topped
   *     up from its reservoir (false before a pass, and in models saved before this existed)
   */
  public boolean streamPassGrew() {
    return streamPassGrew;
  }

  /** @return the stream's mean training loss per row, NaN before its first step */
  public double streamLoss() {
    return streamLossKnown ? streamLoss : Double.NaN;
  }

  /** Counts one row that came row by row without a class value (and was skipped). */
  public void countUnlabelledRow() {
    unlabelledRows++;
  }

  /** @return rows that came row by row without a class value, skipped */
  public long unlabelledRows() {
    return unlabelledRows;
  }

  /** @param rows rows streamed into another model aggregated into this one */
  void addStreamedRows(long rows) {
    streamedRows += rows;
  }

  /** Starts the count of rows for the next aggregation. */
  void resetRowsSinceAggregation() {
    rowsSinceAggregation = 0;
  }

  /**
   * Refuses rows to train on whose header differs from the training header in anything, the
   * class's labels included.
   *
   * @param data the data set of the instances, or null for an instance without one
   * @param numAttributes the instances' number of attributes (checked when {@code data} is
   *     null)
   * @throws IllegalArgumentException naming the difference
   */
  public void checkHeader(Instances data, int numAttributes) {
    headerCheck().check(data, numAttributes, true);
  }

  /**
   * Refuses rows to predict whose header differs from the training header in the inputs or the
   * class's position, type or number of values, or whose class has a training label at another
   * index. The class's name and labels may otherwise differ: a prediction reads no class value,
   * and Weka's {@code MultiClassClassifier} (one against one) predicts through a copy of the
   * header whose two class labels are renamed {@code class0} and {@code class1}.
   *
   * @param data the data set of the instances, or null for an instance without one
   * @param numAttributes the instances' number of attributes (checked when {@code data} is
   *     null)
   * @throws IllegalArgumentException naming the difference
   */
  public void checkPredictionHeader(Instances data, int numAttributes) {
    headerCheck().check(data, numAttributes, false);
  }

  /** The checks against the training header, made on first use (not part of the model). */
  private HeaderCheck headerCheck() {
    HeaderCheck h = headerCheck;
    if (h == null) { // two threads may both make one: each then keeps its own cache, no harm
      h = new HeaderCheck(header);
      headerCheck = h;
    }
    return h;
  }

  /** @return whether this model predicts the class distribution, having no input to learn from */
  public boolean isFallback() {
    return fallback != null;
  }

  /** @return the ZeroR predicted instead of a network, or null */
  public ZeroR fallback() {
    return fallback;
  }

  /** @return the training header (no rows) */
  public Instances header() {
    return header;
  }

  /** @return whether the class is nominal */
  public boolean nominalClass() {
    return header.classAttribute().isNominal();
  }

  /** @return the input encoder, or null for the fallback */
  public InstanceEncoder encoder() {
    return encoder;
  }

  /** @return the target encoder, or null for the fallback */
  public TargetEncoder target() {
    return target;
  }

  /** @return the trained network (live), or null for the fallback */
  public Network network() {
    return network;
  }

  /**
   * A dense one-row prediction workspace of {@link #network()} for the calling thread, made
   * once per thread and model and reused by each {@code distributionForInstance}: a fresh one
   * per instance (about 7 KB with 784 inputs) cost more than the prediction itself whenever
   * the collector or the JIT got in the way (bench/README.md, "One instance at a time").
   *
   * @return the calling thread's workspace; its buffers hold the last prediction's values
   */
  Workspace rowWorkspace() {
    RowBuffers b = rowBuffers();
    if (b.dense == null) {
      b.dense = new Workspace(network, 1, false);
    }
    return b.dense;
  }

  /** @return the calling thread's buffers for one instance on the sparse route */
  SparseRowScratch sparseRowScratch() {
    RowBuffers b = rowBuffers();
    if (b.sparse == null) {
      b.sparse = new SparseRowScratch();
    }
    return b.sparse;
  }

  /** The calling thread's one-row buffers of this model, its table made on first use. */
  private RowBuffers rowBuffers() {
    ThreadLocal<RowBuffers> t = rowBuffers;
    if (t == null) {
      synchronized (this) {
        t = rowBuffers;
        if (t == null) {
          t = ThreadLocal.withInitial(RowBuffers::new);
          rowBuffers = t;
        }
      }
    }
    return t.get();
  }

  /** One thread's buffers for one instance: dense or sparse route, made when first needed. */
  private static final class RowBuffers {
    Workspace dense;
    SparseRowScratch sparse;
  }

  /**
   * Marks an aggregation as begun (the first {@code aggregate}) or finished. While it is under
   * way the model cannot be saved or copied: the partial average lives with the classifier's
   * training state, which is not saved, so a copy had silently averaged only the models added
   * after it, and a saved one could not be finalized.
   *
   * @param on whether an aggregation is under way
   */
  void markAggregating(boolean on) {
    aggregating = on;
  }

  /**
   * Refuses a call that would train this model while an aggregation is under way. Why: the
   * average replaces the weights at {@code finalizeAggregation()}, so rows streamed, a stream's
   * end or epochs in between were trained and then thrown away, though the rows were counted.
   *
   * @param call what was called, for the message ("updateClassifier")
   * @throws TrainingStep.Refused if an aggregation is under way; nothing has changed
   */
  void refuseTrainingWhileAggregating(String call) {
    if (aggregating) {
      throw new TrainingStep.Refused("BackpropMLP: an aggregation is under way (aggregate() was"
          + " called), and " + call + " would train weights that finalizeAggregation() then"
          + " replaces by the average; call finalizeAggregation() first");
    }
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    if (aggregating) {
      throw new java.io.NotSerializableException("BackpropMLP: an aggregation is under way"
          + " (aggregate() was called); call finalizeAggregation() before saving or copying the"
          + " model");
    }
    out.defaultWriteObject();
  }


  /** @return the per-epoch record, or null when no epoch ran (row by row, fallback) */
  public TrainingHistory history() {
    return history;
  }

  /** @return how λ₂ was chosen among candidates, or null */
  public PenaltySelection selection() {
    return selection;
  }

  /** @return the λ₂ the model trained with; NaN for the fallback */
  public double trainedL2() {
    return trainedL2;
  }

  /**
   * @param settings the automatic text settings the build used
   * @return this model
   */
  FittedModel withText(TextSettings settings) {
    text = settings;
    return this;
  }

  /**
   * Records the settings of a stream's epochs over its reservoir: the text settings (or
   * {@link TextSettings#NONE}), and λ₂ as chosen on the reservoir or, where the text settings
   * fixed it, that value as the one trained with.
   *
   * @param settings the text settings of the reservoir's epochs
   * @param options the options in force
   * @param chosen the choice of λ₂ on the reservoir, or null if there was none
   */
  void reservoirEpochsWith(TextSettings settings, BackpropMLPOptions options,
      PenaltySelection chosen) {
    text = settings;
    selection = chosen;
    if (chosen != null) {
      trainedL2 = chosen.chosen();
    } else if (settings.applies()) {
      trainedL2 = settings.fixedL2(options);
    }
  }

  /** @return the automatic text settings the build used ({@link TextSettings#NONE} if none) */
  public TextSettings text() {
    return text == null ? TextSettings.NONE : text;
  }

  /** @return the rows the automatic step settings were chosen for; −1 row by row */
  public int stepRows() {
    return stepRows;
  }

  /** @return the rows the epochs trained on */
  public int trainingRows() {
    return trainingRows;
  }

  /** @return how many of the {@link #trainingRows()} have weight 0 and so were not trained on */
  public int weightlessRows() {
    return weightlessRows;
  }

  /** @return the rows held out for early stopping */
  public int validationRows() {
    return validationRows;
  }

  /** @return whether early stopping ended the epochs */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /** @return the rows trained on since the build or the last aggregation */
  public long rowsSinceAggregation() {
    return rowsSinceAggregation;
  }

  /** @return the rows trained on row by row, in this model and those aggregated into it */
  public long streamedRows() {
    return streamedRows;
  }
}
