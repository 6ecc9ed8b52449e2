package weka.classifiers.functions.backpropmlp;

import java.util.Locale;

/**
 * The checks an option's setter makes, each refusing a bad value with an {@link
 * IllegalArgumentException} that names the option as a user knows it: the command-line flag and
 * the property's name in the GUI, e.g. {@code -lr (learningRate) must be ..., got -0.1}. Weka's
 * GUI shows that message when a property is set, the command line when the options are parsed.
 */
public final class OptionChecks {

  /** The most threads {@code -threads} accepts: beyond any machine, short of absurd. */
  static final int MAX_THREADS = 4096;

  private OptionChecks() {}

  /**
   * How a message names an option.
   *
   * @param flag the command-line flag without its dash, e.g. {@code lr}
   * @param property the property's name in the GUI, e.g. {@code learningRate}
   * @return e.g. {@code -lr (learningRate)}
   */
  public static String name(String flag, String property) {
    return "-" + flag + " (" + property + ")";
  }

  /**
   * A refusal of a value.
   *
   * @param flag the flag without its dash
   * @param property the GUI property
   * @param what what the value must be, e.g. {@code must be an integer >= 1}
   * @param got the value refused
   * @return the exception to throw
   */
  public static IllegalArgumentException bad(
      String flag, String property, String what, Object got) {
    return new IllegalArgumentException(name(flag, property) + " " + what + ", got " + got);
  }

  /**
   * Checks an option that must be a finite number ≥ 0 (a penalty, the clipping norm): NaN, an
   * infinity or a negative value is refused with the option named.
   *
   * @param flag the flag without its dash
   * @param property the GUI property
   * @param v the value
   * @return {@code v} if it is finite and ≥ 0
   * @throws IllegalArgumentException otherwise
   */
  public static double nonNegativeFinite(String flag, String property, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw bad(flag, property, "must be a finite number >= 0", v);
    }
    return v;
  }

  /**
   * Checks an option that must lie in [0, 1), such as momentum or label smoothing: 1 is refused
   * (momentum 1 never forgets a gradient, smoothing 1 leaves no trace of the label), as is NaN.
   *
   * @param flag the flag without its dash
   * @param property the GUI property
   * @param v the value
   * @return {@code v} if it is in [0, 1)
   * @throws IllegalArgumentException otherwise
   */
  public static double unitInterval(String flag, String property, double v) {
    if (!(v >= 0 && v < 1)) {
      throw bad(flag, property, "must be in [0, 1)", v);
    }
    return v;
  }

  /**
   * Checks an integer option against its lower bound, refusing a smaller value with the option
   * named.
   *
   * @param flag the flag without its dash
   * @param property the GUI property
   * @param v the value
   * @param min the smallest value allowed
   * @return {@code v} if it is at least {@code min}
   * @throws IllegalArgumentException otherwise
   */
  public static int atLeast(String flag, String property, int v, int min) {
    if (v < min) {
      throw bad(flag, property, "must be an integer >= " + min, v);
    }
    return v;
  }

  /**
   * Checks that an object option is set, refusing null with the option named rather than failing
   * later with a NullPointerException.
   *
   * @param flag the flag without its dash
   * @param property the GUI property
   * @param v the value
   * @param <T> its type
   * @return {@code v} if it is not null
   * @throws IllegalArgumentException otherwise
   */
  public static <T> T notNull(String flag, String property, T v) {
    if (v == null) {
      throw bad(flag, property, "must be set", "null");
    }
    return v;
  }

  /**
   * Whether a number's text names a value other than 0 that a double rounds to 0, such as {@code
   * 1e-400}: read as 0 it would be the automatic learning rate, no dropout or no clipping, which
   * the text did not ask for.
   *
   * @param text the number as typed
   * @param value what it parsed to
   * @return whether it underflowed to 0
   */
  static boolean underflows(String text, double value) {
    return value == 0 && text.trim().toLowerCase(Locale.ROOT).replaceFirst("e.*", "")
        .matches(".*[1-9].*");
  }

  /**
   * Parses a comma-separated list of penalties, each finite and ≥ 0.
   *
   * @param flag the flag without its dash
   * @param property the GUI property
   * @param v the list
   * @return the values, in order
   * @throws IllegalArgumentException for an empty list, a non-number or a value out of range
   */
  public static double[] penalties(String flag, String property, String v) {
    String what = "must be a number >= 0 or a comma-separated list of them";
    // with -1 the empty parts stay and are refused: "," is two of them, not an empty list
    String[] parts = notNull(flag, property, v).trim().split("\\s*,\\s*", -1);
    if (v.trim().isEmpty()) {
      throw bad(flag, property, what, "\"" + v + "\"");
    }
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = nonNegativeFinite(flag, property, Double.parseDouble(parts[i]));
      } catch (NumberFormatException e) {
        throw bad(flag, property, what, "\"" + v + "\"");
      }
    }
    return out;
  }

  /**
   * The value an options array (as {@code getOptions()} gives it) holds for a flag, without
   * changing the array, as Weka's {@code Utils.getOption} would (it removes what it reads).
   *
   * @param options the options
   * @param flag the flag without its dash, e.g. {@code "seed"}
   * @return the value after {@code -flag}, or null if the flag is not there
   */
  static String valueOf(String[] options, String flag) {
    for (int i = 0; i + 1 < options.length; i++) {
      if (options[i].equals("-" + flag)) {
        return options[i + 1];
      }
    }
    return null;
  }
}
