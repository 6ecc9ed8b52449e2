package weka.classifiers.functions.backpropmlp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import weka.classifiers.AbstractClassifier;
import weka.core.OptionMetadata;

/**
 * Command-line parsing and printing for the bean properties of one class that carry
 * {@link OptionMetadata}, strict where Weka's generic {@code Option.setOptionsForHierarchy} is
 * lenient: that method prints and swallows setter exceptions, drops empty strings and matches
 * enum names case-sensitively, so a typo would silently leave a default in place.
 *
 * <p>Here a bad value raises an exception whose message names the option and the allowed
 * values; enum names match in any case; an option that is absent is reset to the class's
 * default (the usual Weka contract, which the Experimenter and {@code CheckOptionHandler} rely
 * on). The annotations stay the single source of names, synopses, descriptions and order, which
 * Weka's own {@code listOptions} and the GUI property sheet read as well.
 */
public final class AnnotatedOptions {

  /** One annotated property. */
  private static final class Property {
    final String flag;
    final Method getter;
    final Method setter;
    final OptionMetadata meta;
    /**
     * {@code meta.commandLineParamIsFlag()}, read once: an annotation's values are calls on a
     * proxy, and Weka's copies of an untrained classifier read and set every option (see {@code
     * UntrainedForm}).
     */
    final boolean isFlag;

    Property(String flag, Method getter, Method setter, OptionMetadata meta) {
      this.flag = flag;
      this.getter = getter;
      this.setter = setter;
      this.meta = meta;
      this.isFlag = meta.commandLineParamIsFlag();
    }
  }

  private final List<Property> properties = new ArrayList<>();

  /**
   * A fresh instance of each class this handles, whose getters give the defaults: those of the
   * target's own class, so that an abstract class can declare the options.
   */
  private final ClassValue<Object> defaults = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> type) {
      return newInstance(type);
    }
  };

  /**
   * Collects the annotated getters declared by {@code type} (not its superclasses). The defaults
   * an absent option is reset to are read from a fresh instance of the class of the object being
   * configured, which may be a subclass of {@code type}.
   *
   * @param type the class declaring the options; unless abstract, it needs a public no-argument
   *     constructor (as does every concrete class configured)
   */
  public AnnotatedOptions(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
      if (meta == null || meta.commandLineParamName().isEmpty()) {
        continue;
      }
      String name = m.getName();
      String prop = name.startsWith("is") ? name.substring(2) : name.substring(3);
      Method setter;
      try {
        setter = type.getMethod("set" + prop, m.getReturnType());
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("option getter " + name + " has no matching setter", e);
      }
      String flag = meta.commandLineParamName().replaceFirst("^-", "");
      properties.add(new Property(flag, m, setter, meta));
    }
    properties.sort(Comparator.comparingInt(p -> p.meta.displayOrder()));
    if (!java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
      defaults.get(type); // refuse a class without a no-argument constructor now
    }
  }

  private static Object newInstance(Class<?> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " needs a public no-argument constructor", e);
    }
  }

  /**
   * The current settings of {@code target} as command-line options, every option included.
   *
   * @param target object to read
   * @return options such as {@code -lr 0.001 -nesterov}
   */
  public List<String> get(Object target) {
    List<String> out = new ArrayList<>();
    for (Property p : properties) {
      Object v = invoke(p.getter, target);
      if (p.isFlag) {
        if (Boolean.TRUE.equals(v)) {
          out.add("-" + p.flag);
        }
      } else if (!"".equals(v)) {
        // an empty string is left out: Weka's joinOptions drops it, and absent = default
        out.add("-" + p.flag);
        out.add(format(v));
      }
    }
    return out;
  }

  /**
   * Applies options to {@code target}, consuming them from {@code options} (consumed entries
   * become empty strings, as with {@code Utils.getOption}).
   *
   * @param target object to configure
   * @param options command-line options; unknown ones are left in place
   * @throws Exception naming the option, the bad value and what is allowed
   */
  public void set(Object target, String[] options) throws Exception {
    boolean[] flags = flagPositions(options);
    for (Property p : properties) {
      Object value;
      if (p.isFlag) {
        int pos = position(p.flag, options, flags);
        if (pos >= 0) {
          options[pos] = "";
        }
        value = pos >= 0;
      } else {
        int pos = position(p.flag, options, flags);
        if (pos < 0) {
          value = invoke(p.getter, defaults.get(target.getClass()));
        } else {
          if (pos + 1 >= options.length) {
            throw new Exception("option -" + p.flag + " needs a value: "
                + p.meta.commandLineParamSynopsis());
          }
          String text = options[pos + 1];
          options[pos] = "";
          options[pos + 1] = "";
          value = parse(p, text);
        }
      }
      try {
        p.setter.invoke(target, value);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw new Exception(cause.getMessage(), cause);
      }
    }
  }

  /**
   * Which entries of {@code options} Weka's {@code Utils.getOptionPos} takes for flags: those
   * that start with '-' and are not numbers ({@code Double.valueOf} refuses them; "-0.5" is a
   * value). Why once: {@code getOptionPos} decides it again for every entry on every call, by
   * catching a {@code NumberFormatException}, so setting some 30 options from 60 entries made
   * about 800 exceptions, most of the time of a {@code setOptions} (25 µs), which Weka's copies
   * of an untrained classifier call ({@link UntrainedForm}); here an entry that starts with a
   * letter other than those of "NaN" and "Infinity" needs no exception at all.
   */
  private static boolean[] flagPositions(String[] options) {
    boolean[] flag = new boolean[options.length];
    for (int i = 0; i < options.length; i++) {
      String o = options[i];
      if (o.length() > 1 && o.charAt(0) == '-') {
        char c = o.charAt(1);
        // after its sign a number goes on with a digit, '.', "NaN" or "Infinity": a name such
        // as -hidden is no number without asking Double.valueOf, whose refusal costs a stack trace
        flag[i] = Character.isLetter(c) && c != 'N' && c != 'I' || notANumber(o);
      }
    }
    return flag;
  }

  /** @return whether {@code Double.valueOf} refuses {@code o} */
  private static boolean notANumber(String o) {
    try {
      Double.valueOf(o);
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * {@code Utils.getOptionPos(name, options)} with the flags found once ({@link #flagPositions}):
   * the first entry {@code -name} not yet consumed (consumed entries are empty strings), or -1,
   * also where an entry starting with "--" comes first. A lone "-", on which {@code getOptionPos}
   * fails with an index error, is no flag here; the check for options left over then names it.
   */
  private static int position(String name, String[] options, boolean[] flags) {
    for (int i = 0; i < options.length; i++) {
      String o = options[i];
      if (flags[i] && !o.isEmpty()) {
        if (o.length() == name.length() + 1 && o.endsWith(name)) {
          return i;
        }
        if (o.charAt(1) == '-') {
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * Appends the options {@link AbstractClassifier} declares itself ({@code -output-debug-info},
   * {@code -do-not-check-capabilities}, {@code -num-decimal-places}, {@code -batch-size}) where
   * they differ from their defaults, for a classifier whose own options this class handles.
   *
   * @param c the classifier
   * @param out the options so far, appended to
   */
  public static void appendClassifierOptions(AbstractClassifier c, List<String> out) {
    if (c.getDebug()) {
      out.add("-output-debug-info");
    }
    if (c.getDoNotCheckCapabilities()) {
      out.add("-do-not-check-capabilities");
    }
    if (c.getNumDecimalPlaces() != AbstractClassifier.NUM_DECIMAL_PLACES_DEFAULT) {
      out.add("-num-decimal-places");
      out.add("" + c.getNumDecimalPlaces());
    }
    if (!AbstractClassifier.BATCH_SIZE_DEFAULT.equals(c.getBatchSize())) {
      out.add("-batch-size");
      out.add(c.getBatchSize());
    }
  }

  /**
   * Sets the options {@link AbstractClassifier} declares itself (absent = default) and refuses
   * any option left over. Call it after {@link #set}, instead of {@code super.setOptions}: that
   * method's generic {@code Option.setOptionsForHierarchy} pass would visit the annotated flags
   * again and reset them to false, since {@link #set} has already consumed them.
   *
   * @param c the classifier
   * @param options the options, with those of {@link #set} consumed
   * @throws Exception for an unknown option or a bad number
   */
  public static void setClassifierOptions(AbstractClassifier c, String[] options)
      throws Exception {
    c.setDebug(weka.core.Utils.getFlag("output-debug-info", options));
    c.setDoNotCheckCapabilities(weka.core.Utils.getFlag("do-not-check-capabilities", options));
    String decimals = weka.core.Utils.getOption("num-decimal-places", options);
    c.setNumDecimalPlaces(decimals.isEmpty() ? AbstractClassifier.NUM_DECIMAL_PLACES_DEFAULT
        : decimalPlaces(decimals));
    String batch = weka.core.Utils.getOption("batch-size", options);
    c.setBatchSize(batch.isEmpty() ? AbstractClassifier.BATCH_SIZE_DEFAULT : batch);
    weka.core.Utils.checkForRemainingOptions(options);
  }

  /** {@code -num-decimal-places}: a whole number ≥ 0, or an exception naming the option. */
  private static int decimalPlaces(String text) throws Exception {
    try {
      int d = Integer.parseInt(text.trim());
      if (d >= 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // refused below, as a negative number is
    }
    throw new Exception("option -num-decimal-places expects an integer >= 0, got '" + text + "'");
  }

  private static Object parse(Property p, String text) throws Exception {
    Class<?> type = p.getter.getReturnType();
    String t = text.trim();
    try {
      if (type == int.class) {
        return Integer.valueOf(t);
      } else if (type == long.class) {
        return Long.valueOf(t);
      } else if (type == double.class) {
        Double d = Double.valueOf(t);
        if (OptionChecks.underflows(t, d)) {
          throw new Exception("option -" + p.flag + ": " + t + " is too small to tell from 0");
        }
        return d;
      } else if (type == String.class) {
        return text;
      } else if (type.isEnum()) {
        for (Object c : type.getEnumConstants()) {
          if (((Enum<?>) c).name().equalsIgnoreCase(t)) {
            return c;
          }
        }
        StringBuilder allowed = new StringBuilder();
        for (Object c : type.getEnumConstants()) {
          allowed.append(allowed.length() > 0 ? ", " : "").append(((Enum<?>) c).name());
        }
        throw new Exception(
            "option -" + p.flag + ": unknown value '" + text + "'; allowed: " + allowed);
      }
    } catch (NumberFormatException e) {
      throw new Exception(
          "option -" + p.flag + " expects " + (type == double.class ? "a number" : "an integer")
              + ", got '" + text + "'");
    }
    throw new IllegalStateException("unsupported option type " + type);
  }

  private static String format(Object v) {
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    return String.valueOf(v);
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read option " + m.getName(), e);
    }
  }
}
