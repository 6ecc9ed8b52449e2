package weka.classifiers.functions.backprop.optim;

import java.io.Serializable;

/**
 * A first-order update rule. It sees only a flat parameter vector and its gradient, never
 * layers, so one implementation serves every architecture. Per-parameter state (velocities,
 * moment estimates) lives in the instance; the hyper-parameters are fixed at construction.
 */
public interface Optimizer extends Serializable {

  /**
   * Applies one update in place.
   *
   * @param params parameters, updated in place
   * @param grad gradient of the objective at {@code params} (not modified)
   * @param learningRate step size for this step (schedules vary it between steps)
   */
  void step(double[] params, double[] grad, double learningRate);

  /** Forgets all accumulated state (velocities, moments, step count). */
  void reset();

  /** An independent copy, state included. */
  Optimizer copy();
}
