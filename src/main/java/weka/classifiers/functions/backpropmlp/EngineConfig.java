package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.LayerSpec;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.TrainerConfig;

/**
 * The translation of {@link BackpropMLPOptions} into the engine's {@link TrainerConfig}: the
 * automatic settings resolved for the data at hand, every other option as it is set.
 */
public final class EngineConfig {

  private EngineConfig() {}

  /**
   * The engine's hyper-parameters from the options, with the strongest λ₂ candidate ({@link
   * BackpropMLPOptions#fixedL2()}); a caller choosing among candidates replaces it.
   *
   * @param o the options
   * @param rows training rows, which the automatic step settings and dropout depend on; {@link
   *     AutoSettings#UNKNOWN_ROWS} for row-by-row training
   * @param inputs encoded input columns, which the automatic dropout depends on
   * @return a builder holding the configuration
   */
  public static TrainerConfig.Builder of(BackpropMLPOptions o, int rows, int inputs) {
    return TrainerConfig.builder()
        .epochs(epochs(o.getMaxEpochs()))
        .miniBatch(o.effectiveMiniBatch(rows))
        .learningRate(o.effectiveLearningRate(rows))
        .optimizer(o.getOptimizer())
        .momentum(o.getMomentum())
        .nesterov(o.getNesterov())
        .l1(o.getL1())
        .l2(o.fixedL2())
        .clipNorm(o.getGradientClipNorm())
        .validationFraction(o.getValidationPercent() / 100)
        .patience(o.getPatience())
        .seed(o.getSeed())
        .dropout(o.effectiveDropout(inputs, rows))
        .schedule(o.getSchedule())
        .warmup(o.getWarmupEpochs())
        .threads(o.effectiveThreads());
  }

  /**
   * Turns the {@code -epochs} option into an epoch budget, replacing the automatic value by the
   * default.
   *
   * @param optionEpochs the {@code -epochs} option
   * @return the epoch budget it asks for: the option, or {@link TrainerConfig#DEFAULT_EPOCHS} if
   *     automatic (the text settings replace the automatic budget on wide sparse data)
   */
  public static int epochs(int optionEpochs) {
    return optionEpochs == BackpropMLPOptions.AUTOMATIC ? TrainerConfig.DEFAULT_EPOCHS
        : optionEpochs;
  }

  /**
   * The hidden layers the options ask for, where {@code none} (in any case) means no hidden layer.
   *
   * @param o the options
   * @return the hidden layer specification, with "none" mapped to the empty specification
   */
  public static String hiddenLayers(BackpropMLPOptions o) {
    return "none".equalsIgnoreCase(o.getHiddenLayers()) ? "" : o.getHiddenLayers();
  }

  /**
   * The hidden layers for {@code inputs} encoded columns: {@link #hiddenLayers(BackpropMLPOptions)}
   * parsed, an {@code auto} width resolved by {@link AutoSettings#hiddenUnits(int)}.
   *
   * @param o the options
   * @param inputs encoded input columns
   * @return the layers
   */
  public static LayerSpec layers(BackpropMLPOptions o, int inputs) {
    return LayerSpec.parse(hiddenLayers(o), o.getActivation(), AutoSettings.hiddenUnits(inputs));
  }

  /**
   * Whether the hidden layer specification names an automatic width, so the width is chosen from
   * the inputs.
   *
   * @param o the options
   * @return whether a hidden layer's width is left to {@link AutoSettings#hiddenUnits(int)}
   */
  public static boolean automaticWidth(BackpropMLPOptions o) {
    return LayerSpec.namesAuto(hiddenLayers(o));
  }
}
