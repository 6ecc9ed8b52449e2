package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.beans.PropertyEditor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text fields of hiddenLayers and l2 take typed text only once the option's setter would:
 * the partial inputs on the way to a valid value are refused quietly (Weka's text field ignores
 * the refusal), where the property sheet had opened two modal dialogs per key.
 */
class CheckedTextEditorTest {

  @ParameterizedTest(name = "{0}: {1} refused on the way to {2}")
  @CsvSource(delimiter = ';', value = {
    "hiddenLayers; a; auto",
    "hiddenLayers; 64:; 64:RELU",
    "hiddenLayers; 64:R; 64:RELU,32:TANH",
    "hiddenLayers; 16,; 16,8",
    "hiddenLayers; n; none",
    "l2; 0.001,; 0.001,0.01",
    "l2; 1e; 1e-4"
  })
  void partialTextIsRefusedAndValidTextTaken(String property, String partial, String valid) {
    PropertyEditor editor = property.equals("l2") ? new CheckedTextEditor.L2()
        : new CheckedTextEditor.HiddenLayers();
    editor.setValue("auto");
    assertThrows(IllegalArgumentException.class, () -> editor.setAsText(partial));
    assertEquals("auto", editor.getAsText(), "the value is left as it was");
    editor.setAsText(valid);
    assertEquals(valid, editor.getValue());
    assertEquals("\"" + valid + "\"", editor.getJavaInitializationString());
  }
}
