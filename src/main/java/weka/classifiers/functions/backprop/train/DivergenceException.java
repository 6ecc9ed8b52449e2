package weka.classifiers.functions.backprop.train;

/**
 * Thrown when the training loss or the parameters stop being finite: the step size is too large
 * for the problem. The message names the epoch and what to change.
 */
public final class DivergenceException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  /** @param message what diverged, when, and the suggested remedy */
  public DivergenceException(String message) {
    super(message);
  }
}
