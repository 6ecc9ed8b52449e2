package weka.classifiers.functions.spark;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Locale;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Instances;

/**
 * What the cluster job and its baselines report about a model, without Spark on the class path:
 * a fingerprint of its exact parameters and its holdout accuracy.
 */
public final class ModelCheck {

  private ModelCheck() {}

  /**
   * SHA-256 of a model's parameters (their IEEE-754 bits, in order): equal fingerprints mean
   * bit-for-bit equal models.
   *
   * @param model a trained model
   * @return the hex digest
   * @throws Exception if the model has no parameters yet
   */
  public static String fingerprint(BackpropMLP model) throws Exception {
    double[] params = model.getModelView().parameters();
    ByteBuffer buf = ByteBuffer.allocate(8 * params.length);
    for (double p : params) {
      buf.putLong(Double.doubleToRawLongBits(p));
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(buf.array());
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) {
      hex.append(String.format(Locale.ROOT, "%02x", b));
    }
    return hex.toString();
  }

  /**
   * Holdout accuracy in percent.
   *
   * @param model the model
   * @param holdout the test rows
   * @return percent correct
   * @throws Exception if evaluation fails
   */
  public static double accuracy(Classifier model, Instances holdout) throws Exception {
    Evaluation ev = new Evaluation(holdout);
    ev.evaluateModel(model, holdout);
    return ev.pctCorrect();
  }
}
