package weka.classifiers.functions;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.beans.SimpleBeanInfo;
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

  @Override
  public PropertyDescriptor[] getPropertyDescriptors() {
    try {
      BeanInfo plain =
          Introspector.getBeanInfo(BackpropMLP.class, Introspector.IGNORE_IMMEDIATE_BEANINFO);
      PropertyDescriptor[] properties = plain.getPropertyDescriptors();
      for (PropertyDescriptor p : properties) {
        switch (p.getName()) {
          case "learningRate":
            p.setPropertyEditorClass(AutomaticNumberEditor.LearningRate.class);
            break;
          case "miniBatchSize":
            p.setPropertyEditorClass(AutomaticNumberEditor.MiniBatchSize.class);
            break;
          case "maxEpochs":
            p.setPropertyEditorClass(AutomaticNumberEditor.MaxEpochs.class);
            break;
          case "hiddenLayers":
            p.setPropertyEditorClass(CheckedTextEditor.HiddenLayers.class);
            break;
          case "l2":
            p.setPropertyEditorClass(CheckedTextEditor.L2.class);
            break;
          case "dropout":
            p.setPropertyEditorClass(AutomaticNumberEditor.Dropout.class);
            break;
          default:
            break;
        }
      }
      return properties;
    } catch (IntrospectionException e) {
      return null; // plain introspection then
    }
  }
}
