package weka.classifiers.functions.backpropmlp;

import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.UnsupportedAttributeTypeException;
import weka.core.UnsupportedClassTypeException;
import weka.core.WekaException;

/**
 * The refusals of data a network cannot learn from, each worded as advice: the first line of
 * the message names the attribute and says what to do (the Explorer's log and the command line
 * show that line first). The exception types are Weka's own ({@link
 * UnsupportedAttributeTypeException}, {@link UnsupportedClassTypeException}, {@link
 * WekaException}), so Weka's tools and checkers treat them as they treat Weka's refusals.
 */
public final class DataChecks {

  private DataChecks() {}

  /**
   * Checks what a build needs before it trains: that a {@code -curve-file} can be written (else
   * hours of training would end with a failed build), and the data as the classifier's
   * capabilities' {@code testWithFail} does, refusing first, with advice, what a user most often
   * meets: a string or relational attribute, a string or relational class, a nominal class with
   * a single value.
   *
   * @param options the classifier's options and capabilities
   * @param data the data (possibly only a header)
   * @throws Exception a Weka exception whose message's first line is the advice
   */
  public static void check(BackpropMLPOptions options, Instances data) throws Exception {
    checkCurveFile(options.getCurveFile());
    check(options.getCapabilities(), options.getLoss(), data);
    // the weights before anything weighs the rows (a NaN had failed ZeroR's prior); a row
    // without a class value is skipped whatever its weight, as a stream skips it
    for (int i = 0; i < data.numInstances(); i++) {
      if (data.classIndex() < 0 || !data.instance(i).classIsMissing()) {
        DatasetEncoding.checkedWeight(data.instance(i), i + 1, false);
      }
    }
  }

  /**
   * Refuses a null argument of the classifier's public methods, naming it: a NullPointerException
   * from inside had named a local variable of the code it met first.
   *
   * @param value the argument
   * @param what what it is, for the message ("the training data")
   * @param <T> its type
   * @return {@code value}, not null
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static <T> T given(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("BackpropMLP: " + what + " is null");
    }
    return value;
  }

  /**
   * The classifier's capabilities: nominal, numeric and date attributes, missing values, a
   * nominal class, and a numeric or date class unless {@code -loss} is one of the cross-entropies
   * (as SMO's follow its kernel); no minimum number of instances, since a build on an empty
   * header starts row-by-row training. Why the loss counts: Weka's meta-classifiers and the
   * Explorer's capability filter test these before a build, and a numeric class declared but
   * refused by the loss had failed {@code Bagging} part-way instead of up front.
   *
   * @param result the capabilities to set (the classifier's inherited ones)
   * @param loss the {@code -loss} option
   * @return {@code result}
   */
  public static Capabilities capabilities(Capabilities result, LossChoice loss) {
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.DATE_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    if (loss.handlesNumericClass()) {
      result.enable(Capability.NUMERIC_CLASS);
      result.enable(Capability.DATE_CLASS);
    }
    result.enable(Capability.MISSING_CLASS_VALUES);
    result.setMinimumNumberInstances(0);
    return result;
  }

  /**
   * Refuses a {@code -curve-file} that cannot be written: its folder missing, or the file (or,
   * for a new file, the folder) not writable.
   *
   * @param path the option's value; empty for none
   * @throws IllegalArgumentException naming the option, the path and what is wrong
   */
  static void checkCurveFile(String path) {
    if (path.isEmpty()) {
      return;
    }
    java.io.File file = new java.io.File(path).getAbsoluteFile();
    java.io.File folder = file.getParentFile();
    String problem = folder == null || !folder.isDirectory() ? "its folder " + folder
        + " does not exist" : file.isDirectory() ? "it is a folder"
        : !(file.exists() ? file.canWrite() : folder.canWrite()) ? "it cannot be written" : null;
    if (problem != null) {
      throw new IllegalArgumentException("BackpropMLP: " + OptionChecks.name("curve-file",
          "curveFile") + " " + path + ": " + problem + "; name a file in a writable folder, or"
          + " leave it empty");
    }
  }

  private static void check(Capabilities capabilities, LossChoice loss, Instances data)
      throws Exception {
    int classIndex = data.classIndex();
    for (int i = 0; i < data.numAttributes(); i++) {
      if (i != classIndex) {
        checkInput(data.attribute(i));
      }
    }
    if (classIndex >= 0) {
      checkClass(data.classAttribute(), loss);
    }
    capabilities.testWithFail(data);
  }

  private static void checkInput(Attribute a) throws UnsupportedAttributeTypeException {
    if (a.isString()) {
      throw new UnsupportedAttributeTypeException(quoted(a) + " is a string attribute:"
          + " BackpropMLP needs numbers; put StringToWordVector in front of it with"
          + " FilteredClassifier (or convert it with StringToNominal if it holds few distinct"
          + " values)\n(BackpropMLP handles numeric, nominal and date attributes)");
    }
    if (a.type() == Attribute.RELATIONAL) {
      throw new UnsupportedAttributeTypeException(quoted(a) + " is a relational attribute:"
          + " BackpropMLP needs one row of numbers per instance; flatten the bags first, e.g."
          + " with the filter MultiInstanceToPropositional (package multiInstanceFilters)\n"
          + "(BackpropMLP handles numeric, nominal and date attributes)");
    }
  }

  private static void checkClass(Attribute c, LossChoice loss)
      throws UnsupportedClassTypeException {
    if ((c.isNumeric() || c.isDate()) && !loss.handlesNumericClass()) {
      throw new UnsupportedClassTypeException(LossChoice.numericClassRefusal(loss));
    }
    if (c.isString()) {
      throw new UnsupportedClassTypeException("the class " + quoted(c) + " is a string"
          + " attribute: BackpropMLP predicts a nominal or numeric class; convert it with the"
          + " filter StringToNominal, or choose another class attribute");
    }
    if (c.type() == Attribute.RELATIONAL) {
      throw new UnsupportedClassTypeException("the class " + quoted(c) + " is a relational"
          + " attribute: BackpropMLP predicts a nominal or numeric class; choose another class"
          + " attribute");
    }
    if (c.isNominal() && c.numValues() < 2) {
      throw new UnsupportedClassTypeException("the class " + quoted(c) + " has "
          + (c.numValues() == 0 ? "no values" : "a single value ('" + c.value(0) + "')")
          + ": there is nothing to predict; give the class at least two values in the ARFF"
          + " header, or choose another class attribute\n(a unary class cannot be learned)");
    }
  }

  /**
   * The refusal of a data set without a single row whose class is known.
   *
   * @param data the data, all with a missing class value
   * @return the exception to throw, its first line the advice
   */
  public static WekaException noLabelledRows(Instances data) {
    return new WekaException("no training instance has a value for the class "
        + quoted(data.classAttribute()) + " (all " + data.numInstances()
        + " training instances lack it): BackpropMLP needs labelled rows; check that the class"
        + " is the right attribute (-c on the command line, the class box in the Explorer) and"
        + " that its values are filled in\n"
        + "(no training instances with a known class value)");
  }

  /**
   * The refusal to predict with, or describe, a model whose stream of rows ended without a row
   * whose class is known (a distributed job's empty partition can still be aggregated).
   *
   * @param model the model
   * @return the exception to throw, its first line the advice
   */
  public static WekaException noLabelledStream(FittedModel model) {
    return new WekaException(noLabelledStreamAdvice(model));
  }

  /**
   * @param model the model
   * @return the advice of {@link #noLabelledStream}: that no row came at all, or that every row
   *     that came lacked its class value
   */
  static String noLabelledStreamAdvice(FittedModel model) {
    long unlabelled = model.unlabelledRows();
    if (model.weightlessStream()) {
      return "every one of the " + model.streamedRows() + " training rows has weight 0: BackpropMLP"
          + " needs rows of positive weight to learn from (give some a positive weight)\n"
          + "(this model learned nothing, so it does not predict)";
    }
    if (unlabelled == 0) {
      return "the training data have no rows: BackpropMLP needs labelled rows to learn from\n"
          + "(this model learned nothing, so it does not predict)";
    }
    return "no training instance has a value for the class "
        + quoted(model.header().classAttribute()) + " (all " + unlabelled + " rows lacked it):"
        + " BackpropMLP needs labelled rows; check that the class is the right attribute (-c on"
        + " the command line, the class box in the Explorer) and that its values are filled in\n"
        + "(this model learned nothing, so it does not predict)";
  }

  /**
   * What the command line prints instead of a stack trace for a problem of the data or of the
   * evaluation's settings, or null for a failure that deserves its stack trace: Weka's own
   * {@link WekaException}s, and the refusals this package raises on purpose (an {@link
   * IllegalArgumentException}, an {@link IllegalStateException} such as an update of a model
   * that cannot take one, or an {@link ArithmeticException} such as a divergence, thrown by one
   * of its classes with a message), whose message already names the problem and the way
   * out. The same exception types thrown elsewhere (a bug, or a library) keep their trace.
   *
   * @param e what the evaluation threw
   * @return the message to print, its first line the advice; or null
   */
  public static String advice(Throwable e) {
    String m = e.getMessage();
    if (e instanceof WekaException) {
      return m == null ? e.toString() : m;
    }
    if (e instanceof IllegalArgumentException && m != null
        && m.startsWith("Can't have more folds than instances")) {
      return "the data set has fewer instances than cross-validation folds: use a smaller -x,"
          + " or -no-cv, or more data (an empty data set cannot be cross-validated)\n(Weka: "
          + m + ")";
    }
    if ((e instanceof IllegalArgumentException || e instanceof ArithmeticException
        || e instanceof IllegalStateException) && m != null && raisedHere(e)) {
      return m;
    }
    return null;
  }

  /** Whether {@code e} was thrown by a class of this package (the classifier or its engine). */
  private static boolean raisedHere(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && isOwnClass(trace[0].getClassName());
  }

  /**
   * @param className a fully qualified class name
   * @return whether it is the classifier, its Weka-side package or its engine
   */
  private static boolean isOwnClass(String className) {
    String functions = "weka.classifiers.functions.";
    return className.startsWith(functions + "BackpropMLP")
        || className.startsWith(functions + "backprop.")
        || className.startsWith(functions + "backpropmlp.");
  }

  private static String quoted(Attribute a) {
    return "attribute '" + a.name() + "'";
  }

  /**
   * Refuses a training row with an infinite input value, as a batch build refuses one in its
   * data: row-by-row training had taken ±∞ as a missing value without a word.
   *
   * @param inst a training row
   * @param streamedRow its 1-based position in the stream, for the message (named only when
   *     refused: this runs for every streamed row)
   * @throws IllegalArgumentException naming the attribute, if an input value is infinite
   */
  static void refuseInfiniteInputs(Instance inst, long streamedRow) {
    for (int p = 0, m = inst.numValues(); p < m; p++) {
      double v = inst.valueSparse(p);
      if (Double.isInfinite(v) && inst.index(p) != inst.classIndex()) {
        throw infiniteValue(inst.attributeSparse(p), v, "streamed row " + streamedRow);
      }
    }
  }

  /** The error for an infinite input value of {@code att}, found in {@code where}. */
  static IllegalArgumentException infiniteValue(Attribute att, double v, String where) {
    return new IllegalArgumentException("attribute '" + att.name() + "' has the infinite value "
        + v + " in " + where + "; only NaN means missing in Weka. Replace or remove such values"
        + " (e.g. with a filter) before training.");
  }
}
