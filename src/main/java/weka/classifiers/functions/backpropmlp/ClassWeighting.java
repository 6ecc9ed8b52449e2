package weka.classifiers.functions.backpropmlp;

/** Re-weighting of instances by class, for imbalanced nominal classes. */
public enum ClassWeighting {
  /** Use the instance weights as given. */
  NONE,
  /**
   * Multiply each instance's weight by {@code W / (K · W_c)}, with W the total weight, K the
   * number of classes present and W_c the total weight of the instance's class, so that every
   * class carries the same total weight (King &amp; Zeng 2001; scikit-learn's "balanced").
   */
  BALANCED
}
