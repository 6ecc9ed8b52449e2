package weka.classifiers.functions.backpropmlp;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import weka.classifiers.AbstractClassifier;

/**
 * The serialized form of an untrained {@code BackpropMLP}: its options, read back into a new
 * classifier through {@code setOptions}. An untrained classifier holds nothing else (the options
 * round-trip, which Weka's {@code CheckOptionHandler} tests), and Weka copies classifiers by
 * serializing them: every fold of a cross-validation, every Experimenter run, every member of an
 * ensemble. The full form wrote ten class descriptions per copy (the option enums among them)
 * where this one writes three, 545 bytes instead of 1,924. Why it matters: in a short
 * cross-validation those class descriptions drove Java's serialization methods to the JIT
 * compiler's optimizing tier inside the timed runs, 0.02–0.05 s of compiler CPU per 10-fold run
 * of a 200-row set (bench/README.md, "Copies of an untrained classifier"). A copy in a warm JVM
 * costs about the same either way (option parsing instead of the fields).
 */
public final class OptionsForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The classifier this form reads back into. */
  static final String CLASSIFIER = "weka.classifiers.functions.BackpropMLP";

  private final String[] options;

  /** @param options the untrained classifier's {@code getOptions()} */
  public OptionsForm(String[] options) {
    this.options = options.clone();
  }

  /**
   * @return a new classifier with these options
   * @throws InvalidObjectException if the options are refused (a tampered stream)
   */
  private Object readResolve() throws ObjectStreamException {
    try {
      return AbstractClassifier.forName(CLASSIFIER, options.clone());
    } catch (Exception e) {
      InvalidObjectException bad =
          new InvalidObjectException("unreadable BackpropMLP options: " + e.getMessage());
      bad.initCause(e);
      throw bad;
    }
  }
}
