package weka.classifiers.functions.backpropmlp;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Vector;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.OptionMetadata;

/**
 * The options' help for the command line ({@code -h}): each tip text, which in the GUI ends by
 * naming the flag ("Command line: -lr."), here ends by naming the GUI property instead ("GUI:
 * learningRate."), an option whose text does not say its default gets it ("Default: ADAM.", as
 * Weka's own learners state theirs), and every line is wrapped to at most {@link #WIDTH}
 * columns.
 */
public final class OptionHelp {

  /** The widest line of the help, in columns (a tab counts {@link #TAB}). */
  public static final int WIDTH = 100;

  /** The columns of a tab. */
  public static final int TAB = 8;

  /**
   * Tip text of Weka's inherited {@code -batch-size}, which here sets prediction's block rows
   * (BatchPrediction#blockRows) and no more than that.
   */
  public static final String BATCH_SIZE = "Rows per block when Weka predicts a whole set at once"
      + " (distributionsForInstances, as its Evaluation does): dense rows go in blocks of at"
      + " least 256 whatever this says (of 4 MB of inputs if rows are wider than 2,048 encoded"
      + " columns), and fewer where half the free heap cannot hold a block's activations."
      + " It changes the speed, not the predictions (beyond rounding). Default 100.";

  /** Tip text of Weka's inherited {@code -num-decimal-places}, which has a floor here. */
  public static final String DECIMALS = "Decimal places of the numbers in the model's"
      + " description, at least 4 (the training curve's losses need them): the default 2 prints"
      + " 4.";

  /**
   * The inherited options whose Weka wording is not true of this classifier, by command-line
   * name, with what is.
   */
  private static final Map<String, String> INHERITED =
      Map.of("batch-size", BATCH_SIZE, "num-decimal-places", DECIMALS);

  private OptionHelp() {}

  /**
   * Rewords Weka's option list for {@code -h}: each option states its default and GUI name, and
   * each line is wrapped to {@link #WIDTH} columns.
   *
   * @param options the options as Weka lists them from the annotations
   * @param type the class whose annotated getters name the GUI properties
   * @return the same options, worded and wrapped for the command line
   */
  public static Enumeration<Option> forCommandLine(Enumeration<Option> options, Class<?> type) {
    Map<String, String> gui = new HashMap<>();
    for (Method m : type.getMethods()) {
      OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
      if (meta != null && !meta.commandLineParamName().isEmpty()) {
        gui.put(meta.commandLineParamName().replaceFirst("^-", ""), meta.displayName());
      }
    }
    String[] defaults = defaultOptions(type);
    Vector<Option> out = new Vector<>();
    for (Option o : Collections.list(options)) {
      String d = INHERITED.containsKey(o.name())
          ? "\t" + INHERITED.get(o.name()) + " GUI: " + property(o.name()) + "."
          : o.description();
      String value = o.numArguments() == 0 ? null : OptionChecks.valueOf(defaults, o.name());
      String stated = value == null || statesDefault(d, value) ? ""
          : "Default: " + (value.isEmpty() ? "empty" : value) + ".";
      String property = gui.get(o.name());
      if (property != null) { // the tip's closing flag becomes the default and the GUI name
        d = d.replace("Command line: -" + o.name() + ".",
            (stated.isEmpty() ? "" : stated + " ") + "GUI: " + property + ".");
      } else if (!stated.isEmpty()) {
        d = d + " " + stated;
      }
      // Weka's synopses of its inherited options with a value name none ("-batch-size")
      String synopsis = INHERITED.containsKey(o.name()) && !o.synopsis().contains("<")
          ? o.synopsis() + " <int>" : o.synopsis();
      out.add(new Option(wrap(d), o.name(), o.numArguments(), wrap(synopsis)));
    }
    return out.elements();
  }

  /**
   * The GUI property of one of Weka's inherited options, which no annotation names: its flag in
   * camel case, as AbstractClassifier names them ({@code batch-size} is {@code batchSize}).
   */
  private static String property(String flag) {
    StringBuilder sb = new StringBuilder();
    for (String word : flag.split("-")) {
      sb.append(sb.length() == 0 ? word
          : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return sb.toString();
  }

  /**
   * @param type an option handler class with a public no-argument constructor
   * @return the options of a new instance, which are its defaults; empty if it cannot be made
   */
  private static String[] defaultOptions(Class<?> type) {
    try {
      return ((OptionHandler) type.getDeclaredConstructor().newInstance()).getOptions();
    } catch (ReflectiveOperationException | ClassCastException e) {
      return new String[0]; // a subclass without such a constructor: no defaults to state
    }
  }

  /**
   * Whether a help text states its option's default value already: "(the default)" after the
   * value, "Default 100", "the default 2". Neither "left at its default" nor a text that says
   * what an automatic value means ("AUTO (default: STANDARDIZE for dense data ...)" had said it
   * of -normalize) counts.
   *
   * @param text the help text
   * @param value the default value
   * @return whether it is stated
   */
  public static boolean statesDefault(String text, String value) {
    String t = text.replaceAll("\\s+", " ");
    return t.contains("(the default)") || t.contains("Default " + value)
        || t.contains("Default: " + value) || t.contains("the default " + value);
  }

  /**
   * What the command line prints for a message of Weka's evaluation that carries its usage
   * text ("General options: ..."): the whole text, wrapped, for a help request or a bad option;
   * for one of BackpropMLP's own refusals (a model file it will not read, say) only the refusal
   * and a pointer to -h, where the whole usage had followed it.
   *
   * @param message the exception's message
   * @return the text to print
   */
  public static String withoutUsageAfterRefusal(String message) {
    int usage = message.indexOf("General options");
    String before = usage < 0 ? message : message.substring(0, usage).trim();
    return before.contains("BackpropMLP:") || before.contains("This BackpropMLP model")
        ? wrap(before) + "\n(-h lists the options)" : wrap(message);
  }

  /**
   * Wraps every line wider than {@link #WIDTH} columns at spaces; a continuation line keeps the
   * indentation of the line it continues.
   *
   * @param text the text
   * @return the text with no line wider than {@link #WIDTH} columns, unless a single word is
   */
  public static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      if (l > 0) {
        out.append('\n');
      }
      String line = lines[l];
      int start = 0;
      while (start < line.length() && (line.charAt(start) == '\t' || line.charAt(start) == ' ')) {
        start++;
      }
      String indent = line.substring(0, start);
      String rest = line.substring(start);
      while (columns(indent + rest) > WIDTH) {
        int room = WIDTH - columns(indent);
        int cut = rest.lastIndexOf(' ', room);
        if (cut > 0 && rest.startsWith("GUI:", cut - 4)) {
          cut = rest.lastIndexOf(' ', cut - 1); // keep "GUI: name" on one line
        }
        if (cut <= 0) {
          cut = rest.indexOf(' ', room);
          if (cut < 0) {
            break;
          }
        }
        out.append(indent).append(rest, 0, cut).append('\n');
        rest = rest.substring(cut + 1);
      }
      out.append(indent).append(rest);
    }
    return out.toString();
  }

  /**
   * Measures a line's width as a terminal shows it, a tab moving to the next tab stop, so help text
   * can be wrapped to {@link #WIDTH} columns.
   *
   * @param line one line
   * @return its width in columns, a tab counting {@link #TAB}
   */
  public static int columns(String line) {
    int c = 0;
    for (int i = 0; i < line.length(); i++) {
      c = line.charAt(i) == '\t' ? (c / TAB + 1) * TAB : c + 1;
    }
    return c;
  }
}
