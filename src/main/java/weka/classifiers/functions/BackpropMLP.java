package weka.classifiers.functions;

import java.io.File;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.Collections;
import java.util.Enumeration;
import weka.classifiers.Evaluation;
import weka.classifiers.IterativeClassifier;
import weka.classifiers.UpdateableBatchProcessor;
import weka.classifiers.UpdateableClassifier;
import weka.classifiers.functions.backpropmlp.BackpropMLPOptions;
import weka.classifiers.functions.backpropmlp.BatchBuild;
import weka.classifiers.functions.backpropmlp.BatchPrediction;
import weka.classifiers.functions.backpropmlp.DataChecks;
import weka.classifiers.functions.backpropmlp.FittedModel;
import weka.classifiers.functions.backpropmlp.HeapRoom;
import weka.classifiers.functions.backpropmlp.ModelSummary;
import weka.classifiers.functions.backpropmlp.ModelView;
import weka.classifiers.functions.backpropmlp.OptionChecks;
import weka.classifiers.functions.backpropmlp.OptionHelp;
import weka.classifiers.functions.backpropmlp.References;
import weka.classifiers.functions.backpropmlp.StreamingSession;
import weka.classifiers.functions.backpropmlp.TrainingSession;
import weka.classifiers.functions.backpropmlp.TrainingStep;
import weka.classifiers.functions.backpropmlp.UntrainedForm;
import weka.core.AdditionalMeasureProducer;
import weka.core.Aggregateable;
import weka.core.BatchPredictor;
import weka.core.Capabilities;
import weka.core.CommandlineRunnable;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Randomizable;
import weka.core.RevisionUtils;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.WeightedInstancesHandler;
import weka.core.WekaException;

/**
 * A multilayer perceptron trained by backpropagation with mini-batch gradient descent, as a Weka
 * classifier for nominal classes (classification) and numeric classes (regression).
 *
 * <p>This class holds Weka's interfaces and delegates: the options are those of {@link
 * BackpropMLPOptions}; a build ({@link BatchBuild}) encodes the data, builds the network and
 * chooses λ₂, and {@link #next()} runs one epoch at a time; row-by-row training and aggregation
 * go to a {@link StreamingSession}; predictions to {@link BatchPrediction}; the description to
 * {@link ModelSummary}. A trained model is one {@link FittedModel}, its training state between
 * calls one {@link TrainingSession}; readers outside see a {@link ModelView}.
 */
public class BackpropMLP extends BackpropMLPOptions
    implements IterativeClassifier, BatchPredictor, WeightedInstancesHandler, Randomizable,
        TechnicalInformationHandler, AdditionalMeasureProducer, UpdateableClassifier,
        UpdateableBatchProcessor, Aggregateable<BackpropMLP>, CommandlineRunnable {

  private static final long serialVersionUID = 7261730391251876311L;

  /** The layout of the saved fields; version 1.0.0 of the package had none. */
  private static final int MODEL_FORMAT = 2;

  /** Why a model saved by version 1.0.0 cannot be read. */
  static final String VERSION_1_REFUSED = "This BackpropMLP model was saved by version 1.0.0 of"
      + " the backpropMLP package; version 2.0.0 cannot read it: retrain it with 2.0.0 (or load"
      + " it with 1.0.0)";

  /** The format of the saved fields: {@link #MODEL_FORMAT} (a field 1.0.0 did not have). */
  private int modelFormat = MODEL_FORMAT;

  /** The trained model; null before a build. */
  private FittedModel model;

  /** The model's training state between calls; null with the model. */
  private transient TrainingSession session;

  /**
   * The training state saved with the model when {@code -resume} keeps it ({@link
   * #writeObject}); null otherwise, and at every other moment.
   */
  private TrainingSession resumable;

  /**
   * Describes the classifier for the GUI.
   *
   * @return a short plain-language description
   */
  public String globalInfo() {
    return "A multilayer perceptron (feed-forward neural network) trained by backpropagation"
        + " with mini-batch gradient descent. Use it for classification (nominal class, softmax"
        + " outputs and cross-entropy) or regression (numeric class) when a linear model is not"
        + " flexible enough. Any number of hidden layers, each with its own activation; SGD with"
        + " momentum or Nesterov, Adam, AdamW, RMSProp and AdaGrad; L1/L2 penalties, dropout,"
        + " gradient clipping, learning-rate schedules and early stopping on a stratified"
        + " holdout. Numeric inputs are standardized (divided by their largest absolute value"
        + " on sparse data), nominal ones one-hot encoded (one 0/1 input for two values), missing"
        + " values imputed with an indicator input. Training with the same seed gives the same"
        + " model every time, on any number of threads. It can also learn row by row from data"
        + " too large to load (UpdateableClassifier) and be trained on partitions whose models"
        + " are averaged (Aggregateable, for Weka's distributed packages).\n\nFor more"
        + " information see:\n\n"
        + getTechnicalInformation().toString();
  }

  /**
   * The papers behind the method: backpropagation, the optimizers, the initializations, gradient
   * clipping and dropout.
   *
   * @return the references, shown by the GUI and cited by {@link #globalInfo()}
   */
  @Override
  public TechnicalInformation getTechnicalInformation() {
    return References.papers();
  }

  /**
   * Nominal, numeric and date attributes and classes (numeric and date unless {@code -loss} is a
   * cross-entropy), missing values; no minimum of instances (an empty header starts a stream).
   *
   * @return the capabilities
   */
  @Override
  public Capabilities getCapabilities() {
    return DataChecks.capabilities(super.getCapabilities(), getLoss());
  }

  /**
   * Trains on {@code data}: {@link #initializeClassifier}, every epoch, {@link #done()}. On an
   * empty data set, only initializes a network for row-by-row training.
   *
   * @param data the training data
   * @throws Exception if the data cannot be used or training fails, with the reason
   */
  @Override
  public synchronized void buildClassifier(Instances data) throws Exception {
    training(false, () -> {
      initialize(data, true);
      while (next()) {
        // one epoch per iteration; an interrupt forgets the model, which is not finished
      }
    });
    done();
  }

  /**
   * Prepares training: checks the data, learns the input and target encodings, builds and
   * initializes the network. When {@link #getResume()} is set and a previous training left its
   * state, training instead continues from the current weights (as the Explorer's "Continue
   * iterating" asks); {@link #buildClassifier} always starts afresh, as Weka's LogitBoost does.
   *
   * @param data training data
   * @throws Exception if the data cannot be used, with the reason
   */
  @Override
  public synchronized void initializeClassifier(Instances data) throws Exception {
    training(false, () -> initialize(data, false));
  }

  /**
   * @param data training data
   * @param whole whether all epochs run now ({@link #buildClassifier}, which never resumes:
   *     meta-learners build one instance on fold after fold); the final training may then run
   *     alongside the λ₂ candidates
   */
  private void initialize(Instances data, boolean whole) throws Exception {
    DataChecks.given(data, "the training data");
    String afresh = whole || !getResume() || model == null || data.numInstances() == 0 ? null
        : TrainingSession.resumeWith(session, data, model.text().resumeEpochs(getMaxEpochs()),
            getOptions()); // "": continued, taking only -epochs (the description says so)
    if ("".equals(afresh)) {
      return;
    }
    DataChecks.check(this, data); // a refusal of the data keeps the model; a failed build not
    clearModel(); // (first, so that the memory checks count the heap the old model leaves)
    TrainingSession s = data.numInstances() == 0
        ? TrainingSession.of(this, StreamingSession.untrainedModel(this, data))
        : BatchBuild.fit(this, data, whole);
    model = s.model();
    model.recordOptions(getOptions());
    model.noteFreshStart(afresh);
    session = s;
  }

  /**
   * Runs one epoch. An interrupt before the epoch starts keeps the model: clear it, call again.
   *
   * @return true when an epoch ran, false when none was left to run (the epochs are spent or
   *     early stopping ended them), as Weka's LogitBoost answers: IterativeClassifierOptimizer
   *     stops at false without scoring that call, so answering false on the call that ran the
   *     last epoch had kept it from ever choosing the last epoch
   * @throws Exception if interrupted or if training diverges
   */
  @Override
  public synchronized boolean next() throws Exception {
    if (model == null) {
      throw new IllegalStateException("call initializeClassifier before next()");
    }
    if (model.isFallback() || !session().hasEpochsToRun()) {
      return false; // nothing to train, or done (set resume to continue)
    }
    training(true, session::runEpoch);
    if (getDebug()) {
      System.err.print(ModelSummary.lastEpoch(model));
    }
    return true;
  }

  /**
   * Ends training: restores the best validation weights and, unless resuming, drops the
   * training data and optimizer state; writes the curve file if one is set.
   */
  @Override
  public synchronized void done() throws Exception {
    if (session != null) {
      session.finishEpochs(getResume());
    }
    if (!getCurveFile().isEmpty()) {
      ModelSummary.writeCurve(model, new File(getCurveFile()));
    }
  }

  /**
   * Trains on one more instance: it joins a mini-batch buffer, and each full buffer makes one
   * optimizer step; a dense stream from the header with {@code -mini-batch} automatic steps on
   * fewer new rows at first (doc/defaults.md, "Learning while streaming"). Works after building
   * on an empty header (the streaming route) and after a normal build (fine-tuning, also of a
   * model read back). After a stream's end, in the same session, the stream goes on ({@link
   * TrainingSession#forMoreRows}). Instances with a missing class are skipped.
   *
   * @param instance the new training instance, with the training header (calls take turns)
   * @throws Exception if no model was built or the header differs; interrupted: row not taken
   */
  @Override
  public synchronized void updateClassifier(Instance instance) throws Exception {
    FittedModel m = trained();
    if (m.isFallback()) {
      throw new IllegalStateException("BackpropMLP: this model has no input attribute to learn"
          + " from, so it predicts the class distribution of its training data and takes no"
          + " updates; build it again on all the data");
    }
    m.checkHeader(DataChecks.given(instance, "the instance").dataset(), instance.numAttributes());
    TrainingSession going = session().forMoreRows(); // after a stream's end: that stream
    StreamingSession rows = going.rows();
    if (!rows.accepts(instance)) {
      going.model().countUnlabelledRow();
      return;
    }
    training(true, () -> rows.add(instance));
    session = going; // switched only for a row taken: a refused, skipped or interrupted row
    model = going.model(); // leaves the model of a stream's end as it was
  }

  /**
   * Ends a stream. When every accepted row is still in the reservoir (the stream was no larger
   * than {@code -reservoir}), trains exactly what {@link #buildClassifier} trains on those rows
   * in stream order, so Weka's command line ({@code -t}) prints the model its cross-validation
   * folds evaluate; the streamed model stays behind it for an {@link #aggregate}. Otherwise (rows
   * evicted, or {@code -reservoir 0}) trains on the rows still waiting in the mini-batch buffer
   * and then runs up to maxEpochs epochs over the reservoir sample ({@link
   * weka.classifiers.functions.backpropmlp.TrainingSession#finishRows}). A stream without a
   * labelled row leaves the untrained model, which an aggregation averages with weight 0 and
   * which refuses to predict.
   *
   * @throws Exception if training fails
   */
  @Override
  public synchronized void batchFinished() throws Exception {
    if (session != null || TrainingSession.endsStreamWithoutSession(model)) {
      if (Thread.currentThread().isInterrupted()) { // before anything changes: the rows stay
        throw new InterruptedException("BackpropMLP: the stream's end was interrupted before it"
            + " began; the model and its rows are kept: clear the interrupt and call again");
      }
      training(true, () -> { // an interrupted end keeps the stream (finishRows)
        session = session().finishRows(getResume());
        model = session.model();
        model.recordOptions(getOptions());
      });
      if (!getCurveFile().isEmpty()) {
        ModelSummary.writeCurve(model, new File(getCurveFile()));
      }
    }
  }

  /**
   * Adds another model, trained on another partition from the same initial weights, to a
   * weighted average (weights: rows each model trained on since it was built or last
   * aggregated). Call {@link #finalizeAggregation()} after the last one. The first call also
   * enters this model itself. A model whose stream fit in its reservoir (so {@link
   * #batchFinished} gave it the batch model) takes part with its streamed model, trained on its
   * reservoir as a genuine stream's end trains it (averaging needs the same streaming
   * architecture and statistics in every partition); {@code other} keeps its batch model.
   *
   * @param other a model with the same options and header
   * @return this model
   * @throws Exception if the models cannot be averaged, with the reason
   */
  @Override
  public synchronized BackpropMLP aggregate(BackpropMLP other) throws Exception {
    DataChecks.given(other, "the model to aggregate");
    // a stream's batch model takes part with a trained copy of its streamed route, taken over
    // only if the aggregation succeeds (an interrupted or refused call had lost this model);
    // the other model stays as it was
    TrainingSession mine = streamedSession();
    mine = mine != null ? mine : session();
    TrainingSession theirs = other.streamedSession();
    mine.aggregate(theirs != null ? theirs.model() : other.trained(),
        theirs != null ? theirs : other.session);
    model = mine.model();
    session = mine;
    return this;
  }

  /**
   * A session on a trained copy of the streamed route kept behind this batch model ({@link
   * TrainingSession#materialized}, with this classifier's options), or null for a model without
   * one; the model itself is left as it is, also when this fails.
   */
  private TrainingSession streamedSession() throws Exception {
    FittedModel batch = model;
    if (batch == null || batch.streamedRoute() == null) {
      return null;
    }
    TrainingSession[] made = new TrainingSession[1];
    TrainingStep.guarded(false, () -> made[0] = TrainingSession.materialized(this, batch),
        () -> { }, getNormalization());
    return made[0];
  }

  /**
   * Replaces this model's weights by the weighted average of the aggregated models, in the
   * pooled normalization statistics. Optimizer state (momentum, Adam moments) is reset rather
   * than averaged: the moments of different partitions describe different trajectories, and
   * Adam's bias correction makes a fresh start cheap.
   *
   * @throws Exception if there is no model or nothing was aggregated
   */
  @Override
  public synchronized void finalizeAggregation() throws Exception {
    session().finalizeAggregation();
  }

  /** Runs a training step: see {@link TrainingStep#guarded}. */
  private void training(boolean repeatable, TrainingStep step) throws Exception {
    TrainingStep.guarded(repeatable, step, this::clearModel, getNormalization());
  }

  private void clearModel() {
    model = null;
    session = null;
  }

  /** The model's training session, started for a model that has none (one read back). */
  private TrainingSession session() {
    if (session == null) {
      session = TrainingSession.of(this, trained());
    }
    return session;
  }

  /** @return the trained model, refused when there is none */
  private FittedModel trained() {
    if (model == null) {
      throw new IllegalStateException("BackpropMLP: no model has been built yet (or the last"
          + " build failed, or is still running on another thread)");
    }
    return model;
  }

  // =====================================================================================
  // Prediction
  // =====================================================================================

  /** @return the trained model, refused when there is none or it learned nothing */
  private FittedModel predicting() throws WekaException {
    FittedModel m = trained();
    if (m.learnedNothing()) {
      throw DataChecks.noLabelledStream(m);
    }
    return m;
  }

  /**
   * Predicts one instance.
   *
   * @param instance an instance with the training header
   * @return the class distribution, or a one-element numeric prediction
   * @throws Exception if the model is not built or the header differs
   */
  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    FittedModel m = predicting();
    m.checkPredictionHeader(DataChecks.given(instance, "the instance").dataset(),
        instance.numAttributes());
    return BatchPrediction.distribution(m, instance);
  }

  /**
   * Predicts a whole set at once, far faster than row by row: encoded, through the network in
   * blocks of {@link #getBatchSize()} rows (dense: 256 or 4 MB), on {@link #getThreads()}.
   *
   * @param insts instances with the training header
   * @return one distribution (or one-element numeric prediction) per instance
   * @throws Exception if the model is not built or the header differs
   */
  @Override
  public double[][] distributionsForInstances(Instances insts) throws Exception {
    DataChecks.given(insts, "the instances");
    FittedModel m = insts.numInstances() == 0 ? trained() : predicting(); // none: nothing to refuse
    m.checkPredictionHeader(insts, insts.numAttributes());
    return BatchPrediction.distributions(
        m, insts, BatchPrediction.blockRows(m, getBatchSize()), effectiveThreads());
  }

  /**
   * Whether Weka should hand whole sets to {@link #distributionsForInstances}, which predicts in
   * blocks on several threads: true unless the model was trained on so much data that Weka's
   * {@code Evaluation} could not hold the two copies of such a set it makes for batch prediction
   * (see {@link BatchPrediction#evaluationCopiesFit}); it then streams the instances one by one.
   *
   * @return whether batch prediction is the better way for this model and heap
   */
  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return model == null || model.isFallback()
        || BatchPrediction.evaluationCopiesFit(model, HeapRoom.available());
  }

  /**
   * @param size rows per block of a whole set's prediction: a whole number ≥ 1, refused
   *     otherwise with the option's name (Weka's default takes any text and falls back silently)
   */
  @Override
  public void setBatchSize(String size) {
    try {
      OptionChecks.atLeast("batch-size", "batchSize", Integer.parseInt(size.trim()), 1);
    } catch (NumberFormatException | NullPointerException e) {
      throw OptionChecks.bad("batch-size", "batchSize", "must be a whole number >= 1",
          "\"" + size + "\"");
    }
    super.setBatchSize(size.trim());
  }

  /** @return the tip text of Weka's {@code -batch-size}: prediction's block rows here */
  @Override
  public String batchSizeTipText() {
    return OptionHelp.BATCH_SIZE;
  }

  /** @return the tip text of Weka's {@code -num-decimal-places}: at least 4 here */
  @Override
  public String numDecimalPlacesTipText() {
    return OptionHelp.DECIMALS;
  }

  // =====================================================================================
  // Reporting
  // =====================================================================================

  /**
   * A read-only view of the trained model for the GUI, reports and tests: architecture,
   * per-epoch curves, chosen settings and a copy of the parameters.
   *
   * @return the view, or null before a build
   */
  public ModelView getModelView() {
    return model == null ? null : ModelView.of(this, model);
  }

  /**
   * The diagnostics the Experimenter can show as columns ({@link ModelView#MEASURES}).
   *
   * @return the measure names
   */
  @Override
  public Enumeration<String> enumerateMeasures() {
    return Collections.enumeration(ModelView.MEASURES);
  }

  /**
   * @param name one of {@link #enumerateMeasures()}, in any case (as J48 takes them)
   * @return its value for the current model (0 or NaN before a build)
   * @throws IllegalArgumentException for another name
   */
  @Override
  public double getMeasure(String name) {
    return (model == null ? ModelView.empty() : getModelView()).measure(name);
  }

  /** @return the model's description: architecture, options, training curve, λ₂ selection */
  @Override
  public String toString() {
    return ModelSummary.of(this, model, session != null ? session.meanStreamLoss()
        : model == null ? Double.NaN : model.streamLoss()); // a copy has no session
  }

  /** @return the package version */
  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 2.0.0 $");
  }

  /**
   * Saves the model, and with {@code -resume} its training state (the trainer: the encoded rows,
   * the optimizer's moments, the random streams), as Weka's IterativeClassifier asks of resume:
   * the Explorer keeps a serialized copy of each run's model, which "Continue iterating" trains
   * on, and a model saved to a file can be continued after it is read back, bit for bit as the
   * original would go on.
   *
   * @param out the stream
   * @throws IOException if writing fails
   */
  private synchronized void writeObject(java.io.ObjectOutputStream out) throws IOException {
    resumable = getResume() && session != null ? session.resumable() : null;
    try {
      out.defaultWriteObject();
    } finally {
      resumable = null;
    }
  }

  /** An untrained classifier is saved as its options ({@link UntrainedForm} says why). */
  private Object writeReplace() {
    return UntrainedForm.replace(this, BackpropMLP.class, model == null && session == null);
  }

  /**
   * Reads a saved model, refusing one saved by version 1.0.0 (whose fields this version does not
   * have) with a message that says so, instead of a model that would fail later.
   *
   * @param in the stream
   * @throws IOException if the model was saved by version 1.0.0, or cannot be read
   * @throws ClassNotFoundException if a class of the model is missing
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    ObjectInputStream.GetField fields = in.readFields();
    if (fields.defaulted("modelFormat")) {
      throw new InvalidObjectException(VERSION_1_REFUSED);
    }
    modelFormat = fields.get("modelFormat", 0);
    if (modelFormat != MODEL_FORMAT) {
      throw new InvalidObjectException("This BackpropMLP model has format " + modelFormat
          + "; version 2.0.0 of the backpropMLP package reads format " + MODEL_FORMAT
          + ": load it with the version that saved it, or retrain it");
    }
    model = (FittedModel) fields.get("model", null);
    session = (TrainingSession) fields.get("resumable", null); // null unless saved to resume
  }

  /** Kept so that its level holds: netlib's start-up warnings are not the user's concern. */
  private static final java.util.logging.Logger NETLIB =
      java.util.logging.Logger.getLogger("com.github.fommil.netlib");

  /**
   * Runs the classifier from the command line, e.g.
   * {@code java weka.classifiers.functions.BackpropMLP -t iris.arff}, as Weka's {@code
   * runClassifier} does, except that a problem of the data (a Weka exception, or fewer instances
   * than folds) prints its message, whose first line is the advice, instead of a stack trace.
   *
   * @param args Weka's usual evaluation options followed by this classifier's options
   */
  public static void main(String[] args) {
    new BackpropMLP().run(null, args);
  }

  /** Nothing to prepare before a command-line run ({@link CommandlineRunnable}). */
  @Override
  public void preExecution() {}

  /** Nothing to clean up after a command-line run ({@link CommandlineRunnable}). */
  @Override
  public void postExecution() {}

  /**
   * The command line, as {@link #main} runs it; {@code java weka.Run BackpropMLP ...} (the way
   * to run an installed package) calls this, since this is a {@link CommandlineRunnable}.
   *
   * @param toRun the classifier to run (this one if it is not a BackpropMLP)
   * @param args Weka's usual evaluation options followed by this classifier's options
   */
  @Override
  public void run(Object toRun, String[] args) {
    NETLIB.setLevel(java.util.logging.Level.SEVERE);
    try {
      BackpropMLP c = toRun instanceof BackpropMLP ? (BackpropMLP) toRun : this;
      System.out.println(Evaluation.evaluateModel(c, args));
    } catch (Exception e) {
      String advice = DataChecks.advice(e);
      String m = e.getMessage();
      if (advice != null) {
        System.err.println(advice);
      } else if (m != null && m.contains("General options")) {
        System.err.println(OptionHelp.withoutUsageAfterRefusal(m)); // Weka's help, or usage
      } else {
        e.printStackTrace();
      }
    }
  }
}
