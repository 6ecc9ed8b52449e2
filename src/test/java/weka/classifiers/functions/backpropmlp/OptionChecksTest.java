package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each check passes good values through and refuses bad ones naming the flag and property. */
class OptionChecksTest {

  private static void refused(String expected, Runnable check) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, check::run).getMessage());
  }

  @Test
  void passesGoodValuesThrough() {
    assertEquals(0.0, OptionChecks.nonNegativeFinite("l1", "l1", 0.0));
    assertEquals(0.5, OptionChecks.unitInterval("momentum", "momentum", 0.5));
    assertEquals(3, OptionChecks.atLeast("epochs", "maxEpochs", 3, 1));
    assertEquals("x", OptionChecks.notNull("loss", "loss", "x"));
    assertArrayEquals(new double[] {0.01, 0.1, 0},
        OptionChecks.penalties("l2", "l2", " 0.01 , 0.1,0 "), 0.0);
  }

  @Test
  void refusesBadValuesNamingFlagAndProperty() {
    refused("-l1 (l1) must be a finite number >= 0, got Infinity",
        () -> OptionChecks.nonNegativeFinite("l1", "l1", Double.POSITIVE_INFINITY));
    refused("-momentum (momentum) must be in [0, 1), got 1.0",
        () -> OptionChecks.unitInterval("momentum", "momentum", 1));
    refused("-momentum (momentum) must be in [0, 1), got NaN",
        () -> OptionChecks.unitInterval("momentum", "momentum", Double.NaN));
    refused("-epochs (maxEpochs) must be an integer >= 1, got 0",
        () -> OptionChecks.atLeast("epochs", "maxEpochs", 0, 1));
    refused("-loss (loss) must be set, got null", () -> OptionChecks.notNull("loss", "loss", null));
  }

  @Test
  void refusesPenaltyListsThatAreEmptyOrHoldANonNumberOrANegative() {
    String what = "-l2 (l2) must be a number >= 0 or a comma-separated list of them, got ";
    refused(what + "\" \"", () -> OptionChecks.penalties("l2", "l2", " "));
    refused(what + "\"0.1,,1\"", () -> OptionChecks.penalties("l2", "l2", "0.1,,1"));
    refused(what + "\"0.1,x\"", () -> OptionChecks.penalties("l2", "l2", "0.1,x"));
    refused("-l2 (l2) must be a finite number >= 0, got -0.1",
        () -> OptionChecks.penalties("l2", "l2", "0.01,-0.1"));
    refused("-l2 (l2) must be set, got null", () -> OptionChecks.penalties("l2", "l2", null));
  }
}
