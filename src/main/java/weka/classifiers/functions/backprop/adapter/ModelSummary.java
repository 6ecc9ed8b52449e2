package weka.classifiers.functions.backprop.adapter;

import java.util.Locale;
import weka.classifiers.functions.backprop.Network;
import weka.classifiers.functions.backprop.TrainingHistory;
import weka.core.Instances;

/**
 * The text a user sees for a trained model ({@code toString()}): architecture, effective
 * options, how training went, a compact loss curve and a gradient-health check.
 */
public final class ModelSummary {

  /** Rows of the loss curve shown, at most. */
  static final int CURVE_ROWS = 12;

  private ModelSummary() {}

  /**
   * @param net trained network
   * @param h training record
   * @param header training header
   * @param options effective options
   * @param trainRows rows trained on
   * @param valRows held-out rows
   * @param stoppedEarly whether early stopping ended training
   * @param targetScale standard deviation of a numeric class (to report RMSE in its unit)
   * @param decimals decimal places
   * @return the description
   */
  public static String describe(
      Network net, TrainingHistory h, Instances header, String options, int trainRows,
      int valRows, boolean stoppedEarly, double targetScale, int decimals) {
    boolean nominal = header.classAttribute().isNominal();
    StringBuilder sb = new StringBuilder();
    sb.append("BackpropMLP: multilayer perceptron trained by backpropagation\n");
    sb.append("=============================================================\n\n");
    sb.append("Class: ").append(header.classAttribute().name())
        .append(nominal ? " (nominal, " + header.numClasses() + " values)" : " (numeric)")
        .append('\n');
    sb.append("Architecture: ").append(net).append('\n');
    sb.append("Parameters: ").append(net.numParameters()).append('\n');
    sb.append("Options: ").append(options).append('\n');
    sb.append("Training rows: ").append(trainRows).append(", validation rows: ").append(valRows)
        .append('\n');
    int epochs = h.epochs();
    sb.append("Epochs run: ").append(epochs);
    if (stoppedEarly) {
      sb.append(" (stopped early: validation loss did not improve)");
    }
    sb.append('\n');
    if (valRows > 0 && epochs > 0) {
      int b = h.bestEpoch();
      sb.append(String.format(Locale.ROOT, "Best epoch: %d, validation loss %s, validation %s %s"
              + " (weights of this epoch kept)%n", b + 1, fmt(h.validationLoss(b), decimals),
          nominal ? "accuracy" : "RMSE",
          fmt(nominal ? h.validationMetric(b) : h.validationMetric(b) * targetScale, decimals)));
    }
    if (epochs > 0) {
      sb.append("\nLoss curve (epoch: training loss / validation loss):\n");
      int step = Math.max(1, (int) Math.ceil(epochs / (double) CURVE_ROWS));
      for (int e = 0; e < epochs; e += step) {
        appendCurveRow(sb, h, e, decimals);
      }
      if ((epochs - 1) % step != 0) {
        appendCurveRow(sb, h, epochs - 1, decimals);
      }
      sb.append(gradientHealth(h));
    }
    return sb.toString();
  }

  private static void appendCurveRow(StringBuilder sb, TrainingHistory h, int e, int decimals) {
    sb.append(String.format(Locale.ROOT, "  %5d: %s / %s%n", e + 1, fmt(h.trainLoss(e), decimals),
        Double.isNaN(h.validationLoss(e)) ? "-" : fmt(h.validationLoss(e), decimals)));
  }

  /**
   * Flags weight layers whose gradient norm in the last epoch is below 1e-6 of the largest
   * (vanishing) or non-finite/huge (exploding), with advice.
   */
  static String gradientHealth(TrainingHistory h) {
    int last = h.epochs() - 1;
    double max = 0;
    for (int l = 0; l < h.layers(); l++) {
      max = Math.max(max, h.gradientNorm(last, l));
    }
    StringBuilder sb = new StringBuilder("\nGradient norm per weight layer (last epoch):");
    StringBuilder warn = new StringBuilder();
    for (int l = 0; l < h.layers(); l++) {
      double g = h.gradientNorm(last, l);
      sb.append(String.format(Locale.ROOT, " %.3g", g));
      if (max > 0 && g < 1e-6 * max) {
        warn.append(String.format(Locale.ROOT, "WARNING: layer %d's gradient vanishes (%.2g vs"
            + " %.2g); try RELU activations with HE initialization, fewer layers, or a larger"
            + " -lr.%n", l + 1, g, max));
      } else if (!Double.isFinite(g) || g > 1e3) {
        warn.append(String.format(Locale.ROOT, "WARNING: layer %d's gradient explodes (%.2g);"
            + " try -clip 1 or a lower -lr.%n", l + 1, g));
      }
    }
    return sb.append('\n').append(warn).toString();
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + Math.max(4, decimals) + "f", v);
  }
}
