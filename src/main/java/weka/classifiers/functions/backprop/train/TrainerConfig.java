package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.optim.OptimizerType;


/**
 * Hyper-parameters of a training run, independent of Weka. Plain fluent setters; the values are
 * validated by whoever builds the config (the Weka adapter validates at option time) and again,
 * cheaply, by {@link Trainer}.
 */
public final class TrainerConfig {

  int epochs = 100;
  int miniBatch = 32;
  double learningRate = 0.001;
  OptimizerType optimizer = OptimizerType.ADAM;
  double momentum = 0.9;
  boolean nesterov;
  double l1;
  double l2;
  double clipNorm;
  double validationFraction;
  int patience = 10;
  long seed = 1;
  double dropout;
  Schedule schedule = Schedule.CONSTANT;
  int warmup;
  int threads = 1;

  /** @param v maximum number of passes over the training data */
  public TrainerConfig epochs(int v) {
    epochs = v;
    return this;
  }

  /** @param v examples per gradient step */
  public TrainerConfig miniBatch(int v) {
    miniBatch = v;
    return this;
  }

  /** @param v base learning rate η */
  public TrainerConfig learningRate(double v) {
    learningRate = v;
    return this;
  }

  /** @param v the update rule */
  public TrainerConfig optimizer(OptimizerType v) {
    optimizer = v;
    return this;
  }

  /** @param v SGD momentum μ */
  public TrainerConfig momentum(double v) {
    momentum = v;
    return this;
  }

  /** @param v Nesterov form of SGD momentum */
  public TrainerConfig nesterov(boolean v) {
    nesterov = v;
    return this;
  }

  /** @param v L1 penalty λ₁ */
  public TrainerConfig l1(double v) {
    l1 = v;
    return this;
  }

  /** @param v L2 penalty λ₂ (decoupled decay for ADAMW) */
  public TrainerConfig l2(double v) {
    l2 = v;
    return this;
  }

  /** @param v maximum global gradient norm, 0 = no clipping */
  public TrainerConfig clipNorm(double v) {
    clipNorm = v;
    return this;
  }

  /** @param v fraction in [0, 1) held out for early stopping */
  public TrainerConfig validationFraction(double v) {
    validationFraction = v;
    return this;
  }

  /** @param v epochs without validation improvement before stopping */
  public TrainerConfig patience(int v) {
    patience = v;
    return this;
  }

  /** @param v seed of every random stream */
  public TrainerConfig seed(long v) {
    seed = v;
    return this;
  }

  /** @param v dropout probability on hidden units, in [0, 1) */
  public TrainerConfig dropout(double v) {
    dropout = v;
    return this;
  }

  /** @param v learning-rate schedule */
  public TrainerConfig schedule(Schedule v) {
    schedule = v;
    return this;
  }

  /** @param v linear warm-up epochs */
  public TrainerConfig warmup(int v) {
    warmup = v;
    return this;
  }

  /** @param v threads for forward and backward passes (results do not depend on it) */
  public TrainerConfig threads(int v) {
    threads = v;
    return this;
  }

  /** Maximum epochs. */
  public int epochs() {
    return epochs;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }
}
