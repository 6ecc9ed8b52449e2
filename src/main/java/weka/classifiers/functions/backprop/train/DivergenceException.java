package weka.classifiers.functions.backprop.train;

import java.util.Locale;

/**
 * Thrown when training stops being numerically meaningful: the loss, the gradient or the weights
 * are no longer finite, or the training loss has grown far beyond the first epoch's (a stream's:
 * far beyond that of outputs that say nothing). The step size is then too large for the problem.
 *
 * <p>The engine reports numbers only (what diverged, in which epoch, at which learning rate);
 * the caller that knows its user's vocabulary (the Weka classifier: the option's flag and its
 * name in the GUI) adds the remedy with {@link #withAdvice(String)}.
 */
public final class DivergenceException extends ArithmeticException {

  private static final long serialVersionUID = 2L;

  /** What stopped being finite or sensible. */
  public enum Kind {
    /** The mini-batch loss became NaN or infinite. */
    LOSS_NOT_FINITE,
    /** The loss stayed finite but the gradient's norm did not. */
    GRADIENT_NOT_FINITE,
    /** A weight overflowed after an epoch's updates. */
    WEIGHTS_NOT_FINITE,
    /** The epoch's training loss grew past {@link Trainer#GROWTH_LIMIT} times the first's. */
    LOSS_GREW,
    /**
     * The first epoch's training loss grew past {@link Trainer#GROWTH_LIMIT} times that of its
     * first mini-batch, at the initial weights.
     */
    LOSS_GREW_IN_FIRST_EPOCH,
    /**
     * A stream's loss per row stayed over {@link Trainer#GROWTH_LIMIT} times that of outputs
     * that say nothing, every class equally likely ({@code Loss.uninformedLoss}), in {@link
     * StreamingTrainer#STEPS_FAR_ABOVE} of its last {@link StreamingTrainer#WINDOW} mini-batches.
     */
    LOSS_FAR_ABOVE_UNINFORMED,
    /**
     * A stream's loss per row, for a numeric target, stayed over {@link Trainer#GROWTH_LIMIT}
     * times that of predicting the targets' mean on the same rows (or 1, if more: {@code
     * Loss.lossOfZeroOutputs}) in {@link StreamingTrainer#STEPS_FAR_ABOVE} of its last {@link
     * StreamingTrainer#WINDOW} mini-batches.
     */
    LOSS_FAR_ABOVE_MEAN
  }

  private final Kind kind;
  private final int epoch;
  private final double learningRate;
  private final double value;
  private final double firstLoss;
  private final String advice;

  /**
   * An exception describing a divergence with numbers only; a caller adds its remedy with {@link
   * #withAdvice(String)}.
   *
   * @param kind what diverged
   * @param epoch 1-based epoch, or 0 for a row-by-row (streaming) update
   * @param learningRate the learning rate in force
   * @param value the loss, gradient norm or grown training loss (NaN if none applies)
   * @param firstLoss the loss it grew from: the first epoch's for {@link Kind#LOSS_GREW}, the
   *     first mini-batch's for {@link Kind#LOSS_GREW_IN_FIRST_EPOCH}, the uninformed outputs' for
   *     {@link Kind#LOSS_FAR_ABOVE_UNINFORMED}, the mean's (at least 1) for {@link
   *     Kind#LOSS_FAR_ABOVE_MEAN}; else NaN
   */
  public DivergenceException(
      Kind kind, int epoch, double learningRate, double value, double firstLoss) {
    this(kind, epoch, learningRate, value, firstLoss, "");
  }

  private DivergenceException(Kind kind, int epoch, double learningRate, double value,
      double firstLoss, String advice) {
    super(describe(kind, epoch, learningRate, value, firstLoss)
        + (advice.isEmpty() ? "" : "; " + advice));
    this.kind = kind;
    this.epoch = epoch;
    this.learningRate = learningRate;
    this.value = value;
    this.firstLoss = firstLoss;
    this.advice = advice;
  }

  private static String describe(
      Kind kind, int epoch, double lr, double value, double firstLoss) {
    String where = inStreamingUpdate(epoch) ? "a streaming update" : "epoch " + epoch;
    switch (kind) {
      case LOSS_NOT_FINITE:
        return String.format(Locale.ROOT,
            "training diverged in %s: the loss became %s at learning rate %.3g", where, value, lr);
      case GRADIENT_NOT_FINITE:
        return String.format(Locale.ROOT, "training diverged in %s: the loss stayed finite but"
            + " its gradient's norm became %s at learning rate %.3g", where, value, lr);
      case WEIGHTS_NOT_FINITE:
        return String.format(Locale.ROOT,
            "training diverged in %s: the weights overflowed at learning rate %.3g", where, lr);
      case LOSS_GREW_IN_FIRST_EPOCH:
        return String.format(Locale.ROOT, "training diverged in %s: the training loss grew from"
            + " %.4g (the first mini-batch's, at the initial weights) to %.4g (the mean over all"
            + " its mini-batches) at learning rate %.3g", where, firstLoss, value, lr);
      case LOSS_FAR_ABOVE_UNINFORMED:
      case LOSS_FAR_ABOVE_MEAN:
        String reference = kind == Kind.LOSS_FAR_ABOVE_UNINFORMED
            ? String.format(Locale.ROOT, "the %.4g of outputs that give every class the same"
                + " probability", firstLoss)
            : String.format(Locale.ROOT, "%.4g (the loss of predicting the mean of the targets so"
                + " far, or 1 if that is less)", firstLoss);
        return String.format(Locale.ROOT, "training diverged in %s: the loss per row stayed over"
            + " %,.0f times %s in %d of the last %d mini-batches, reaching %.4g, at learning rate"
            + " %.3g", where, Trainer.GROWTH_LIMIT, reference, StreamingTrainer.STEPS_FAR_ABOVE,
            StreamingTrainer.WINDOW, value, lr);
      default:
        return String.format(Locale.ROOT, "training diverged in %s: the training loss grew from"
            + " %.4g to %.4g at learning rate %.3g", where, firstLoss, value, lr);
    }
  }

  /**
   * The same failure with a remedy appended to the message, in the caller's words.
   *
   * @param remedy what the user should change, e.g. naming an option
   * @return a new exception with the same numbers, this one as its cause
   */
  public DivergenceException withAdvice(String remedy) {
    DivergenceException e =
        new DivergenceException(kind, epoch, learningRate, value, firstLoss, remedy);
    e.initCause(this);
    return e;
  }

  /** What diverged. */
  public Kind kind() {
    return kind;
  }

  /** The 1-based epoch, or 0 for a row-by-row update. */
  public int epoch() {
    return epoch;
  }

  /** Whether training diverged in a row-by-row ({@code updateClassifier}) update, not an epoch. */
  public boolean inStreamingUpdate() {
    return inStreamingUpdate(epoch);
  }

  private static boolean inStreamingUpdate(int epoch) {
    return epoch <= 0;
  }

  /** The learning rate in force when training diverged. */
  public double learningRate() {
    return learningRate;
  }

  /**
   * A learning rate worth trying instead: a tenth of the one that diverged, but at most
   * {@value #LARGEST_SUGGESTED_RATE}. Mini-batch gradient steps on standardized inputs diverge
   * above rates of order 1 for every optimizer here, so a tenth of an absurd rate (1e300, a
   * typing slip) would only suggest another absurd one.
   */
  public double suggestedLearningRate() {
    return Math.min(learningRate / 10, LARGEST_SUGGESTED_RATE);
  }

  /** The largest rate {@link #suggestedLearningRate} proposes. */
  public static final double LARGEST_SUGGESTED_RATE = 0.1;

  /** The non-finite loss or gradient norm, or the grown training loss; NaN if none applies. */
  public double value() {
    return value;
  }

  /** Whether a remedy has been appended (see {@link #withAdvice(String)}). */
  public boolean hasAdvice() {
    return !advice.isEmpty();
  }
}
