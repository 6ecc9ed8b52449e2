package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.OutputActivation;

/**
 * {@link LossChoice} turns the user's choice and the class's kind into the network's head: the
 * loss (AUTO resolved, cross-entropies refused for a numeric class with the flag and property in
 * the message), the output transform and the number of output units.
 */
class LossChoiceTest {

  @ParameterizedTest(name = "{0}, nominal class {1}: {2} through {3}, {4} outputs for 3 classes")
  @CsvSource({
      "AUTO, true, CROSS_ENTROPY, SOFTMAX, 3",
      "AUTO, false, SQUARED_ERROR, IDENTITY, 1",
      "CROSS_ENTROPY, true, CROSS_ENTROPY, SOFTMAX, 3",
      "BINARY_CROSS_ENTROPY, true, BINARY_CROSS_ENTROPY, SIGMOID, 3",
      "SQUARED_ERROR, true, SQUARED_ERROR, SIGMOID, 3",
      "SQUARED_ERROR, false, SQUARED_ERROR, IDENTITY, 1",
      "ABSOLUTE_ERROR, false, ABSOLUTE_ERROR, IDENTITY, 1",
      "HUBER, true, HUBER, SIGMOID, 3",
      "HUBER, false, HUBER, IDENTITY, 1"})
  void theHeadFollowsTheLossAndTheClass(LossChoice choice, boolean nominal, Loss loss,
      OutputActivation output, int outputs) {
    Loss resolved = choice.resolve(nominal);
    assertEquals(loss, resolved);
    assertEquals(output, LossChoice.outputFor(resolved, nominal));
    assertEquals(outputs, LossChoice.outputsFor(resolved, 3, nominal));
  }

  @ParameterizedTest(name = "{0} on two classes: one unit")
  @EnumSource(value = LossChoice.class, names = {"BINARY_CROSS_ENTROPY"})
  void aTwoValuedClassTakesOneSigmoidUnitWithBinaryCrossEntropy(LossChoice choice) {
    assertEquals(1, LossChoice.outputsFor(choice.resolve(true), 2, true));
    assertEquals(2, LossChoice.outputsFor(LossChoice.CROSS_ENTROPY.resolve(true), 2, true));
  }

  @ParameterizedTest(name = "{0} on a numeric class")
  @EnumSource(value = LossChoice.class, names = {"CROSS_ENTROPY", "BINARY_CROSS_ENTROPY"})
  void crossEntropiesAreRefusedForANumericClass(LossChoice choice) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> choice.resolve(false));
    assertTrue(e.getMessage().contains("-loss") && e.getMessage().contains("numeric"),
        e.getMessage());
  }
}
