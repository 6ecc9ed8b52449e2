package weka.classifiers.functions.backpropmlp;

import java.beans.PropertyEditorSupport;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A property editor for a number option with an "automatic" value (learning rate 0, mini-batch
 * size 0, epochs 0, dropout -1): Weka's property sheet shows the word {@value #AUTOMATIC_TEXT}
 * instead of the number that stands for it, so a newcomer does not read a learning rate of 0.0.
 *
 * <p>Typing {@code automatic}, {@code auto} or the automatic number selects the automatic
 * choice; other text is parsed as a number. Text that is no number, or a number the option's
 * setter refuses (tried on a throw-away options object, so the setter's rule is the only one), is
 * refused with an {@link IllegalArgumentException}, which Weka's text field ignores, as it does
 * for its own number fields. Why the setter is tried here: Weka commits the field at every key
 * release, and a refusal from the option itself opened a dialog per keystroke (typing 1.5 as
 * dropout, five). {@code -0} is read as 0. The command line is unchanged.
 */
public abstract class AutomaticNumberEditor extends PropertyEditorSupport {

  /** What the sheet shows for the automatic value. */
  public static final String AUTOMATIC_TEXT = "automatic";

  private final double automatic;
  private final boolean integer;
  /** The option's own setter, which refuses a value out of its range. */
  private final BiConsumer<BackpropMLPOptions, Number> setter;

  /**
   * An editor for one number option: {@code automatic} is the value shown as {@value
   * #AUTOMATIC_TEXT}, and {@code setter} is tried on typed values so the option's own range rule
   * decides.
   *
   * @param automatic the option value that means "automatic"
   * @param integer whether the option is an {@code int} (else a {@code double})
   * @param setter sets a typed value on an options object with the option's own setter
   */
  protected AutomaticNumberEditor(double automatic, boolean integer,
      BiConsumer<BackpropMLPOptions, Number> setter) {
    this.automatic = automatic;
    this.integer = integer;
    this.setter = setter;
  }

  /**
   * Whether the edited value is the one that stands for {@value #AUTOMATIC_TEXT}.
   *
   * @return whether the current value is the automatic one
   */
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
    Number v;
    try {
      v = integer ? (Number) Integer.valueOf(t) : (Number) (Double.valueOf(t) + 0.0); // -0 is 0
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException((integer ? "not a whole number" : "not a number")
          + " and not '" + AUTOMATIC_TEXT + "': " + text);
    }
    if (OptionChecks.underflows(t, v.doubleValue())) {
      throw new IllegalArgumentException("too small to tell from 0: " + text);
    }
    setter.accept(new Scratch(), v); // the setter's refusal, an IllegalArgumentException
    setValue(v);
  }

  /** A throw-away options object whose setters check typed values. */
  static final class Scratch extends BackpropMLPOptions {
    private static final long serialVersionUID = 1L;

    @Override
    public void buildClassifier(weka.core.Instances data) {
      throw new UnsupportedOperationException("only checks option values");
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
      super(BackpropMLPOptions.AUTOMATIC, false, (o, v) -> o.setLearningRate(v.doubleValue()));
    }
  }

  /** The mini-batch size: 0 = automatic. */
  public static final class MiniBatchSize extends AutomaticNumberEditor {
    /** Creates the editor. */
    public MiniBatchSize() {
      super(BackpropMLPOptions.AUTOMATIC, true, (o, v) -> o.setMiniBatchSize(v.intValue()));
    }
  }

  /** The maximum number of epochs: 0 = automatic. */
  public static final class MaxEpochs extends AutomaticNumberEditor {
    /** Creates the editor. */
    public MaxEpochs() {
      super(BackpropMLPOptions.AUTOMATIC, true, (o, v) -> o.setMaxEpochs(v.intValue()));
    }
  }

  /** The dropout probability: -1 = automatic (0 = off). */
  public static final class Dropout extends AutomaticNumberEditor {
    /** Creates the editor. */
    public Dropout() {
      super(BackpropMLPOptions.AUTOMATIC_DROPOUT, false, (o, v) -> o.setDropout(v.doubleValue()));
    }
  }
}
