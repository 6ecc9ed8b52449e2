package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The choice between the encoded copy of the inputs and rows encoded per mini-batch: the system
 * property's values, the automatic rule (a quarter of the free heap, one Java array) and the
 * refusal of a forced copy that cannot fit, with its figures.
 */
class InputCopyTest {

  private static final long MB = 1 << 20;

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({"eager, EAGER", "LAZY, LAZY", "' Auto ', AUTO", "'', AUTO", "'  ', AUTO"})
  void theValuesOfThePropertyAreRead(String value, InputCopy expected) {
    assertEquals(expected, InputCopy.parse(value));
  }

  @Test
  void anAbsentPropertyMeansAutoAndABadOneIsRefusedNamingIt() {
    assertEquals(InputCopy.AUTO, InputCopy.parse(null));
    String old = System.getProperty(InputCopy.PROPERTY);
    try {
      System.clearProperty(InputCopy.PROPERTY);
      assertEquals(InputCopy.AUTO, InputCopy.fromProperty());
      System.setProperty(InputCopy.PROPERTY, "lazy");
      assertEquals(InputCopy.LAZY, InputCopy.fromProperty());
      System.setProperty(InputCopy.PROPERTY, "sometimes");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, InputCopy::fromProperty);
      assertEquals("BackpropMLP: system property weka.backpropmlp.inputCopy=sometimes is not one"
          + " of eager, lazy, auto", e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty(InputCopy.PROPERTY);
      } else {
        System.setProperty(InputCopy.PROPERTY, old);
      }
    }
  }

  @ParameterizedTest(name = "{0} rows × {1} columns, {2} MB free: auto copies {3}")
  @CsvSource({
      // 60,000 × 784 doubles = 376,320,000 bytes (358.9 MB)
      "60000, 784, 1436, true", "60000, 784, 1435, false", "60000, 784, 200, false",
      "150, 4, 1, true",
      // 2^31 values would need one array of more than Integer.MAX_VALUE elements
      "2097152, 1024, 1000000, false"
  })
  void autoCopiesWhenTheMatrixTakesAQuarterOfTheFreeHeapAtMost(long rows, int columns,
      long freeMb, boolean copy) {
    assertEquals(copy, InputCopy.AUTO.eager(rows, columns, freeMb * MB));
    assertFalse(InputCopy.LAZY.eager(rows, columns, freeMb * MB));
  }

  @Test
  void aForcedCopyIsKeptWhenItFitsAndRefusedWithTheFiguresWhenNot() {
    assertTrue(InputCopy.EAGER.eager(60000, 784, 500 * MB));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputCopy.EAGER.eager(60000, 784, 300 * MB));
    assertEquals("BackpropMLP: weka.backpropmlp.inputCopy=eager asks for an encoded copy of the"
        + " training inputs (60,000 rows × 784 columns: 359 MB), more than the 240 MB it may"
        + " take (80 % of the 300 MB of heap available); drop the property (or set it to lazy)"
        + " to encode the rows per mini-batch, or start Java with a larger -Xmx",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> InputCopy.EAGER.eager(2097152, 1024, 1L << 50));
    assertTrue(e.getMessage().contains("more than one Java array holds"), e.getMessage());
  }
}
