package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.OutputActivation;


/**
 * The loss a user selects: a concrete {@link Loss}, or {@link #AUTO} for cross-entropy on a
 * nominal class and squared error on a numeric one. Also decides the output transform and the
 * number of output units for a class attribute.
 */
public enum LossChoice {
  /** Cross-entropy with softmax for a nominal class, squared error for a numeric class. */
  AUTO(null),
  /** Softmax cross-entropy: nominal class only. */
  CROSS_ENTROPY(Loss.CROSS_ENTROPY),
  /** Sigmoid cross-entropy: nominal class only (one unit for two classes, else one per class). */
  BINARY_CROSS_ENTROPY(Loss.BINARY_CROSS_ENTROPY),
  /** Squared error. */
  SQUARED_ERROR(Loss.SQUARED_ERROR),
  /** Absolute error. */
  ABSOLUTE_ERROR(Loss.ABSOLUTE_ERROR),
  /** Huber loss. */
  HUBER(Loss.HUBER);

  private final Loss loss;

  LossChoice(Loss loss) {
    this.loss = loss;
  }

  /**
   * The concrete loss for a class attribute.
   *
   * @param nominalClass whether the class is nominal
   * @return the loss
   * @throws IllegalArgumentException if the loss cannot model this kind of class
   */
  public Loss resolve(boolean nominalClass) {
    if (this == AUTO) {
      return nominalClass ? Loss.CROSS_ENTROPY : Loss.SQUARED_ERROR;
    }
    if (!nominalClass && !handlesNumericClass()) {
      throw new IllegalArgumentException(numericClassRefusal(this));
    }
    return loss;
  }

  /**
   * Whether this loss can model a numeric (or date) class: every one but the cross-entropies.
   *
   * @return whether a numeric class can be trained with it
   */
  public boolean handlesNumericClass() {
    return this == AUTO || loss.isRegression();
  }

  /**
   * The refusal of a numeric class by a loss that needs a nominal one, naming the option.
   *
   * @param choice a loss for which {@link #handlesNumericClass()} is false
   * @return the message
   */
  static String numericClassRefusal(LossChoice choice) {
    return OptionChecks.name("loss", "loss") + ": " + choice + " needs a nominal class; for a"
        + " numeric class use AUTO, SQUARED_ERROR, ABSOLUTE_ERROR or HUBER";
  }

  /**
   * Output transform for a loss and class kind: softmax for cross-entropy, sigmoid for binary
   * cross-entropy and for regression losses on a nominal class (one-hot targets in [0, 1], as in
   * Weka's MultilayerPerceptron), identity for a numeric class.
   *
   * @param loss resolved loss
   * @param nominalClass whether the class is nominal
   * @return the output transform
   */
  public static OutputActivation outputFor(Loss loss, boolean nominalClass) {
    if (loss == Loss.CROSS_ENTROPY) {
      return OutputActivation.SOFTMAX;
    }
    return nominalClass ? OutputActivation.SIGMOID : OutputActivation.IDENTITY;
  }

  /**
   * Number of output units.
   *
   * @param loss resolved loss
   * @param classes number of class values (ignored for a numeric class)
   * @param nominalClass whether the class is nominal
   * @return output units
   */
  public static int outputsFor(Loss loss, int classes, boolean nominalClass) {
    if (!nominalClass) {
      return 1;
    }
    return loss == Loss.BINARY_CROSS_ENTROPY && classes == 2 ? 1 : classes;
  }
}
