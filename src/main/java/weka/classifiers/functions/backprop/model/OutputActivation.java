package weka.classifiers.functions.backprop.model;

/** The transform applied to the last layer's pre-activations to produce the network's output. */
public enum OutputActivation {
  /** Softmax over all output units: a probability distribution (paired with cross-entropy). */
  SOFTMAX,
  /** Independent logistic sigmoid per unit: values in (0, 1). */
  SIGMOID,
  /** No transform: real-valued outputs for regression. */
  IDENTITY
}
