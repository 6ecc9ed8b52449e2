package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * {@link TrainerConfig} holds one set of defaults, refuses every value outside its range when it
 * is built (naming the parameter and the value), and derives variants without changing itself.
 */
class TrainerConfigTest {

  @Test
  void theDefaultsAreTheProductsDefaults() {
    TrainerConfig c = TrainerConfig.builder().build();
    assertEquals(TrainerConfig.DEFAULT_EPOCHS, c.epochs());
    assertEquals(100, c.epochs());
    assertEquals(0.9, c.momentum());
    assertEquals(20, c.patience());
    assertEquals(OptimizerType.ADAM, c.optimizer());
    assertEquals(Schedule.COSINE, c.schedule());
    assertEquals(1, c.seed());
    assertEquals(AutoSettings.miniBatch(AutoSettings.UNKNOWN_ROWS), c.miniBatch());
    assertEquals(AutoSettings.learningRate(AutoSettings.UNKNOWN_ROWS), c.learningRate());
    assertEquals(0, c.dropout());
    assertEquals(0, c.l1());
    assertEquals(0, c.l2());
    assertEquals(0, c.clipNorm());
    assertEquals(0, c.validationFraction());
    assertEquals(0, c.warmup());
    assertEquals(1, c.threads());
  }

  @Test
  void aVariantChangesOnlyWhatItSetsAndLeavesTheOriginalAlone() {
    TrainerConfig base = TrainerConfig.builder().epochs(7).miniBatch(3).learningRate(0.2)
        .optimizer(OptimizerType.SGD).momentum(0.5).nesterov(true).l1(1e-3).l2(1e-2)
        .clipNorm(2).validationFraction(0.25).patience(4).seed(9).dropout(0.1)
        .schedule(Schedule.STEP).warmup(2).threads(3).build();
    TrainerConfig variant = base.toBuilder().l2(0.5).validationFraction(0.1).build();
    assertEquals(0.5, variant.l2());
    assertEquals(0.1, variant.validationFraction());
    assertEquals(1e-2, base.l2());
    assertEquals(0.25, base.validationFraction());
    assertEquals(7, variant.epochs());
    assertEquals(3, variant.miniBatch());
    assertEquals(0.2, variant.learningRate());
    assertEquals(OptimizerType.SGD, variant.optimizer());
    assertEquals(0.5, variant.momentum());
    assertTrue(variant.nesterov());
    assertEquals(1e-3, variant.l1());
    assertEquals(2, variant.clipNorm());
    assertEquals(4, variant.patience());
    assertEquals(9, variant.seed());
    assertEquals(0.1, variant.dropout());
    assertEquals(Schedule.STEP, variant.schedule());
    assertEquals(2, variant.warmup());
    assertEquals(3, variant.threads());
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        bad("epochs", b -> b.epochs(0)),
        bad("miniBatch", b -> b.miniBatch(0)),
        bad("patience", b -> b.patience(0)),
        bad("warmup", b -> b.warmup(-1)),
        bad("threads", b -> b.threads(0)),
        bad("learningRate", b -> b.learningRate(0)),
        bad("learningRate", b -> b.learningRate(Double.NaN)),
        bad("learningRate", b -> b.learningRate(Double.POSITIVE_INFINITY)),
        bad("momentum", b -> b.momentum(1)),
        bad("momentum", b -> b.momentum(-0.1)),
        bad("validationFraction", b -> b.validationFraction(1)),
        bad("dropout", b -> b.dropout(Double.NaN)),
        bad("dropout", b -> b.dropout(1)),
        bad("l1", b -> b.l1(-1e-9)),
        bad("l2", b -> b.l2(Double.POSITIVE_INFINITY)),
        bad("clipNorm", b -> b.clipNorm(Double.NaN)),
        bad("optimizer", b -> b.optimizer(null)),
        bad("schedule", b -> b.schedule(null)));
  }

  private static Arguments bad(String name, UnaryOperator<TrainerConfig.Builder> change) {
    return Arguments.of(name, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void aValueOutOfRangeIsRefusedByName(String name, UnaryOperator<TrainerConfig.Builder> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> change.apply(TrainerConfig.builder()).build());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertTrue(!e.getMessage().matches(".*(^|\\s)-[a-z].*"),
        "the engine names no flag: " + e.getMessage());
  }
}
