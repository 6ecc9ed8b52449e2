package weka.classifiers.functions.backpropmlp;

import java.util.Locale;
import weka.classifiers.functions.backprop.train.DivergenceException;

/**
 * The engine's failures in a Weka user's words. The engine reports numbers and its own
 * parameter names; a user knows the classifier's options, by their command-line flag and by
 * their property name in the GUI, so every remedy names both (see {@link OptionChecks#name}).
 */
public final class EngineErrors {

  private EngineErrors() {}

  /**
   * A failure of training, worded for the user: a divergence gets its remedy ({@link
   * #advised}); anything else is returned as it is.
   *
   * @param e what training threw
   * @param norm the normalization option
   * @param <E> its type
   * @return the exception to throw instead
   */
  @SuppressWarnings("unchecked")
  public static <E extends Exception> E worded(E e, Normalization norm) {
    return e instanceof DivergenceException ? (E) advised((DivergenceException) e, norm) : e;
  }

  /**
   * A divergence reported by the engine, with the remedy in the options' terms: a lower
   * learning rate (a tenth of the one that diverged) or gradient clipping; with {@code
   * -normalize NONE} first the scaling, since inputs far from [-1, 1] diverge whatever the rate
   * (inputs of ±1e308 had been advised ever lower rates, down to 1e-301).
   *
   * @param e the engine's report
   * @param norm the normalization option
   * @return the same failure with the remedy appended (once)
   */
  public static DivergenceException advised(DivergenceException e, Normalization norm) {
    if (e.hasAdvice()) {
      return e;
    }
    String remedy = String.format(Locale.ROOT,
        "use a lower %s, e.g. %.3g, or clip gradients with %s", OptionChecks.name("lr",
            "learningRate"), e.suggestedLearningRate(), "-clip 1 (gradientClipNorm)");
    if (norm == Normalization.NONE) {
      remedy = OptionChecks.name("normalize", "normalization") + " NONE feeds the inputs"
          + " unscaled, and inputs far from [-1, 1] diverge whatever the learning rate: scale"
          + " them with -normalize AUTO (the default); for inputs near [-1, 1], " + remedy;
    }
    return e.withAdvice(e.inStreamingUpdate() ? remedy + STREAMING_NOTE : remedy);
  }

  /**
   * Why a user who never called {@code updateClassifier} may read "a streaming update": given
   * {@code -t} without {@code -T}, Weka 3.8's command-line {@code Evaluation} builds the
   * full-data model of an {@code UpdateableClassifier} row by row (its cross-validation folds
   * still use {@code buildClassifier}).
   */
  static final String STREAMING_NOTE = " (the rows were being learnt one at a time through"
      + " updateClassifier, which is how Weka's command line trains the full-data model of an"
      + " updateable classifier when only -t is given)";

  /**
   * A hidden layer specification the engine refused (a bad width or activation, or more
   * parameters than one Java array holds), naming the option.
   *
   * @param e the engine's refusal
   * @return the refusal, prefixed with {@code -hidden (hiddenLayers):}, the engine's as cause
   */
  public static IllegalArgumentException hiddenLayers(IllegalArgumentException e) {
    return new IllegalArgumentException(
        OptionChecks.name("hidden", "hiddenLayers") + ": " + e.getMessage(), e);
  }
}
