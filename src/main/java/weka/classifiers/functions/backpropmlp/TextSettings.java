package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.classifiers.functions.backprop.train.TrainerConfig;

/**
 * The automatic text settings ({@link AutoSettings#isText(int, double)}) as they apply to one
 * build: for wide, sparse training data, the options left at their defaults get the text values
 * (epochs, mini-batch, learning rate, a fixed λ₂); options the user set keep their values. Kept
 * with the model so that its description names what was chosen.
 */
public final class TextSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The settings of data that are not text-like: nothing changes. */
  public static final TextSettings NONE = new TextSettings(false, 1, 0, 0, 0, Double.NaN);

  private final boolean applies;
  private final double density;
  /** The values the text rule set; 0 (NaN for λ₂) where the option was the user's. */
  private final int epochs;
  private final int miniBatch;
  private final double learningRate;
  private final double l2;

  private TextSettings(boolean applies, double density, int epochs, int miniBatch,
      double learningRate, double l2) {
    this.applies = applies;
    this.density = density;
    this.epochs = epochs;
    this.miniBatch = miniBatch;
    this.learningRate = learningRate;
    this.l2 = l2;
  }

  /**
   * The text settings for a training set: for data wide and sparse ({@link AutoSettings#isText}),
   * but not for data whose numeric inputs the sparse route standardizes ({@link
   * SparseEncoding#route(Normalization, weka.core.Instances, ColumnScan)}: numbers
   * beside an identifier), which train as on the dense route, where AUTO had kept them.
   *
   * @param o the options
   * @param data the encoded training set
   * @param centred whether the sparse route standardizes numeric inputs ({@link
   *     InstanceEncoder#centresNumbers()})
   * @return the settings; {@link #NONE} unless the data are text-like
   */
  public static TextSettings of(BackpropMLPOptions o, Dataset data, boolean centred) {
    double density = density(data);
    if (!AutoSettings.isText(data.features(), density) || centred) {
      return NONE;
    }
    boolean autoBatch = o.getMiniBatchSize() == BackpropMLPOptions.AUTOMATIC;
    int batch = autoBatch ? AutoSettings.TEXT_MINI_BATCH : o.getMiniBatchSize();
    return new TextSettings(true, density,
        o.getMaxEpochs() == BackpropMLPOptions.AUTOMATIC
            ? AutoSettings.textEpochs(data.rows(), batch) : 0,
        autoBatch ? AutoSettings.TEXT_MINI_BATCH : 0,
        o.getLearningRate() == BackpropMLPOptions.AUTOMATIC ? AutoSettings.TEXT_LEARNING_RATE : 0,
        BackpropMLPOptions.DEFAULT_L2.equals(o.getL2()) ? AutoSettings.TEXT_L2 : Double.NaN);
  }

  /**
   * The fraction of non-zero inputs: counted on the sparse encoding; 1 for the dense one (dense
   * data are standardized, which makes zeros non-zero, and never count as text).
   *
   * @param data the encoded training set
   * @return non-zeros / (rows × columns), in [0, 1]
   */
  static double density(Dataset data) {
    if (!data.isSparse() || data.rows() == 0 || data.features() == 0) {
      return 1;
    }
    SparseRows x = data.sparseX();
    return x.nonZeros() / ((double) data.rows() * data.features());
  }

  /**
   * Whether the training data was text-like (wide and sparse), so the text values replace the
   * options left at their defaults.
   *
   * @return whether the text settings apply
   */
  public boolean applies() {
    return applies;
  }

  /**
   * Puts the text settings into an engine configuration: each of epochs, mini-batch, learning rate
   * and λ₂ is set only where a text value is defined.
   *
   * @param b the engine configuration of the options
   * @return {@code b} with the text values where they apply
   */
  public TrainerConfig.Builder apply(TrainerConfig.Builder b) {
    if (epochs > 0) {
      b.epochs(epochs);
    }
    if (miniBatch > 0) {
      b.miniBatch(miniBatch);
    }
    if (learningRate > 0) {
      b.learningRate(learningRate);
    }
    if (!Double.isNaN(l2)) {
      b.l2(l2);
    }
    return b;
  }

  /**
   * The epochs a continued training ({@code -resume}) adds: as many as this build ran when the
   * text rule chose them and {@code -epochs} is still automatic, else what {@code -epochs} asks
   * for ({@link EngineConfig#epochs}). Why: continuing a text build by 100 epochs (20 times the
   * 5 of a large corpus) would not be what an automatic budget means.
   *
   * @param optionEpochs the {@code -epochs} option when the training continues
   * @return epochs to add
   */
  public int resumeEpochs(int optionEpochs) {
    return epochs > 0 && optionEpochs == BackpropMLPOptions.AUTOMATIC ? epochs
        : EngineConfig.epochs(optionEpochs);
  }

  /**
   * The λ₂ values to choose among, where a text setting of λ₂ leaves a single candidate.
   *
   * @param o the options
   * @return the λ₂ candidates: the options' list, or the one text value in its place
   */
  public double[] l2Candidates(BackpropMLPOptions o) {
    return Double.isNaN(l2) ? o.l2Candidates() : new double[] {l2};
  }

  /**
   * The λ₂ used when no penalty is selected, a text value taking the place of the options'.
   *
   * @param o the options
   * @return the penalty without a selection: the options' ({@link
   *     BackpropMLPOptions#fixedL2()}) or the text value
   */
  public double fixedL2(BackpropMLPOptions o) {
    return Double.isNaN(l2) ? o.fixedL2() : l2;
  }

  /**
   * The text settings in force, as the model's description names them.
   *
   * @return e.g. {@code text settings (wide and 6.61 % non-zero): epochs 5, mini-batch 128, lr
   *     0.01, L2 0.0001 (no selection)}; empty when they do not apply or the user set all four
   */
  public String describe() {
    List<String> chosen = new ArrayList<>();
    if (epochs > 0) {
      chosen.add("epochs " + epochs);
    }
    if (miniBatch > 0) {
      chosen.add("mini-batch " + miniBatch);
    }
    if (learningRate > 0) {
      chosen.add("lr " + learningRate);
    }
    if (!Double.isNaN(l2)) {
      chosen.add("L2 " + ModelSummary.num(l2) + " (no selection)");
    }
    if (!applies || chosen.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "text settings (wide and %.2f %% non-zero): %s",
        100 * density, String.join(", ", chosen));
  }
}
