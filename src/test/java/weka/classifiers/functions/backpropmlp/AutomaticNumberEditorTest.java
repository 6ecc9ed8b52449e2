package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.beans.PropertyEditor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;

class AutomaticNumberEditorTest {

  @Test
  void learningRateShowsAndAcceptsAutomatic() {
    AutomaticNumberEditor e = new AutomaticNumberEditor.LearningRate();
    e.setValue(0.0);
    assertEquals("automatic", e.getAsText());
    assertTrue(e.isAutomatic());
    e.setAsText("0.05");
    assertEquals(0.05, e.getValue());
    assertEquals("0.05", e.getAsText());
    for (String t : new String[] {"automatic", " Auto ", "0", "0.0"}) {
      e.setValue(0.01);
      e.setAsText(t);
      assertEquals(0.0, e.getValue(), t);
      assertEquals("automatic", e.getAsText(), t);
    }
  }

  @Test
  void miniBatchIsAnInteger() {
    AutomaticNumberEditor e = new AutomaticNumberEditor.MiniBatchSize();
    e.setValue(0);
    assertEquals("automatic", e.getAsText());
    e.setAsText("32");
    assertEquals(32, e.getValue());
    assertEquals("32", e.getAsText());
    e.setAsText("auto");
    assertEquals(0, e.getValue());
    String half = assertThrows(IllegalArgumentException.class, () -> e.setAsText("3.5"))
        .getMessage();
    assertEquals("not a whole number and not 'automatic': 3.5", half);
    AutomaticNumberEditor rate = new AutomaticNumberEditor.LearningRate();
    rate.setAsText("0.01");
    assertEquals("too small to tell from 0: 1e-400",
        assertThrows(IllegalArgumentException.class, () -> rate.setAsText("1e-400")).getMessage());
    assertEquals(0.01, rate.getValue());
    rate.setAsText("0e5");
    assertEquals("automatic", rate.getAsText());
    assertEquals(0, e.getValue());
  }

  @Test
  void dropoutAutomaticIsMinusOneAndZeroIsOff() {
    AutomaticNumberEditor e = new AutomaticNumberEditor.Dropout();
    e.setValue(-1.0);
    assertEquals("automatic", e.getAsText());
    e.setAsText("0");
    assertEquals(0.0, e.getValue());
    assertEquals("0.0", e.getAsText());
    assertFalse(e.isAutomatic());
    e.setAsText("-1");
    assertEquals(-1.0, e.getValue());
    e.setAsText("0.2");
    e.setAsText("AUTOMATIC");
    assertEquals(-1.0, e.getValue());
  }

  @Test
  void invalidTextIsRefusedAndKeepsTheValue() {
    AutomaticNumberEditor e = new AutomaticNumberEditor.LearningRate();
    e.setValue(0.01);
    for (String t : new String[] {"", "automati", "fast", "1e", null}) {
      assertThrows(IllegalArgumentException.class, () -> e.setAsText(t), String.valueOf(t));
      assertEquals(0.01, e.getValue());
    }
  }

  @Test
  void beanInfoKeepsEveryPropertyAndSetsTheEditors() throws Exception {
    BeanInfo withEditors = Introspector.getBeanInfo(BackpropMLP.class);
    BeanInfo plain =
        Introspector.getBeanInfo(BackpropMLP.class, Introspector.IGNORE_IMMEDIATE_BEANINFO);
    assertEquals(plain.getPropertyDescriptors().length,
        withEditors.getPropertyDescriptors().length);
    assertEquals(plain.getMethodDescriptors().length, withEditors.getMethodDescriptors().length);
    Map<String, Class<?>> editors = new HashMap<>();
    for (PropertyDescriptor p : withEditors.getPropertyDescriptors()) {
      if (p.getPropertyEditorClass() != null) {
        editors.put(p.getName(), p.getPropertyEditorClass());
      }
    }
    assertEquals(Map.of("learningRate", AutomaticNumberEditor.LearningRate.class,
        "miniBatchSize", AutomaticNumberEditor.MiniBatchSize.class,
        "maxEpochs", AutomaticNumberEditor.MaxEpochs.class,
        "dropout", AutomaticNumberEditor.Dropout.class,
        "hiddenLayers", CheckedTextEditor.HiddenLayers.class,
        "l2", CheckedTextEditor.L2.class), editors);
    // as Weka's property sheet does: a fresh editor on a default classifier shows the word
    BackpropMLP mlp = new BackpropMLP();
    for (PropertyDescriptor p : withEditors.getPropertyDescriptors()) {
      if (editors.containsKey(p.getName())) {
        PropertyEditor ed = (PropertyEditor) p.getPropertyEditorClass()
            .getDeclaredConstructor().newInstance();
        ed.setValue(p.getReadMethod().invoke(mlp));
        String shown = p.getName().equals("hiddenLayers") ? "auto"
            : p.getName().equals("l2") ? BackpropMLPOptions.DEFAULT_L2 : "automatic";
        assertEquals(shown, ed.getAsText(), p.getName());
      }
    }
  }

  /**
   * A value the option's setter refuses is refused by the editor, which Weka's text field ignores,
   * instead of reaching the setter through the sheet: that had opened a dialog at every key
   * release (typing 1.5 as dropout: after "1", "1." and "1.5"). "-0" is read as 0.
   */
  @Test
  void valuesTheOptionRefusesAreRefusedHereAndMinusZeroIsZero() {
    AutomaticNumberEditor batch = new AutomaticNumberEditor.MiniBatchSize();
    batch.setValue(64);
    assertThrows(IllegalArgumentException.class, () -> batch.setAsText("-3"));
    assertEquals(64, batch.getValue());
    AutomaticNumberEditor dropout = new AutomaticNumberEditor.Dropout();
    dropout.setValue(0.3);
    for (String t : new String[] {"1", "1.5", "-0.5", "2"}) {
      assertThrows(IllegalArgumentException.class, () -> dropout.setAsText(t), t);
      assertEquals(0.3, dropout.getValue(), t);
    }
    dropout.setAsText("-0");
    assertEquals(Double.doubleToRawLongBits(0.0),
        Double.doubleToRawLongBits((Double) dropout.getValue()));
    AutomaticNumberEditor lr = new AutomaticNumberEditor.LearningRate();
    lr.setValue(0.05);
    for (String t : new String[] {"-0.1", "Infinity", "NaN"}) {
      assertThrows(IllegalArgumentException.class, () -> lr.setAsText(t), t);
      assertEquals(0.05, lr.getValue(), t);
    }
  }
}
