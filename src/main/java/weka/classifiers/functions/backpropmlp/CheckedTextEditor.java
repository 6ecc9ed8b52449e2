package weka.classifiers.functions.backpropmlp;

import java.beans.PropertyEditorSupport;
import java.util.function.BiConsumer;

/**
 * A property editor for a text option that its setter parses ({@code hiddenLayers}, {@code
 * l2}): text the setter refuses (tried on a throw-away options object) is refused with an
 * {@link IllegalArgumentException}, which Weka's text field ignores, as it does for its own
 * number fields, until the text is valid. Why: Weka's property sheet commits a text field at
 * every key release, and the refusal of the option itself opened a modal dialog for each
 * partial input on the way to a valid one ("a" for "auto", "64:" for "64:RELU", "0.001," for a
 * list: two dialogs per key, and the rest of the typing lost). The command line is unchanged.
 */
public abstract class CheckedTextEditor extends PropertyEditorSupport {

  /** The option's own setter, which refuses text it cannot parse. */
  private final BiConsumer<BackpropMLPOptions, String> setter;

  /**
   * An editor whose text is valid exactly when the option's own setter takes it, so the GUI has no
   * rule of its own to keep in step.
   *
   * @param setter sets typed text on an options object with the option's own setter
   */
  protected CheckedTextEditor(BiConsumer<BackpropMLPOptions, String> setter) {
    this.setter = setter;
  }

  @Override
  public String getAsText() {
    Object v = getValue();
    return v == null ? "" : v.toString();
  }

  @Override
  public void setAsText(String text) {
    String t = text == null ? "" : text;
    setter.accept(new AutomaticNumberEditor.Scratch(), t); // the setter's refusal
    setValue(t);
  }

  @Override
  public String getJavaInitializationString() {
    return "\"" + getAsText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The hidden layers, e.g. {@code 64:RELU,32:TANH}. */
  public static final class HiddenLayers extends CheckedTextEditor {
    /** Creates the editor. */
    public HiddenLayers() {
      super(BackpropMLPOptions::setHiddenLayers);
    }
  }

  /** The L2 penalty or list of penalties, e.g. {@code 0.0001,0.001,0.01}. */
  public static final class L2 extends CheckedTextEditor {
    /** Creates the editor. */
    public L2() {
      super(BackpropMLPOptions::setL2);
    }
  }
}
