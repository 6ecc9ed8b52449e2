package weka.classifiers.functions.backpropmlp;

import java.util.ArrayList;
import java.util.List;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.Utils;

/**
 * The paragraphs a model's description ({@link ModelSummary}) adds for row-by-row training: how
 * the pass over the stream stepped, what a model in mid-stream or without a step predicts, the
 * inputs and penalty a stream chose, and what the epochs after the stream ran on.
 */
final class StreamNotes {

  private StreamNotes() {}

  /**
   * Why a model of {@code -reservoir 0} may be weak: one pass is one step per mini-batch of the
   * stream, few for a short one with a fixed mini-batch (150 rows in batches of 32: 5 steps,
   * where a batch build takes 1,900). The count is that of an uninterrupted stream (a pause's
   * flush makes one step more).
   */
  static String singlePass(BackpropMLPOptions options, FittedModel model) {
    long rows = model.streamedRows();
    int batch = options.effectiveMiniBatch(AutoSettings.UNKNOWN_ROWS);
    boolean grew = model.streamPassGrew();
    long steps = grew ? AutoSettings.streamSteps(rows, batch) : (rows + batch - 1) / batch;
    return "No epochs followed the single pass: -reservoir 0 keeps no rows, so the model took"
        + " about " + ModelSummary.count(steps, "optimizer step") + " (" + rows + " rows"
        + " in mini-batches of " + (grew ? growth(batch) : batch + "") + "); a stream no larger"
        + " than -reservoir gets the batch model instead.\n";
  }

  /**
   * The options of epochs that a pass over a stream cannot apply, named so that a description
   * never shows them as applied: {@code -class-weights BALANCED} weights each row by its class's
   * frequency in the training data, which a stream does not know before its end, so the pass
   * takes each row at its own weight (the epochs over the reservoir weight theirs); and a single
   * pass ({@code -reservoir 0}) runs no epochs, so {@code -validation}, {@code -patience} and
   * {@code -epochs} do nothing.
   *
   * @param options the options the model was trained with
   * @param model a model that has trained on streamed rows, or any other (then nothing is said)
   * @return the notes, each a line after a line break, or nothing
   */
  static String passOptions(BackpropMLPOptions options, FittedModel model) {
    long rows = model.streamedRows();
    if (rows == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    boolean single = model.history() == null && options.getReservoirSize() == 0;
    if (options.getClassWeights() == ClassWeighting.BALANCED && model.nominalClass()) {
      sb.append(single ? "\nNo effect: " : "\nNote: ").append("-class-weights BALANCED weights"
          + " rows by their class's frequency, which a stream does not know before its end: the"
          + " pass over the ").append(ModelSummary.count(rows, "streamed row")).append(" took"
          + " each at its own weight").append(single ? "; epochs over a reservoir (-reservoir)"
              + " apply it." : model.history() == null ? "; the epochs over the reservoir at the"
              + " stream's end apply it." : "; these epochs applied it.");
    }
    List<String> idle = new ArrayList<>();
    if (single && options.getValidationPercent() > 0) {
      idle.add("-validation " + Utils.doubleToString(options.getValidationPercent(), 6));
    }
    if (single && options.getPatience() != TrainerConfig.DEFAULT_PATIENCE) {
      idle.add("-patience " + options.getPatience());
    }
    if (single && options.getMaxEpochs() != BackpropMLPOptions.AUTOMATIC) {
      idle.add("-epochs " + options.getMaxEpochs());
    }
    if (!idle.isEmpty()) {
      sb.append("\nNo effect: ").append(String.join(", ", idle)).append(idle.size() == 1
          ? " acts" : " act").append(" on epochs, and a single pass over a stream (-reservoir 0)"
              + " runs none.");
    }
    return sb.toString();
  }

  /**
   * Why a stream that ended with a reservoir option ran no epochs: its end had no sample of rows
   * with a positive weight to run them on.
   */
  static String noSample() {
    return "No epochs followed the stream: its end had no sample of rows to run them on (a model"
        + " copied or saved in mid-stream keeps none, an aggregation drops it, and a sample of"
        + " weight-0 rows holds nothing to learn).\n";
  }

  /** @return how a stream's mini-batch grows: "one row per 300 rows seen, 1 to 32" */
  private static String growth(int full) {
    return "one row per " + AutoSettings.STREAM_ROWS_PER_BATCH_ROW + " rows seen, 1 to " + full;
  }

  /**
   * Why a model in the middle of a stream may still be weak: so far it has only taken one step
   * per mini-batch (and early replay steps), the epochs over the reservoir (or the batch model)
   * come at the stream's end.
   */
  static String midStream(BackpropMLPOptions options, FittedModel model) {
    int batch = options.effectiveMiniBatch(AutoSettings.UNKNOWN_ROWS);
    boolean grew = model.streamPassGrew();
    return "The stream has not ended (batchFinished): so far "
        + (grew ? "each step trained on new rows (" + growth(batch) + ")"
                + (StreamingSession.topsUp(options) ? ", topped up to " + batch
                    + " rows with rows drawn from the reservoir," : "")
                + (StreamingSession.replays(options)
                    ? " those of the first " + (AutoSettings.STREAM_REPLAY_ROWS - 1)
                        + " rows each followed by " + AutoSettings.STREAM_REPLAY_STEPS
                        + " steps on reservoir rows alone," : "") + " at"
            : "each mini-batch of " + batch + " rows made one step at")
        + " learning rate " + StreamingSession.passLearningRate(options, grew) + "; the epochs"
        + " over the reservoir (or, for a stream no larger than -reservoir, the batch model) come"
        + " when it ends.\n";
  }

  /**
   * What a streamed model's inputs and penalty are, which its options do not show: a stream
   * cannot know in advance which attributes will have missing values, so a narrow header gives
   * every attribute an indicator input, a wide one every nominal attribute (the automatic width
   * and dropout count none), and its pass cannot hold rows out to choose λ₂, so it trains with
   * the strongest of a list (its epochs over a reservoir choose one there).
   */
  static String inputsAndPenalty(BackpropMLPOptions options, FittedModel model) {
    InstanceEncoder enc = model.encoder();
    int indicators = 0;
    boolean everyAttribute = true;
    for (int j = 0; j < enc.slots(); j++) {
      if (enc.indicatorOf(j) >= 0) {
        indicators++;
      } else {
        everyAttribute = false; // a wide header's numeric attributes get none
      }
    }
    StringBuilder sb = new StringBuilder();
    if (indicators > 0) {
      sb.append("Inputs: ").append(enc.width()).append(" encoded columns, of which ")
          .append(ModelSummary.count(indicators, "missing-value indicator")).append(", one per ")
          .append(everyAttribute ? "attribute" : "nominal attribute").append(" (a stream cannot"
              + " know in advance which attributes will have missing values; a batch build adds"
              + " them only where the training data have some).\n");
    }
    double[] list = options.l2Candidates();
    if (list.length > 1 && (model.selection() != null || model.text().applies())) {
      sb.append("The pass over the stream trained with the strongest L2 penalty of the list, ")
          .append(ModelSummary.num(options.fixedL2()))
          .append(" (it holds no rows out to compare them); the"
              + " epochs over the reservoir with ").append(model.selection() == null
                  ? "the text settings' " + ModelSummary.num(model.trainedL2()) + ".\n"
                  : model.selection().emptyHoldout() ? "it too: the reservoir was too small to"
                      + " hold rows out.\n"
                  : "the one chosen on the reservoir.\n");
    } else if (list.length > 1) {
      sb.append("L2 penalty: ").append(ModelSummary.num(model.trainedL2()))
          .append(", without a choice among the list: row-by-row training holds no rows out to"
              + " compare them.\n");
    }
    return sb.toString();
  }

  /** @return {@code text} after a blank line, or nothing when it is empty */
  static String paragraph(String text) {
    return text.isEmpty() ? "" : "\n" + text;
  }

  /** What a model whose network has not taken a step predicts meanwhile, and until when. */
  static String untrained(BackpropMLPOptions options, FittedModel model) {
    if (model.history() != null) { // a batch build before its first epoch
      return "No epoch has run yet (Weka's IterativeClassifier runs one per next()), so the"
          + " network has learnt nothing: until then it predicts " + (model.nominalClass()
              ? "the class distribution of the training data" : "the class's weighted mean")
          + ", as ZeroR does.\n";
    }
    return "No training step has run yet (the first one comes with the first "
        + (StreamingSession.growsBatch(options, model.encoder()) && model.streamedRows() == 0
            ? "row, or on rows that take the sparse route with the first full mini-batch"
            : "full mini-batch of rows, or at the end of the stream")
        + "), so the network has learnt nothing: until then it"
        + " predicts " + (model.nominalClass()
            ? "the same probability for every class, as ZeroR does without data"
            : "the mean of the class values seen so far (0 before any)") + ".\n";
  }

  /** Why a model trained row by row is not the batch model, and what its epochs ran on. */
  static String streamed(BackpropMLPOptions options, FittedModel model) {
    long rows = model.streamedRows();
    int reservoir = options.getReservoirSize();
    if (rows == 0) {
      return "";
    }
    if (!model.encoder().isStreaming()) {
      return "\nThen trained row by row on " + rows + " more rows (gradient steps only).\n";
    }
    if (model.rowsSinceAggregation() < rows) {
      return "\nTrained row by row on " + rows + " streamed rows, in partitions whose models were"
          + " averaged; each partition's epochs ran on a uniform reservoir sample of its rows.\n";
    }
    long sampled = (long) model.trainingRows() + model.validationRows();
    if (rows > reservoir && sampled >= reservoir) { // a full reservoir (a copy may hold fewer)
      return "\nTrained row by row: " + rows + " rows streamed, more than -reservoir " + reservoir
          + ", so these epochs ran on a uniform reservoir sample of " + reservoir + " of them (a"
          + " stream no larger than -reservoir gets the batch model).\n";
    }
    // a reservoir that did not fill, yet no batch model: it lacks the rows before a save or copy
    // in mid-stream (a saved model keeps no training state, see TrainingSession)
    return "\nTrained row by row on " + rows + " streamed rows; these epochs ran on the "
        + sampled + " streamed since the model was last saved or copied in"
        + " mid-stream (a saved model keeps its weights, not its reservoir or optimizer state), so"
        + " it is not the batch model that a stream no larger than -reservoir gets.\n";
  }
}
