package weka.classifiers.functions.backpropmlp;

/** How numeric input attributes are rescaled before they reach the network. */
public enum Normalization {
  /** Subtract the training mean, divide by the training standard deviation (z-scores). */
  STANDARDIZE,
  /** Map the training range [min, max] onto [0, 1]. */
  MINMAX,
  /** Feed raw values (only sensible when attributes already share a small scale). */
  NONE
}
