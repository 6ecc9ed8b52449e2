package weka.classifiers.functions;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.beans.SimpleBeanInfo;
import java.util.Map;
import weka.classifiers.functions.backpropmlp.AutomaticNumberEditor;
import weka.classifiers.functions.backpropmlp.CheckedTextEditor;

/**
 * Bean information for {@link BackpropMLP}: every property as plain introspection finds it, with
 * property editors that show the automatic values of {@code learningRate}, {@code miniBatchSize},
 * {@code maxEpochs} and {@code dropout} as the word "automatic" in Weka's property sheet (which
 * uses {@link PropertyDescriptor#getPropertyEditorClass()}), and that take {@code hiddenLayers}
 * and {@code l2} only once the typed text is valid ({@link CheckedTextEditor}).
 */
public class BackpropMLPBeanInfo extends SimpleBeanInfo {

  /** The editor of each property that has its own. */
  private static final Map<String, Class<?>> EDITORS = Map.of(
      "learningRate", AutomaticNumberEditor.LearningRate.class,
      "miniBatchSize", AutomaticNumberEditor.MiniBatchSize.class,
      "maxEpochs", AutomaticNumberEditor.MaxEpochs.class,
      "dropout", AutomaticNumberEditor.Dropout.class,
      "hiddenLayers", CheckedTextEditor.HiddenLayers.class,
      "l2", CheckedTextEditor.L2.class);

  @Override
  public PropertyDescriptor[] getPropertyDescriptors() {
    try {
      BeanInfo plain =
          Introspector.getBeanInfo(BackpropMLP.class, Introspector.IGNORE_IMMEDIATE_BEANINFO);
      PropertyDescriptor[] properties = plain.getPropertyDescriptors();
      for (PropertyDescriptor p : properties) {
        Class<?> editor = EDITORS.get(p.getName());
        if (editor != null) {
          p.setPropertyEditorClass(editor);
        }
      }
      return properties;
    } catch (IntrospectionException e) {
      return null; // plain introspection then
    }
  }
}
