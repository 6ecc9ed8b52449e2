package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.train.TrainingHistory;

/**
 * A read-only view of a trained BackpropMLP for its readers outside the classifier: the GUI's
 * training-curve plots, reports and tests. It shows the architecture (as text, layer widths and
 * activation names), the per-epoch curves, the settings chosen for the model (λ₂, the automatic
 * settings) and a copy of the parameters, and nothing that could change the model: the network
 * and the training record stay inside, so a reader needs no engine class and cannot reach the
 * live weights.
 *
 * <p>The view reads the model as it is when the view is made; a later build replaces the model
 * and needs a new view. Epoch indices are 0-based; a view without a training record (a model
 * trained row by row only) has no epochs.
 */
public final class ModelView {

  /**
   * The diagnostics the Experimenter can show as columns (the classifier's {@code
   * enumerateMeasures}): epochs run, best epoch (1-based), final training loss, best validation
   * loss, number of parameters, whether training stopped early (1 or 0), and the λ₂ trained
   * with.
   */
  public static final java.util.List<String> MEASURES = java.util.List.of("measureEpochsRun",
      "measureBestEpoch", "measureFinalTrainingLoss", "measureBestValidationLoss",
      "measureNumParameters", "measureStoppedEarly", "measureL2");

  private final Network network;
  private final TrainingHistory history;
  private final boolean stoppedEarly;
  private final double l2;
  private final String automaticSettings;
  private final Boolean nominalClass;
  private final double streamLoss;
  private final double classScale;

  private ModelView(Network network, TrainingHistory history, boolean stoppedEarly, double l2,
      String automaticSettings, Boolean nominalClass, double streamLoss, double classScale) {
    this.network = network;
    this.history = history;
    this.stoppedEarly = stoppedEarly;
    this.l2 = l2;
    this.automaticSettings = automaticSettings;
    this.nominalClass = nominalClass;
    this.streamLoss = streamLoss;
    this.classScale = classScale;
  }

  /**
   * The view of a model.
   *
   * @param options the classifier's options (the automatic settings read those the model was
   *     trained with, {@link ModelSummary#asTrained})
   * @param model the model
   * @return its view
   */
  public static ModelView of(BackpropMLPOptions options, FittedModel model) {
    return new ModelView(model.network(), model.history(), model.stoppedEarly(),
        model.trainedL2(),
        ModelSummary.automaticSettings(ModelSummary.asTrained(options, model), model),
        model.nominalClass(), model.streamLoss(),
        model.target() == null || model.nominalClass() ? Double.NaN : model.target().scale());
  }

  /**
   * A view of a training record alone, without a network (e.g. to plot curves recorded
   * elsewhere).
   *
   * @param history the record
   * @return its view
   */
  public static ModelView ofHistory(TrainingHistory history) {
    return new ModelView(null, history, false, Double.NaN, "", null, Double.NaN, Double.NaN);
  }

  /**
   * One of the Experimenter's diagnostics of this model, by name, so the classifier's {@code
   * getMeasure} has one place that knows them; the best epoch is reported 1-based.
   *
   * @param name one of {@link #MEASURES}, in any case (as J48 takes them)
   * @return its value for this view's model (0 or NaN for the empty view)
   * @throws IllegalArgumentException for another name
   */
  public double measure(String name) {
    switch (MEASURES.stream().filter(name::equalsIgnoreCase).findFirst().orElse(name)) {
      case "measureEpochsRun":
        return epochs();
      case "measureBestEpoch":
        return hasTrainingCurves() ? bestEpoch() + 1 : 0;
      case "measureFinalTrainingLoss":
        return finalTrainLoss();
      case "measureBestValidationLoss":
        return bestValidationLoss();
      case "measureNumParameters":
        return numParameters();
      case "measureStoppedEarly":
        return stoppedEarly() ? 1 : 0;
      case "measureL2":
        return l2();
      default:
        throw new IllegalArgumentException(name + " not supported (BackpropMLP)");
    }
  }

  /**
   * A view of no model, whose measures an unbuilt classifier reports (0 or NaN).
   *
   * @return a view of no model: no network, no epochs, λ₂ NaN
   */
  public static ModelView empty() {
    return new ModelView(null, null, false, Double.NaN, "", null, Double.NaN, Double.NaN);
  }

  /**
   * The spread a numeric class was scaled by for training, to turn the scaled losses and RMSE back
   * into the class's units.
   *
   * @return how many of the class's units one unit of a numeric class's validation RMSE and
   *     losses is (the spread the class is scaled by); NaN for a nominal class or without a model
   */
  public double classScale() {
    return classScale;
  }

  /**
   * Whether the model predicts a nominal class, which tells a plot whether the validation metric is
   * accuracy or RMSE.
   *
   * @return TRUE/FALSE for a model of a nominal/numeric class (the validation metric is then
   *     accuracy/RMSE), null for a view of a record alone; a model read back without its
   *     training header (the Explorer's Load model) still knows it
   */
  public Boolean nominalClass() {
    return nominalClass;
  }

  // ---- architecture ----

  /**
   * Whether the model has a network; the methods that need one say so below.
   *
   * @return whether there is a network (not for a model without input attributes)
   */
  public boolean hasNetwork() {
    return network != null;
  }

  /**
   * The architecture as one line of text, for reports and the curves' heading.
   *
   * @return the architecture, e.g. {@code 4-[8 RELU]-3 SOFTMAX + CROSS_ENTROPY}; empty without
   */
  public String architecture() {
    return network == null ? "" : network.toString();
  }

  /**
   * The number of trainable parameters of the network.
   *
   * @return the number of weights and biases, 0 without a network
   */
  public int numParameters() {
    return network == null ? 0 : network.numParameters();
  }

  /**
   * The number of weight layers of the network.
   *
   * @return the number of weight layers (hidden layers + 1), 0 without a network
   */
  public int numLayers() {
    return network == null ? 0 : network.numLayers();
  }

  /**
   * The number of units in layer {@code l}; needs a network.
   *
   * @param l layer: 0 is the input, {@link #numLayers()} the output
   * @return its width
   */
  public int layerSize(int l) {
    return network.size(l);
  }

  /**
   * The activation of hidden layer {@code i}; needs a network.
   *
   * @param i hidden layer, 0-based
   * @return the name of its activation, e.g. {@code RELU}
   */
  public String hiddenActivation(int i) {
    return network.hiddenActivation(i).name();
  }

  /**
   * The name of the loss the network was trained to minimise.
   *
   * @return the name of the training loss, e.g. {@code CROSS_ENTROPY}; empty without network
   */
  public String lossName() {
    return network == null ? "" : network.outputLayer().loss().name();
  }

  /**
   * A copy of the parameters, laid out as the network holds them (per weight layer: the weight
   * matrix, one row per output unit, then the biases), to compare models bit for bit.
   *
   * @return the copy; empty without a network
   */
  public double[] parameters() {
    return network == null ? new double[0] : network.parameters().clone();
  }

  // ---- chosen settings ----

  /**
   * The L2 penalty the model was trained with, which a penalty selection may have chosen.
   *
   * @return the λ₂ the model trained with (chosen, or the only one); NaN if none
   */
  public double l2() {
    return l2;
  }

  /**
   * The values chosen for the options left automatic, so a user sees what was actually used.
   *
   * @return the settings left automatic and their values, e.g. {@code automatic for 150 rows
   *     and 4 inputs: mini-batch 8, lr 0.01, no dropout}; empty if none
   */
  public String automaticSettings() {
    return automaticSettings;
  }

  /**
   * Whether early stopping ended training before the epoch budget.
   *
   * @return whether early stopping ended the epochs
   */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  // ---- per-epoch curves ----

  /**
   * Whether there are per-epoch curves to plot; the per-epoch methods below need them.
   *
   * @return whether the model has a training record (it ran epochs, or could)
   */
  public boolean hasTrainingCurves() {
    return history != null;
  }

  /**
   * The number of epochs run, 0 without a record.
   *
   * @return the number of epochs recorded
   */
  public int epochs() {
    return history == null ? 0 : history.epochs();
  }

  /**
   * The number of weight layers with a gradient-norm curve, 0 without a record.
   *
   * @return the weight layers whose gradient norms were recorded
   */
  public int curveLayers() {
    return history == null ? 0 : history.layers();
  }

  /**
   * The mean training loss of epoch {@code e} (0-based); needs a record.
   *
   * @param e epoch
   * @return its mean training loss
   */
  public double trainLoss(int e) {
    return history.trainLoss(e);
  }

  /**
   * The held-out loss after epoch {@code e} (0-based); needs a record.
   *
   * @param e epoch
   * @return the validation loss after it, NaN without a holdout
   */
  public double validationLoss(int e) {
    return history.validationLoss(e);
  }

  /**
   * The held-out accuracy or RMSE after epoch {@code e} (0-based); needs a record.
   *
   * @param e epoch
   * @return the validation accuracy (nominal class) or RMSE in standard deviations of the class
   *     (numeric class) after it, NaN without a holdout
   */
  public double validationMetric(int e) {
    return history.validationMetric(e);
  }

  /**
   * The learning rate the schedule gave epoch {@code e} (0-based); needs a record.
   *
   * @param e epoch
   * @return its learning rate
   */
  public double learningRate(int e) {
    return history.learningRate(e);
  }

  /**
   * The gradient norm of weight layer {@code l} in epoch {@code e} (0-based), which shows vanishing
   * or exploding gradients; needs a record.
   *
   * @param e epoch
   * @param l weight layer
   * @return the root-mean-square gradient norm of the layer over the epoch's steps
   */
  public double gradientNorm(int e, int l) {
    return history.gradientNorm(e, l);
  }

  /**
   * The 0-based epoch whose weights the model kept; needs a record.
   *
   * @return the epoch whose weights were kept: the best validation loss, or the last
   */
  public int bestEpoch() {
    return history.bestEpoch();
  }

  /**
   * The lowest held-out loss of any epoch.
   *
   * @return the best validation loss, NaN without a holdout or a record
   */
  public double bestValidationLoss() {
    return history == null ? Double.NaN : history.bestValidationLoss();
  }

  /**
   * The training loss the model ended with.
   *
   * @return the training loss of the last epoch; for a model trained row by row without epochs
   *     the stream's mean loss per row; NaN before any
   */
  public double finalTrainLoss() {
    return history == null ? streamLoss : history.finalTrainLoss();
  }
}
