package weka.classifiers.functions.backprop.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-epoch record of a training run: mean training loss, validation loss and validation
 * metric (accuracy for classification, RMSE in standardized target units for regression; NaN
 * without a holdout), the learning rate, and the root-mean-square gradient norm of every weight
 * layer (the vanishing/exploding-gradient signal).
 */
public final class TrainingHistory implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Most epochs whose room is set aside up front; a longer run grows the arrays. */
  static final int MAX_INITIAL_EPOCHS = 1024;

  private final int layers;
  private double[] trainLoss;
  private double[] valLoss;
  private double[] valMetric;
  private double[] rate;
  private double[] gradNorms;
  private int epochs;
  private int bestEpoch = -1;

  /**
   * An empty record with room for 16 epochs, which grows as more are added.
   *
   * @param layers number of weight layers whose gradient norms are recorded
   */
  public TrainingHistory(int layers) {
    this(layers, 16);
  }

  /**
   * A history with room for the epochs a training plans, so that recording them allocates
   * nothing inside an epoch (the arrays had doubled in the 17th and 33rd epochs).
   *
   * @param layers number of weight layers whose gradient norms are recorded
   * @param plannedEpochs epochs to set room aside for (at most {@value #MAX_INITIAL_EPOCHS},
   *     at least 1)
   */
  public TrainingHistory(int layers, int plannedEpochs) {
    this.layers = layers;
    int n = Math.max(1, Math.min(plannedEpochs, MAX_INITIAL_EPOCHS));
    trainLoss = new double[n];
    valLoss = new double[n];
    valMetric = new double[n];
    rate = new double[n];
    gradNorms = new double[n * layers];
  }

  /**
   * Appends one epoch.
   *
   * @param train mean training loss
   * @param val validation loss (NaN without holdout)
   * @param metric validation accuracy or RMSE (NaN without holdout)
   * @param lr learning rate used
   * @param layerNorms RMS gradient norm of each weight layer
   */
  public void record(double train, double val, double metric, double lr, double[] layerNorms) {
    if (epochs == trainLoss.length) {
      int n = epochs * 2;
      trainLoss = Arrays.copyOf(trainLoss, n);
      valLoss = Arrays.copyOf(valLoss, n);
      valMetric = Arrays.copyOf(valMetric, n);
      rate = Arrays.copyOf(rate, n);
      gradNorms = Arrays.copyOf(gradNorms, n * layers);
    }
    trainLoss[epochs] = train;
    valLoss[epochs] = val;
    valMetric[epochs] = metric;
    rate[epochs] = lr;
    System.arraycopy(layerNorms, 0, gradNorms, epochs * layers, layers);
    epochs++;
  }

  void setBestEpoch(int e) {
    bestEpoch = e;
  }

  /** Number of epochs recorded. */
  public int epochs() {
    return epochs;
  }

  /** Number of weight layers. */
  public int layers() {
    return layers;
  }

  /** Mean weighted training loss of epoch {@code e} (0-based), measured during the epoch. */
  public double trainLoss(int e) {
    return trainLoss[e];
  }

  /** Validation loss after epoch {@code e}, NaN without a holdout. */
  public double validationLoss(int e) {
    return valLoss[e];
  }

  /** Validation accuracy (classification) or RMSE (regression) after epoch {@code e}. */
  public double validationMetric(int e) {
    return valMetric[e];
  }

  /** Learning rate used in epoch {@code e}. */
  public double learningRate(int e) {
    return rate[e];
  }

  /** RMS over the epoch's steps of the gradient norm of weight layer {@code l}. */
  public double gradientNorm(int e, int l) {
    return gradNorms[e * layers + l];
  }

  /** Epoch (0-based) whose weights were kept: the best validation loss, or the last epoch. */
  public int bestEpoch() {
    return bestEpoch >= 0 ? bestEpoch : epochs - 1;
  }

  /** Best validation loss, NaN without a holdout. */
  public double bestValidationLoss() {
    return epochs == 0 ? Double.NaN : valLoss[bestEpoch()];
  }

  /** Training loss of the last epoch, NaN before the first. */
  public double finalTrainLoss() {
    return epochs == 0 ? Double.NaN : trainLoss[epochs - 1];
  }
}
