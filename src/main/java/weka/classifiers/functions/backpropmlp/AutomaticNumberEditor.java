package weka.classifiers.functions.backpropmlp;

import java.beans.PropertyEditorSupport;
import java.util.Locale;

/**
 * A property editor for a number option with an "automatic" value (learning rate 0, mini-batch
 * size 0, dropout -1): Weka's property sheet shows the word {@value #AUTOMATIC_TEXT} instead of
 * the number that stands for it, so a newcomer does not read a learning rate of 0.0.
 *
 * <p>Typing {@code automatic}, {@code auto} or the automatic number selects the automatic
 * choice; other text is parsed as a number. Text that is no number is refused with an {@link
 * IllegalArgumentException}, which Weka's text field ignores, as it does for its own number
 * fields; range checks stay with the option's setter. The command line is unchanged.
 */
public abstract class AutomaticNumberEditor extends PropertyEditorSupport {

  /** What the sheet shows for the automatic value. */
  public static final String AUTOMATIC_TEXT = "automatic";

  private final double automatic;
  private final boolean integer;

  /**
   * @param automatic the option value that means "automatic"
   * @param integer whether the option is an {@code int} (else a {@code double})
   */
  protected AutomaticNumberEditor(double automatic, boolean integer) {
    this.automatic = automatic;
    this.integer = integer;
  }

  /** @return whether the current value is the automatic one */
  public boolean isAutomatic() {
    Object v = getValue();
    return v instanceof Number && ((Number) v).doubleValue() == automatic;
  }

  @Override
  public String getAsText() {
    Object v = getValue();
    if (!(v instanceof Number)) {
      return String.valueOf(v);
    }
    return isAutomatic() ? AUTOMATIC_TEXT : v.toString();
  }

  @Override
  public void setAsText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no value");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals(AUTOMATIC_TEXT) || t.equals("auto")) {
      setValue(integer ? (Object) (int) automatic : (Object) automatic);
      return;
    }
    try {
      setValue(integer ? (Object) Integer.valueOf(t) : (Object) Double.valueOf(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number and not '" + AUTOMATIC_TEXT + "': " + text);
    }
  }

  @Override
  public String getJavaInitializationString() {
    Object v = getValue();
    return v == null ? "null" : v.toString();
  }

  /** The learning rate: 0 = automatic. */
  public static final class LearningRate extends AutomaticNumberEditor {
    /** Creates the editor. */
    public LearningRate() {
      super(BackpropMLPOptions.AUTOMATIC, false);
    }
  }

  /** The mini-batch size: 0 = automatic. */
  public static final class MiniBatchSize extends AutomaticNumberEditor {
    /** Creates the editor. */
    public MiniBatchSize() {
      super(BackpropMLPOptions.AUTOMATIC, true);
    }
  }

  /** The dropout probability: -1 = automatic (0 = off). */
  public static final class Dropout extends AutomaticNumberEditor {
    /** Creates the editor. */
    public Dropout() {
      super(BackpropMLPOptions.AUTOMATIC_DROPOUT, false);
    }
  }
}
