package weka.classifiers.functions.backpropmlp;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Arrays;
import weka.classifiers.Classifier;
import weka.core.OptionHandler;
import weka.core.Utils;

/**
 * The serialized form of an untrained classifier: its class and its options, which become a
 * classifier again when read ({@code readResolve}). The classifier ({@code
 * BackpropMLP.writeReplace}) uses it only before a build; a trained model, or one with a training
 * session under way, is saved field by field as always.
 *
 * <p>Why: Weka copies an untrained classifier through Java serialization wherever it needs a
 * fresh one: {@code AbstractClassifier.makeCopy} once per fold of every cross-validation, the
 * Experimenter per run, the Explorer's object editor. Field by field, a copy wrote and read about
 * twenty class descriptors (the classifier's three classes, seven option enums with {@code
 * java.lang.Enum}, strings), and after a three-second warm-up a 10-fold run of a 200-row set
 * still paid for the JIT compiler's work on Java's descriptor code (bench/README.md, "Copies of
 * an untrained classifier"). As its options there are two descriptors (this class and {@code
 * String[]}), and the options are the classifier's whole state before a build.
 *
 * <p>Only the exact class named by the classifier travels so: a subclass may hold state of its
 * own, and is serialized field by field.
 */
public final class UntrainedForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The classifier's class, made again by its no-argument constructor. */
  private final String className;
  /**
   * The classifier's {@code getOptions()}. An array, not Weka's joined string: {@code
   * Utils.splitOptions} reads a string character by character, and in a 10-run window after the
   * warm-up the JIT compiler spent about 100 ms compiling that loop.
   */
  private final String[] options;

  private UntrainedForm(String className, String[] options) {
    this.className = className;
    this.options = options;
  }

  /**
   * What to serialize in place of {@code c} ({@code writeReplace}).
   *
   * @param c the classifier being serialized
   * @param only the class that travels as its options (a subclass of it does not)
   * @param untrained whether {@code c} has neither a model nor a training session
   * @return an {@link UntrainedForm} for an untrained {@code c} of class {@code only}, else
   *     {@code c} itself
   */
  public static Object replace(OptionHandler c, Class<?> only, boolean untrained) {
    if (!untrained || c.getClass() != only) {
      return c;
    }
    return new UntrainedForm(only.getName(), c.getOptions());
  }

  /**
   * A classifier of the saved class with the saved options.
   *
   * @return the classifier
   * @throws ObjectStreamException if the class cannot be made or the options are refused (a
   *     stream edited by hand)
   */
  private Object readResolve() throws ObjectStreamException {
    try {
      // loaded without running its initializer, and made only if it is an option-handling
      // classifier: a stream edited by hand names no other class to construct
      Class<?> type = Class.forName(className, false, UntrainedForm.class.getClassLoader());
      if (!Classifier.class.isAssignableFrom(type) || !OptionHandler.class.isAssignableFrom(type)) {
        throw new ClassCastException(className + " is no classifier with options");
      }
      OptionHandler c = (OptionHandler) type.getDeclaredConstructor().newInstance();
      c.setOptions(options.clone()); // setOptions consumes its array
      return c;
    } catch (Exception e) {
      InvalidObjectException bad = new InvalidObjectException("cannot make a " + className
          + " with the options " + described(options) + ": " + e.getMessage());
      bad.initCause(e);
      throw bad;
    }
  }

  /**
   * @return the options as Weka joins them; for a stream edited to hold no array, or a missing
   *     entry (which {@code Utils.joinOptions} cannot take), the array's plain listing
   */
  private static String described(String[] options) {
    if (options == null || Arrays.asList(options).contains(null)) {
      return Arrays.toString(options);
    }
    return Utils.joinOptions(options);
  }
}
