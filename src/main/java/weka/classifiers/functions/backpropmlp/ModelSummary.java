package weka.classifiers.functions.backpropmlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import weka.classifiers.functions.backprop.model.Activation;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.PenaltySelection;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.classifiers.functions.backprop.train.TrainingHistory;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The text a user sees for a trained model ({@code toString()}): architecture, effective
 * options with the settings chosen automatically, how training went, a compact loss curve, a
 * gradient-health check and how λ₂ was chosen; and the per-epoch record as CSV ({@code
 * -curve-file}).
 */
public final class ModelSummary {

  /** Rows of the loss curve shown, at most. */
  static final int CURVE_ROWS = 12;

  private ModelSummary() {}

  /**
   * The description of a model, as {@code toString()} shows it.
   *
   * @param current the options in force (read as the model was trained, {@link #asTrained})
   * @param model the model, or null before a build
   * @param streamLoss mean training loss per row of row-by-row training (NaN if unknown)
   * @return the description
   */
  public static String of(BackpropMLPOptions current, FittedModel model, double streamLoss) {
    if (model == null) {
      return "BackpropMLP: no model built yet.";
    }
    BackpropMLPOptions options = asTrained(current, model);
    if (model.isFallback()) {
      return "BackpropMLP: the training data have no input attribute to learn from; predicting"
          + " the class distribution of the training data instead.\n\n" + model.fallback();
    }
    if (model.learnedNothing()) {
      return "BackpropMLP: " + DataChecks.noLabelledStreamAdvice(model) + "\n";
    }
    String opts = String.join(" ", options.getOptions());
    String automatic = automaticSettings(options, model);
    if (!automatic.isEmpty()) {
      opts += " (" + automatic + ")";
    }
    if (model.history() == null) {
      return describeStream(model.network(), model.header(), opts, model.streamedRows(),
          streamLoss) + (options.getReservoirSize() == 0 && model.streamedRows() > 0
              ? StreamNotes.singlePass(options, model) : "")
          + (model.untrainedNetwork() ? StreamNotes.untrained(options, model)
              : !model.streamEnded() && options.getReservoirSize() > 0
                  ? StreamNotes.midStream(options, model)
              : options.getReservoirSize() > 0 && model.streamedRows() > 0
                  ? StreamNotes.noSample()
              : "")
          + StreamNotes.inputsAndPenalty(options, model) + settingNotes(options, model)
          + OptionChanges.note(model);
    }
    int decimals = options.getNumDecimalPlaces();
    boolean continued = model.selection() != null && model.selection().continued();
    return describe(model.network(), model.history(), model.header(), opts, model.trainingRows(),
        model.validationRows(), model.stoppedEarly(), model.target().scale(),
        model.target().isRobust(), decimals, continued)
        + (model.selection() != null
            ? "\n" + describeSelection(model.selection(), model.nominalClass(), decimals) : "")
        + (model.encoder().isStreaming()
            ? StreamNotes.paragraph(StreamNotes.inputsAndPenalty(options, model)) : "")
        + (model.untrainedNetwork() ? "\n" + StreamNotes.untrained(options, model) : "")
        + StreamNotes.streamed(options, model) + settingNotes(options, model)
        + OptionChanges.note(model);
  }

  /**
   * The options the model was trained with ({@link FittedModel#trainedOptions}), so that a
   * description never shows options set after training (on a model read back and given new
   * ones) as those it was trained with; the decimals stay the current ones, which only format
   * the description.
   *
   * @param current the classifier's options now
   * @param model the model
   * @return options as at training, or {@code current} when none were recorded
   */
  static BackpropMLPOptions asTrained(BackpropMLPOptions current, FittedModel model) {
    String[] trained = model.trainedOptions();
    if (trained == null || java.util.Arrays.equals(trained, current.getOptions())) {
      return current;
    }
    try {
      BackpropMLPOptions o = current.getClass().getDeclaredConstructor().newInstance();
      o.setOptions(trained);
      o.setNumDecimalPlaces(current.getNumDecimalPlaces());
      return o;
    } catch (Exception e) {
      return current; // a subclass without a public no-argument constructor: the options now
    }
  }

  /**
   * The options set to something that had no effect on this model ("No effect"), or that
   * misfired ("Note"), and what an aggregation changed, each with the reason, so that a
   * description never shows a setting as applied when it was not; empty when there is nothing
   * to say.
   */
  static String settingNotes(BackpropMLPOptions options, FittedModel model) {
    StringBuilder sb = new StringBuilder(StreamNotes.passOptions(options, model));
    if (model.weightlessRows() > 0 && model.history() != null) {
      sb.append(String.format(Locale.ROOT, "%nNote: %d of the %d training rows have weight 0, so"
          + " nothing was learnt from them.", model.weightlessRows(), model.trainingRows()));
    }
    if (model.averagedModels() > 1 && model.history() != null && model.streamedRows() == 0) {
      sb.append("\nNote: the weights are the row-weighted average of ").append(
          model.averagedModels()).append(" models (aggregate, finalizeAggregation); what is shown"
              + " above (rows, curve, penalty) is this model's own training before the"
              + " averaging.");
    }
    if (options.getLabelSmoothing() > 0 && !model.network().outputLayer().smoothsTargets()) {
      sb.append("\nNo effect: -label-smoothing ").append(options.getLabelSmoothing())
          .append(" smooths the targets of the cross-entropy losses only, and this model is"
              + " trained with ").append(model.network().outputLayer().loss()).append('.');
    }
    if (options.getClassWeights() != ClassWeighting.NONE && !model.nominalClass()) {
      sb.append("\nNo effect: -class-weights ").append(options.getClassWeights())
          .append(" weights the rows of a nominal class; this class is numeric.");
    }
    Loss loss = model.network().outputLayer().loss();
    if (loss == Loss.HUBER && model.nominalClass()) {
      sb.append("\nNo effect: -loss HUBER on a nominal class is SQUARED_ERROR: sigmoid outputs are"
          + " never more than 1 from their 0/1 targets, within Huber's threshold.");
    }
    momentumNotes(options, sb);
    hiddenLayerNotes(options, model.network(), sb);
    TrainingHistory h = model.history();
    if (options.getPatience() != TrainerConfig.DEFAULT_PATIENCE && h != null
        && model.validationRows() == 0 && model.selection() == null) {
      sb.append("\nNo effect: -patience ").append(options.getPatience()).append(" counts epochs"
          + " without a lower validation loss, and this model had neither validation rows"
          + " (-validation) nor a penalty list to choose from on a holdout, so no early stopping"
          + " ran.");
    }
    if (h != null && options.getWarmupEpochs() >= h.epochs() && h.epochs() > 0) {
      sb.append("\nNote: -warmup ").append(options.getWarmupEpochs()).append(" is not shorter"
          + " than the ").append(h.epochs()).append(" epochs trained, so the learning rate rose"
          + " all along and never reached its full value; a shorter -warmup lets it.");
    }
    if (options.getNormalization() == Normalization.NONE && h != null && explodes(h)) {
      sb.append("\nNote: -normalize NONE feeds the inputs to the network unscaled, and inputs far"
          + " from [-1, 1] make gradients explode whatever -lr or -clip: -normalize AUTO (the"
          + " default) scales them.");
    }
    if (h != null && lossStood(h)) {
      sb.append(String.format(Locale.ROOT, "%nNote: the training loss moved by less than %s of"
          + " itself in %d epochs (%s at the first, %s at the last): the steps hardly changed"
          + " the weights, so the model is about what its random start was. A larger -lr (or"
          + " -clip, if set) lets them move it.",
          num(100 * STOOD_STILL) + " %", h.epochs(), fmt(h.trainLoss(0), 4),
          fmt(h.finalTrainLoss(), 4)));
    } else if (model.classConstant()) {
      sb.append("\nNote: every training row has the same class value: these rows hold nothing"
          + " to learn but that value, which the model learns to predict for every row.");
    } else if (model.outputsAlike()) {
      int looked = Math.min(model.trainingRows(), FittedModel.SPREAD_ROWS);
      sb.append(String.format(Locale.ROOT, "%nNote: the model predicts nearly the same for every"
          + " training row (no output moves by more than %.2g across %s of them%s): it has learnt"
          + " little beyond the class distribution. A weaker penalty (-l1, -l2), more epochs or"
          + " another -lr may help.", model.outputSpread(),
          model.trainingRows() > FittedModel.SPREAD_ROWS ? FittedModel.SPREAD_ROWS : "all",
          looked >= 100 ? ", the 1 % farthest out at either end aside" : ""));
    }
    double percent = options.getValidationPercent();
    int rows = model.trainingRows() + model.validationRows();
    double held = rows == 0 ? 0 : 100.0 * model.validationRows() / rows;
    if (percent > 0 && h != null && model.validationRows() == 0) {
      sb.append("\nNo effect: -validation ").append(Utils.doubleToString(percent, 6))
          .append(" % held out none of the ").append(model.trainingRows()).append(" rows (each"
              + " class gives that share of its rows, rounded, and keeps at least one to train"
              + " on), so no early stopping ran.");
    } else if (percent > 0 && h != null && Math.abs(held - percent) > 10) {
      sb.append(String.format(Locale.ROOT, "%nNote: -validation %s %% held out %d of %d rows"
          + " (%.0f %%): the holdout is taken per class, rounded, and leaves every class a row to"
          + " train on.", Utils.doubleToString(percent, 6), model.validationRows(), rows, held));
    }
    return sb.length() == 0 ? "" : sb.append('\n').toString();
  }

  /**
   * The notes on {@code -activation} and {@code -dropout}, which act on hidden layers, where
   * there are none or all name their own activation.
   */
  private static void hiddenLayerNotes(BackpropMLPOptions options, Network net,
      StringBuilder sb) {
    int hidden = net.numLayers() - 1;
    if (hidden == 0 && options.getDropout() > 0) {
      sb.append("\nNo effect: -dropout ").append(options.getDropout()).append(" drops hidden"
          + " units, and this model has no hidden layer.");
    }
    if (options.getActivation() == Activation.RELU) {
      return; // the default: nothing was asked for
    }
    if (hidden > 0 && !java.util.Arrays.stream(EngineConfig.hiddenLayers(options).split(","))
        .allMatch(layer -> layer.contains(":"))) {
      return; // a layer without its own activation takes -activation
    }
    sb.append("\nNo effect: -activation ").append(options.getActivation()).append(" sets the"
        + " hidden layers that name no activation of their own, and this model has ")
        .append(hidden == 0 ? "no hidden layer." : "none: -hidden names each layer's.");
  }

  /** The notes on {@code -momentum} and {@code -nesterov} where the optimizer ignores them. */
  private static void momentumNotes(BackpropMLPOptions options, StringBuilder sb) {
    boolean momentumSet = options.getMomentum() != TrainerConfig.DEFAULT_MOMENTUM;
    if (options.getOptimizer() != OptimizerType.SGD && (momentumSet || options.getNesterov())) {
      sb.append("\nNo effect: ").append(momentumSet ? "-momentum " + options.getMomentum() : "")
          .append(momentumSet && options.getNesterov() ? " and " : "")
          .append(options.getNesterov() ? "-nesterov" : "")
          .append(momentumSet && options.getNesterov() ? " apply" : " applies")
          .append(" to -optimizer SGD only; this model is trained with ")
          .append(options.getOptimizer()).append('.');
    } else if (options.getNesterov() && options.getMomentum() == 0) {
      sb.append("\nNo effect: -nesterov is a form of momentum, and -momentum is 0.");
    }
  }

  /**
   * The settings the options left automatic and the values they took for the model (step
   * settings from its training rows, dropout from its inputs and rows).
   *
   * @param current the options in force (read as the model was trained, {@link #asTrained})
   * @param model the model, or null
   * @return e.g. {@code automatic for 150 rows and 4 inputs: mini-batch 8, lr 0.01, no dropout};
   *     empty when nothing was automatic or there is no network
   */
  public static String automaticSettings(BackpropMLPOptions options, FittedModel model) {
    if (model == null || model.isFallback()) {
      return "";
    }
    int rows = model.stepRows();
    int inputs = model.encoder().automaticInputs();
    TextSettings text = model.text();
    // a streamed model's pass over the stream had the row-by-row step settings whatever its
    // epochs over the reservoir took
    boolean streamed = rows < 0;
    List<String> chosen = new ArrayList<>();
    if (EngineConfig.automaticWidth(options)) {
      chosen.add(AutoSettings.hiddenUnits(inputs) + " hidden units");
    }
    if (options.getMaxEpochs() == BackpropMLPOptions.AUTOMATIC && !streamed && !text.applies()) {
      chosen.add("epochs " + EngineConfig.epochs(BackpropMLPOptions.AUTOMATIC));
    }
    // a stream from the header steps otherwise in its pass (StreamingSession.passGrows)
    boolean grew = streamed && model.streamPassGrew();
    boolean passOnly = grew && options.getReservoirSize() == 0;
    if (options.getMiniBatchSize() == BackpropMLPOptions.AUTOMATIC
        && (streamed || !text.applies())) {
      chosen.add(passOnly ? "mini-batch growing from 1 to " + options.effectiveMiniBatch(rows)
          : "mini-batch " + options.effectiveMiniBatch(rows) + (grew ? " (from 1 in the pass"
              + " over the stream)" : ""));
    }
    if (options.getLearningRate() == BackpropMLPOptions.AUTOMATIC
        && (streamed || !text.applies())) {
      double pass = StreamingSession.passLearningRate(options, true);
      chosen.add(passOnly ? "lr " + pass : "lr " + options.effectiveLearningRate(rows)
          + (grew ? " (" + pass + " in the pass)" : ""));
    }
    if (options.getDropout() == BackpropMLPOptions.AUTOMATIC_DROPOUT) {
      double p = options.effectiveDropout(inputs, rows);
      chosen.add(p > 0 ? "dropout " + p : "no dropout");
    }
    String textChoice = text.describe();
    if (!textChoice.isEmpty() && !streamed) {
      chosen.add(0, textChoice);
    }
    if (model.encoder().isSparse()) { // the route is always automatic (SparseEncoding)
      boolean centred = model.encoder().centresNumbers();
      chosen.add("sparse input, " + model.encoder().normalization().resolve(true) + " scaling"
          + (centred ? " (numeric inputs STANDARDIZE)" : "")
          + (SparseEncoding.lazyUpdate(true, inputs, centred) ? ", lazy first-layer update" : ""));
    }
    if (chosen.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "automatic%s and %s: %s%s",
        streamed ? " row by row" : " for " + count(rows, "row"), count(inputs, "input"),
        String.join(", ", chosen),
        streamed && !textChoice.isEmpty() ? "; epochs over the reservoir: " + textChoice : "");
  }

  /**
   * The debug line of the last epoch run.
   *
   * @param model a model with a training record
   * @return e.g. {@code BackpropMLP epoch 3: train loss ..., validation accuracy ...}, or the
   *     train loss and "(no validation holdout)" (it had printed "validation loss NaN")
   */
  public static String lastEpoch(FittedModel model) {
    TrainingHistory h = model.history();
    int e = h.epochs() - 1;
    String validation = Double.isNaN(h.validationLoss(e)) ? " (no validation holdout)"
        : String.format(Locale.ROOT, ", validation loss %.6f, validation %s %.4f",
            h.validationLoss(e), model.nominalClass() ? "accuracy" : "RMSE", h.validationMetric(e));
    return String.format(Locale.ROOT, "BackpropMLP epoch %d: train loss %.6f%s%n", e + 1,
        h.trainLoss(e), validation);
  }

  /**
   * Writes a model's per-epoch record as CSV ({@link #writeCurve(TrainingHistory, boolean,
   * double, java.io.File)}), if it has one.
   *
   * @param model the model, or null
   * @param file destination
   * @throws java.io.IOException if the file cannot be written
   */
  public static void writeCurve(FittedModel model, java.io.File file)
      throws java.io.IOException {
    if (model != null && model.history() != null) {
      writeCurve(model.history(), model.nominalClass(), model.target().scale(), file);
    }
  }

  /**
   * How λ₂ was chosen among candidates: each one's holdout error (the criterion), best holdout
   * loss and epochs, and the rule; a candidate past the path's end (see {@code
   * PenaltySelection}) is named as not needed.
   *
   * @param sel the selection of the last build
   * @param nominal whether the class is nominal (the error is then a misclassification rate)
   * @param decimals decimals for the numbers
   * @return a short paragraph
   */
  public static String describeSelection(PenaltySelection sel, boolean nominal, int decimals) {
    StringBuilder sb = new StringBuilder();
    if (sel.emptyHoldout()) {
      return String.format(Locale.ROOT, "L2 penalty: %s, the strongest of the list: the data have"
          + " too few rows to hold any out for a comparison (it is taken per class and"
          + " rounded).%n", num(sel.chosen()));
    }
    sb.append(String.format(Locale.ROOT, "L2 penalty: %s, chosen by holdout %s (the strongest"
        + " within one standard error of the lowest):%n", num(sel.chosen()),
        nominal ? "error rate" : "loss"));
    double[] c = sel.candidates();
    double[] err = sel.errors();
    double[] l = sel.losses();
    int[] e = sel.epochs();
    for (int k = 0; k < c.length; k++) {
      if (Double.isNaN(err[k])) {
        sb.append(String.format(Locale.ROOT, "  l2 %-10s not trained: weakening the penalty had"
            + " stopped lowering the holdout %s%n", num(c[k]), nominal ? "error" : "loss"));
        continue;
      }
      String rate = nominal ? "holdout error " + fmt(err[k], decimals) + ", " : "";
      sb.append(String.format(Locale.ROOT, "  l2 %-10s %sholdout loss %s after %d epochs%s%n",
          num(c[k]), rate, fmt(l[k], decimals), e[k], c[k] == sel.chosen() ? "  <- chosen" : ""));
    }
    if (sel.continued()) {
      sb.append(String.format(Locale.ROOT, "The final training (the epochs above) continued from"
          + " the chosen candidate's network at its best holdout epoch, on all the rows.%n"));
    }
    return sb.toString();
  }

  /**
   * Relative change of the training loss below which a training counts as having stood still:
   * a training that learns moves its loss by far more from its first epoch to its last (iris
   * with the defaults from 0.61 to 0.07), while {@code -lr 1e-300} on iris moved it by nothing
   * and {@code -lr 1e-7} by 0.07 % (1.0143 to 1.0136, 40 % accuracy), with no word in the
   * description: the random weights' outputs differ from row to row.
   */
  static final double STOOD_STILL = 1e-3;

  /**
   * @param h a training record
   * @return whether it has two or more epochs and its last training loss is within {@link
   *     #STOOD_STILL} of its first
   */
  static boolean lossStood(TrainingHistory h) {
    if (h.epochs() < 2) {
      return false;
    }
    double first = h.trainLoss(0);
    double last = h.finalTrainLoss();
    return Double.isFinite(first) && Double.isFinite(last)
        && Math.abs(last - first) <= STOOD_STILL * Math.abs(first);
  }

  /**
   * @param n how many
   * @param noun the thing counted, in the singular, whose plural adds an s
   * @return e.g. {@code 1 row}, {@code 0 rows}, {@code 150 rows}
   */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * A penalty, rate or other option value as the options and the README write it: {@code
   * 0.0001}, {@code 0.01}, {@code 2.5}, {@code 100}; Java's scientific form only outside
   * [10⁻⁶, 10⁷) (where it is shorter), and without a trailing {@code .0}. Why: the descriptions
   * had printed {@code l2 1.0E-4} beside {@code l2 0.001}, where the help and the options say
   * {@code 0.0001}.
   *
   * @param v the value
   * @return its text
   */
  static String num(double v) {
    double a = Math.abs(v);
    if (Double.isFinite(v) && v != 0 && a >= 1e-6 && a < 1e7) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
    return Double.toString(v).replaceAll("\\.0$", "");
  }

  /**
   * The text of a trained model: class, architecture, training record and settings, as Weka's
   * {@code toString()} prints it.
   *
   * @param net trained network
   * @param h training record
   * @param header training header
   * @param options effective options
   * @param trainRows rows trained on
   * @param valRows held-out rows
   * @param stoppedEarly whether early stopping ended training
   * @param targetScale the scale of a numeric class (to report RMSE in its unit)
   * @param robustScale whether that scale is the median absolute deviation (robust losses)
   * @param decimals decimal places
   * @param continued whether the epochs went on from the chosen λ₂ candidate's network (the
   *     epochs run are then fewer than the options' budget, and the line says why)
   * @return the description
   */
  public static String describe(
      Network net, TrainingHistory h, Instances header, String options, int trainRows,
      int valRows, boolean stoppedEarly, double targetScale, boolean robustScale, int decimals,
      boolean continued) {
    boolean nominal = header.classAttribute().isNominal();
    StringBuilder sb = new StringBuilder();
    sb.append("BackpropMLP: multilayer perceptron trained by backpropagation\n");
    sb.append("=============================================================\n\n");
    sb.append("Class: ").append(header.classAttribute().name())
        .append(nominal ? " (nominal, " + header.numClasses() + " values)"
            : " (numeric; the losses below are computed on it minus its " + (robustScale
                ? "median, over its median absolute deviation x 1.4826" : "mean, over its"
                + " standard deviation") + (net.outputLayer().loss() == Loss.SQUARED_ERROR
                    ? " (half the squared error)" : "") + "; RMSE in its units)")
        .append('\n');
    sb.append("Architecture: ").append(net).append('\n');
    sb.append("Parameters: ").append(net.numParameters()).append('\n');
    sb.append("Options: ").append(options).append('\n');
    sb.append("Training rows: ").append(trainRows).append(", validation rows: ").append(valRows)
        .append('\n');
    int epochs = h.epochs();
    sb.append("Epochs run: ").append(epochs);
    if (continued) {
      sb.append(" (on from the chosen L2 candidate's network, after its epochs: see below)");
    }
    if (stoppedEarly) {
      sb.append(" (stopped early: validation loss did not improve)");
    }
    sb.append('\n');
    if (valRows > 0 && epochs > 0) {
      int b = h.bestEpoch();
      sb.append(String.format(Locale.ROOT, "Best epoch: %d, validation loss %s, validation %s %s"
              + " (weights of this epoch kept)%n", b + 1, fmt(h.validationLoss(b), decimals),
          nominal ? "accuracy" : "RMSE",
          fmt(nominal ? h.validationMetric(b) : h.validationMetric(b) * targetScale, decimals)));
    }
    if (epochs > 0) {
      sb.append("\nTraining curve:\n");
      sb.append(String.format(Locale.ROOT, "  %6s %12s %12s %12s %10s  %s%n", "epoch",
          "train loss", "val loss", nominal ? "val acc" : "val RMSE", "rate",
          "gradient norm per layer"));
      int step = Math.max(1, (int) Math.ceil(epochs / (double) CURVE_ROWS));
      for (int e = 0; e < epochs; e += step) {
        appendCurveRow(sb, h, e, nominal, targetScale, decimals);
      }
      if ((epochs - 1) % step != 0) {
        appendCurveRow(sb, h, epochs - 1, nominal, targetScale, decimals);
      }
      sb.append(gradientHealth(h));
    }
    return sb.toString();
  }

  /**
   * Description of a model trained row by row (no epochs, no curve).
   *
   * @param net the network
   * @param header training header
   * @param options effective options
   * @param rows rows trained on
   * @param meanLoss mean training loss over the stream (NaN if unknown)
   * @return the description
   */
  public static String describeStream(
      Network net, Instances header, String options, long rows, double meanLoss) {
    return "BackpropMLP: multilayer perceptron trained by backpropagation\n"
        + "=============================================================\n\n"
        + "Class: " + header.classAttribute().name() + (header.classAttribute().isNumeric()
            ? " (numeric; the loss below is computed on it minus its mean, over its standard"
                + " deviation" + (net.outputLayer().loss() == Loss.SQUARED_ERROR
                    ? " (half the squared error))" : ")")
            : " (nominal, " + header.numClasses() + " values)") + "\n"
        + "Architecture: " + net + "\n"
        + "Parameters: " + net.numParameters() + "\n"
        + "Options: " + options + "\n"
        + (rows == 0
            ? "Built from a header without rows, for training row by row (UpdateableClassifier):"
                + " no row trained on yet"
            : "Trained row by row (UpdateableClassifier) on " + count(rows, "row"))
        + (Double.isNaN(meanLoss) ? "" : String.format(Locale.ROOT,
            ", mean training loss %.4f", meanLoss))
        + "\n";
  }

  private static void appendCurveRow(
      StringBuilder sb, TrainingHistory h, int e, boolean nominal, double scale, int decimals) {
    double metric = nominal ? h.validationMetric(e) : h.validationMetric(e) * scale;
    sb.append(String.format(Locale.ROOT, "  %6d %12s %12s %12s %10.3g ", e + 1,
        fmt(h.trainLoss(e), decimals), orDash(h.validationLoss(e), decimals),
        orDash(metric, decimals), h.learningRate(e)));
    for (int l = 0; l < h.layers(); l++) {
      sb.append(String.format(Locale.ROOT, " %.3g", h.gradientNorm(e, l)));
    }
    sb.append('\n');
  }

  private static String orDash(double v, int decimals) {
    return Double.isNaN(v) ? "-" : fmt(v, decimals);
  }

  /**
   * Writes the full per-epoch record as CSV: epoch, training loss, validation loss, validation
   * accuracy or RMSE (in the class's unit), learning rate, and one gradient-norm column per
   * weight layer.
   *
   * @param h training record
   * @param nominal whether the class is nominal
   * @param targetScale standard deviation of a numeric class
   * @param file destination
   * @throws java.io.IOException if the file cannot be written
   */
  public static void writeCurve(TrainingHistory h, boolean nominal, double targetScale,
      java.io.File file) throws java.io.IOException {
    StringBuilder sb = new StringBuilder("epoch,train_loss,validation_loss,");
    sb.append(nominal ? "validation_accuracy" : "validation_rmse").append(",learning_rate");
    for (int l = 0; l < h.layers(); l++) {
      sb.append(",grad_norm_layer").append(l + 1);
    }
    sb.append('\n');
    for (int e = 0; e < h.epochs(); e++) {
      double metric = nominal ? h.validationMetric(e) : h.validationMetric(e) * targetScale;
      sb.append(e + 1).append(',').append(csv(h.trainLoss(e))).append(',')
          .append(csv(h.validationLoss(e))).append(',').append(csv(metric)).append(',')
          .append(csv(h.learningRate(e)));
      for (int l = 0; l < h.layers(); l++) {
        sb.append(',').append(csv(h.gradientNorm(e, l)));
      }
      sb.append('\n');
    }
    try {
      writeWhole(file.toPath(), sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      // checked writable before training (DataChecks); this is a disk that filled since
      throw new java.io.IOException("BackpropMLP: could not write -curve-file (curveFile) " + file
          + " (the model is trained and kept): " + e, e);
    }
  }

  /**
   * Writes {@code bytes} to a new file beside {@code target}, then moves it over the target in
   * one step, so that a reader, or another copy of the classifier writing the same path at once
   * (the members of RandomCommittee with -num-slots, the folds of a parallel evaluation), finds
   * one whole curve, never two interleaved: the last writer's. The new file gets the permissions
   * a plain write would give (the umask's, or the existing file's), and a symbolic link is
   * followed, not replaced. A folder that takes no new file (a writable file in a read-only
   * folder) gets the file written in place.
   */
  private static void writeWhole(java.nio.file.Path target, byte[] bytes)
      throws java.io.IOException {
    java.nio.file.Path real = java.nio.file.Files.exists(target) ? target.toRealPath()
        : target.toAbsolutePath();
    java.nio.file.Path tmp = real.resolveSibling("." + real.getFileName() + "."
        + Long.toHexString(System.nanoTime()) + Thread.currentThread().getId() + ".tmp");
    try {
      java.nio.file.Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (java.io.IOException e) {
      java.nio.file.Files.write(real, bytes);
      return;
    }
    try {
      if (java.nio.file.Files.exists(real)) {
        try {
          java.nio.file.Files.setPosixFilePermissions(tmp,
              java.nio.file.Files.getPosixFilePermissions(real));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the default permissions stay
        }
      }
      try {
        java.nio.file.Files.move(tmp, real, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        java.nio.file.Files.move(tmp, real, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  private static String csv(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  /** A last-epoch gradient norm above which a layer's gradient counts as exploding. */
  private static final double EXPLODING = 1e3;

  /** Whether {@link #gradientHealth} flags some layer's last-epoch gradient as exploding. */
  private static boolean explodes(TrainingHistory h) {
    int last = h.epochs() - 1;
    for (int l = 0; last >= 0 && l < h.layers(); l++) {
      if (exploding(h.gradientNorm(last, l))) {
        return true;
      }
    }
    return false;
  }

  /** @return whether a last-epoch gradient norm counts as exploding */
  private static boolean exploding(double norm) {
    return !Double.isFinite(norm) || norm > EXPLODING;
  }

  /**
   * Flags weight layers whose gradient norm in the last epoch is below 1e-6 of the largest
   * (vanishing) or non-finite/huge (exploding), with advice.
   */
  static String gradientHealth(TrainingHistory h) {
    int last = h.epochs() - 1;
    double max = 0;
    for (int l = 0; l < h.layers(); l++) {
      max = Math.max(max, h.gradientNorm(last, l));
    }
    StringBuilder sb = new StringBuilder("\nGradient norm per weight layer (last epoch):");
    if (!Double.isFinite(max)) {
      max = Double.MAX_VALUE;
    }
    StringBuilder warn = new StringBuilder();
    for (int l = 0; l < h.layers(); l++) {
      double g = h.gradientNorm(last, l);
      sb.append(String.format(Locale.ROOT, " %.3g", g));
      if (max > 0 && g < 1e-6 * max) {
        warn.append(String.format(Locale.ROOT, "WARNING: layer %d's gradient vanishes (%.2g vs"
            + " %.2g); try RELU activations with HE initialization, fewer layers, or a larger"
            + " -lr.%n", l + 1, g, max));
      } else if (exploding(g)) {
        warn.append(String.format(Locale.ROOT, "WARNING: layer %d's gradient explodes (%.2g);"
            + " try -clip 1 or a lower -lr.%n", l + 1, g));
      }
    }
    return sb.append('\n').append(warn).toString();
  }

  private static String fmt(double v, int decimals) {
    int d = Math.max(4, decimals);
    // a value the decimals would print as 0 (an RMSE of a class in micro-units) in significant
    // digits instead
    return v != 0 && Math.abs(v) < 0.5 * Math.pow(10, -d)
        ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%." + d + "f", v);
  }
}
