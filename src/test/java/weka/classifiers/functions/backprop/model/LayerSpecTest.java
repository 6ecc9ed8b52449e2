package weka.classifiers.functions.backprop.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing of the hidden-layer specification {@code "64:RELU,32:TANH"}: widths, optional
 * case-insensitive activations with the default filling in, whitespace tolerance, the empty
 * specification, the canonical {@link LayerSpec#toString()} (which parses back to the same
 * layers), and rejection of malformed text with an {@link IllegalArgumentException} whose
 * message names the faulty element and what would be allowed instead.
 */
class LayerSpecTest {

  @Test
  void singleWidthUsesDefaultActivation() {
    LayerSpec s = LayerSpec.parse("64", Activation.GELU);
    assertEquals(1, s.depth());
    assertEquals(64, s.width(0));
    assertEquals(Activation.GELU, s.activation(0));
    assertEquals("64:GELU", s.toString());
  }

  @Test
  void autoTakesTheWidthTheCallerGivesAndIsRefusedWithoutOne() {
    assertEquals("16:RELU", LayerSpec.parse("auto", Activation.RELU, 16).toString());
    assertEquals("52:TANH,8:RELU",
        LayerSpec.parse(" AUTO:tanh , 8", Activation.RELU, 52).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerSpec.parse("auto", Activation.RELU));
    assertTrue(e.getMessage().contains("'auto'"), e.getMessage());
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> LayerSpec.parse("aut", Activation.RELU, 16));
    assertTrue(typo.getMessage().contains("or auto for a width from the inputs"),
        typo.getMessage());
    // the word the property sheet's other automatic fields show
    assertEquals("16:RELU", LayerSpec.parse("Automatic", Activation.RELU, 16).toString());
    assertTrue(LayerSpec.namesAuto("automatic"));
    assertTrue(LayerSpec.namesAuto(" 8, Auto:TANH"));
    assertFalse(LayerSpec.namesAuto("64:RELU,32"));
    assertFalse(LayerSpec.namesAuto(""));
  }

  @Test
  void activationsAreCaseInsensitiveAndWhitespaceIsIgnored() {
    LayerSpec s = LayerSpec.parse("64:relu, 32:TANH", Activation.SIGMOID);
    assertEquals(2, s.depth());
    assertEquals(64, s.width(0));
    assertEquals(Activation.RELU, s.activation(0));
    assertEquals(32, s.width(1));
    assertEquals(Activation.TANH, s.activation(1));
    assertEquals("64:RELU,32:TANH", s.toString());

    LayerSpec spaced = LayerSpec.parse("  8 : Leaky_Relu ,4,  2:elu  ", Activation.TANH);
    assertEquals("8:LEAKY_RELU,4:TANH,2:ELU", spaced.toString());
  }

  @ParameterizedTest(name = "\"{0}\" means no hidden layer")
  @ValueSource(strings = {"", "  ", "\t"})
  void blankMeansNoHiddenLayer(String spec) {
    LayerSpec s = LayerSpec.parse(spec, Activation.RELU);
    assertEquals(0, s.depth());
    assertEquals("", s.toString());
  }

  @Test
  void nullMeansNoHiddenLayer() {
    assertEquals(0, LayerSpec.parse(null, Activation.RELU).depth());
  }

  @Test
  void everyActivationNameParses() {
    for (Activation a : Activation.values()) {
      LayerSpec s = LayerSpec.parse("3:" + a.name().toLowerCase(java.util.Locale.ROOT),
          Activation.RELU);
      assertEquals(a, s.activation(0));
    }
  }

  @ParameterizedTest(name = "toString of \"{0}\" round-trips")
  @ValueSource(strings = {"64", "64:relu, 32:TANH", "1,2,3", "1048576:identity", "5:gelu,5"})
  void canonicalFormRoundTrips(String spec) {
    LayerSpec s = LayerSpec.parse(spec, Activation.SOFTPLUS);
    LayerSpec again = LayerSpec.parse(s.toString(), Activation.RELU);
    assertEquals(s.toString(), again.toString());
    assertEquals(s.depth(), again.depth());
    for (int i = 0; i < s.depth(); i++) {
      assertEquals(s.width(i), again.width(i));
      assertEquals(s.activation(i), again.activation(i));
    }
    assertTrue(s.toString().matches("(\\d+:[A-Z_]+)(,\\d+:[A-Z_]+)*"), s.toString());
  }

  /**
   * Each bad spec with a fragment the message must contain to name the bad element, and one
   * that shows what is allowed.
   */
  @ParameterizedTest(name = "\"{0}\" is rejected")
  @CsvSource(delimiter = '|', value = {
      "0        | width 0      | 1..1048576",
      "-3       | width -3     | 1..1048576",
      "1048577  | 1048577      | 1..1048576",
      "a,b      | 'a'          | positive layer width",
      "64:NOPE  | 'NOPE'       | RELU, LEAKY_RELU, ELU, GELU, TANH, SIGMOID, SOFTPLUS, IDENTITY",
      "64,,32   | ''           | positive layer width",
      "64,      | ''           | positive layer width",
      "64:      | ''           | RELU",
      "1.5      | '1.5'        | positive layer width",
      "64;32    | '64;32'      | positive layer width",
  })
  void rejectsMalformedSpecs(String spec, String namesElement, String namesAllowed) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerSpec.parse(spec, Activation.RELU));
    String msg = e.getMessage();
    assertTrue(msg.contains(namesElement), "message does not name the element: " + msg);
    assertTrue(msg.contains(namesAllowed), "message does not say what is allowed: " + msg);
  }

  @Test
  void theNetworkBetweenInputsAndOutputsIsWrittenAsTheArchitecture() {
    LayerSpec two = LayerSpec.parse("16,8:TANH", Activation.RELU);
    assertEquals("4-[16 RELU]-[8 TANH]-3", two.between(4, 3));
    assertEquals("16:RELU,8:TANH", two.toString());
    assertEquals("4-3", LayerSpec.parse("", Activation.RELU).between(4, 3));
  }
}
