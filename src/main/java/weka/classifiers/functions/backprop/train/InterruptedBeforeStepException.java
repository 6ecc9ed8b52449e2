package weka.classifiers.functions.backprop.train;

/**
 * An interrupt that training noticed before it changed anything: the network, the optimizer's
 * state, the rows waiting in a mini-batch buffer and the trainer's position (its epoch, its
 * shuffling stream) are as they were before the call. Once the interrupt is cleared the same
 * call can be made again and gives what an uninterrupted run gives, bit for bit.
 *
 * <p>Why a type of its own: an interrupt in the middle of an epoch leaves weights that some
 * steps of it updated, which the caller must throw away; this one leaves a model worth keeping,
 * and only the thrower knows which of the two it is.
 */
public final class InterruptedBeforeStepException extends InterruptedException {

  private static final long serialVersionUID = 1L;

  /**
   * An interrupt noticed before training changed anything, so the caller may keep the model.
   *
   * @param message where training stopped, for the user
   */
  public InterruptedBeforeStepException(String message) {
    super(message);
  }
}
