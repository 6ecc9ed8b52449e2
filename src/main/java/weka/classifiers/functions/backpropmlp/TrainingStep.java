package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.train.InterruptedBeforeStepException;

/**
 * One call of training as the classifier makes it (a build, an epoch, a row, a stream's end),
 * and whether the classifier keeps its model when the call fails.
 */
@FunctionalInterface
public interface TrainingStep {

  /**
   * Trains.
   *
   * @throws Exception if training fails or is interrupted
   */
  void run() throws Exception;

  /**
   * Runs {@code step}; if it fails, {@code forget} drops the classifier's model unless {@link
   * #keepsModel} keeps it, and the failure is thrown as {@link #thrown} words it (a divergence
   * with its remedy in the options' terms, {@link EngineErrors#worded}). An interrupt that
   * forgets the model is reported with the thread's interrupt status cleared, as Java's blocking
   * methods report one (it had stayed set on some routes, so that the thread's next, unrelated
   * build failed at once); one that keeps it leaves the status set, so the call is refused until
   * the caller clears it. An {@link Error} forgets the model too: Weka 3.8's Stop button ends
   * the training thread with {@code Thread.stop}'s {@code ThreadDeath}, which had left a
   * half-trained network that predicted and described itself as a finished model.
   *
   * @param repeatable whether the step can be made again: an epoch or a row
   * @param step the step
   * @param forget drops the classifier's model and session
   * @param norm the normalization option, which a divergence's remedy names when it is NONE
   * @throws Exception what the step threw, worded
   */
  static void guarded(boolean repeatable, TrainingStep step, Runnable forget, Normalization norm)
      throws Exception {
    try {
      step.run();
    } catch (RuntimeException | InterruptedException e) {
      boolean kept = keepsModel(repeatable, e);
      if (!kept) {
        forget.run();
        if (e instanceof InterruptedException) {
          Thread.interrupted();
        }
      }
      throw thrown(kept, EngineErrors.worded(e, norm));
    } catch (Error e) {
      forget.run();
      throw e;
    }
  }

  /**
   * Whether the model may be kept after {@code failure}: after a call {@link Refused} before it
   * began, and after an interrupt noticed before
   * anything changed ({@link InterruptedBeforeStepException}) in a step that can simply be made
   * again, an epoch of {@code next()}, a row of {@code updateClassifier}, or a stream's end
   * (which trains a new model and leaves the stream as it was); the stream or the epochs then
   * go on once the interrupt is cleared. Why not otherwise: any other failure leaves
   * half-updated weights or a spent optimizer, and an interrupted build has not made the model
   * it was asked for, though its first steps ran.
   *
   * @param repeatable whether the step can be made again: an epoch or a row
   * @param failure what the step threw
   * @return whether the classifier keeps its model and training session
   */
  static boolean keepsModel(boolean repeatable, Exception failure) {
    return repeatable && failure instanceof InterruptedBeforeStepException
        || failure instanceof Refused;
  }

  /**
   * A call refused before it changed anything (as training during an aggregation is, {@link
   * FittedModel#refuseTrainingWhileAggregating}): the classifier keeps its model.
   */
  final class Refused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * A refusal with its reason.
     *
     * @param message the reason and the way out
     */
    Refused(String message) {
      super(message);
    }
  }

  /**
   * What the classifier throws for a failed step: {@code failure} as it is, but an {@link
   * InterruptedBeforeStepException} whose model was not kept becomes a plain {@link
   * InterruptedException} with its message, since that type tells the caller the same call may
   * be made again.
   *
   * @param kept whether the classifier kept its model ({@link #keepsModel})
   * @param failure what the step threw
   * @return the exception to throw
   */
  static Exception thrown(boolean kept, Exception failure) {
    if (kept || !(failure instanceof InterruptedBeforeStepException)) {
      return failure;
    }
    InterruptedException plain = new InterruptedException(failure.getMessage());
    plain.initCause(failure);
    return plain;
  }
}
