package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.BackpropMLP;
import weka.core.OptionMetadata;
import weka.core.Utils;

/**
 * Option reflection over {@link OptionMetadata} getters: printing and parsing round-trip every
 * property of BackpropMLP, and the parsing contract (checked on a small bean): values are
 * consumed from the array, unknown options are left in place, absent options reset to the
 * default, enum names match in any case, and a bad value raises an exception naming the
 * option and what is allowed.
 */
class AnnotatedOptionsTest {

  /** The properties of BackpropMLP that carry a command-line flag, as its getters. */
  static Stream<Method> mlpProperties() {
    List<Method> out = new ArrayList<>();
    for (Method m : BackpropMLPOptions.class.getDeclaredMethods()) {
      OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
      if (meta != null && !meta.commandLineParamName().isEmpty()) {
        out.add(m);
      }
    }
    out.sort((a, b) -> a.getName().compareTo(b.getName()));
    return out.stream();
  }

  static Stream<Named<Method>> mlpPropertyCases() {
    return mlpProperties().map(m -> Named.of(m.getName(), m));
  }

  private static Method setter(Method getter) throws NoSuchMethodException {
    String name = getter.getName();
    String prop = name.startsWith("is") ? name.substring(2) : name.substring(3);
    return getter.getDeclaringClass().getMethod("set" + prop, getter.getReturnType());
  }

  /** Every flagged property's value, by getter name. */
  private static Map<String, Object> properties(BackpropMLP m) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    for (Method g : (Iterable<Method>) mlpProperties()::iterator) {
      out.put(g.getName(), g.invoke(m));
    }
    return out;
  }

  /**
   * Sets a value different from the default that the setter accepts: the other boolean, the
   * first other enum constant, or the first accepted candidate of a number or text.
   */
  private static Object setNonDefault(BackpropMLP m, Method getter) throws Exception {
    Object def = getter.invoke(new BackpropMLP());
    Class<?> type = getter.getReturnType();
    List<Object> candidates = new ArrayList<>();
    if (type == boolean.class) {
      candidates.add(!(Boolean) def);
    } else if (type.isEnum()) {
      candidates.addAll(List.of(type.getEnumConstants()));
    } else if (type == int.class) {
      candidates.addAll(List.of(7, 3, 2, 1, 100));
    } else if (type == long.class) {
      candidates.addAll(List.of(7L, 3L, 1L));
    } else if (type == double.class) {
      candidates.addAll(List.of(0.25, 0.5, 2.5, 7.0, 1e-3));
    } else if (type == String.class) {
      candidates.addAll(List.of("7,3", "0.5", "x.csv"));
    }
    Method set = setter(getter);
    for (Object c : candidates) {
      if (c.equals(def)) {
        continue;
      }
      try {
        set.invoke(m, c);
      } catch (InvocationTargetException refused) {
        continue;
      }
      Object now = getter.invoke(m);
      if (!now.equals(def)) {
        return now;
      }
    }
    throw new AssertionError("no non-default value found for " + getter.getName() + " of type "
        + type.getSimpleName() + "; add a candidate to this test");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mlpPropertyCases")
  void eachPropertyRoundTripsAloneIntoAFreshInstance(Method getter) throws Exception {
    AnnotatedOptions options = new AnnotatedOptions(BackpropMLPOptions.class);
    BackpropMLP a = new BackpropMLP();
    Object value = setNonDefault(a, getter);
    String[] args = options.get(a).toArray(new String[0]);
    BackpropMLP b = new BackpropMLP();
    options.set(b, args);
    assertEquals(value, getter.invoke(b));
    assertEquals(properties(a), properties(b));
    for (String s : args) {
      assertEquals("", s, "every printed option is consumed");
    }
  }

  @Test
  void allPropertiesRoundTripTogetherThroughACommandLine() throws Exception {
    AnnotatedOptions options = new AnnotatedOptions(BackpropMLPOptions.class);
    BackpropMLP a = new BackpropMLP();
    for (Method g : (Iterable<Method>) mlpProperties()::iterator) {
      setNonDefault(a, g);
    }
    Map<String, Object> expected = properties(a);
    assertNotEquals(properties(new BackpropMLP()), expected);
    String line = Utils.joinOptions(options.get(a).toArray(new String[0]));
    BackpropMLP b = new BackpropMLP();
    options.set(b, Utils.splitOptions(line));
    assertEquals(expected, properties(b));
  }

  /** {@code -nesterov} and {@code -resume} are flags: printed alone when true, absent = false. */
  @Test
  void flagPropertiesArePrintedWithoutAValue() throws Exception {
    AnnotatedOptions options = new AnnotatedOptions(BackpropMLPOptions.class);
    BackpropMLP m = new BackpropMLP();
    assertFalse(options.get(m).contains("-nesterov"));
    m.setNesterov(true);
    List<String> printed = options.get(m);
    int at = printed.indexOf("-nesterov");
    assertTrue(at >= 0, printed.toString());
    assertTrue(at + 1 == printed.size() || printed.get(at + 1).startsWith("-"),
        "no value after the flag: " + printed);
    BackpropMLP fresh = new BackpropMLP();
    options.set(fresh, new String[] {"-nesterov"});
    assertTrue(fresh.getNesterov());
    options.set(fresh, new String[0]);
    assertFalse(fresh.getNesterov());
  }

  // ---- the parsing contract, on a bean of every supported type --------------------------------

  /** How {@link Bean#getMode()} may be set. */
  public enum Mode {
    FAST,
    SLOW_AND_STEADY
  }

  /** Every supported property type; annotations deliberately declared out of display order. */
  public static class Bean {
    private int count = 3;
    private long big = 5;
    private double rate = 0.5;
    private String name = "x";
    private Mode mode = Mode.FAST;
    private boolean verbose;
    private String note = "";
    private int hidden = 1;

    @OptionMetadata(displayName = "verbose", description = "a flag", commandLineParamName = "v",
        commandLineParamSynopsis = "-v", commandLineParamIsFlag = true, displayOrder = 6)
    public boolean isVerbose() {
      return verbose;
    }

    public void setVerbose(boolean v) {
      verbose = v;
    }

    @OptionMetadata(displayName = "count", description = "an int", commandLineParamName = "count",
        commandLineParamSynopsis = "-count <int>", displayOrder = 1)
    public int getCount() {
      return count;
    }

    public void setCount(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("-count must be >= 0, got " + v);
      }
      count = v;
    }

    @OptionMetadata(displayName = "big", description = "a long", commandLineParamName = "big",
        commandLineParamSynopsis = "-big <long>", displayOrder = 2)
    public long getBig() {
      return big;
    }

    public void setBig(long v) {
      big = v;
    }

    @OptionMetadata(displayName = "mode", description = "an enum", commandLineParamName = "mode",
        commandLineParamSynopsis = "-mode <FAST|SLOW_AND_STEADY>", displayOrder = 5)
    public Mode getMode() {
      return mode;
    }

    public void setMode(Mode m) {
      mode = m;
    }

    @OptionMetadata(displayName = "rate", description = "a double", commandLineParamName = "rate",
        commandLineParamSynopsis = "-rate <number>", displayOrder = 3)
    public double getRate() {
      return rate;
    }

    public void setRate(double v) {
      rate = v;
    }

    @OptionMetadata(displayName = "name", description = "a string", commandLineParamName = "name",
        commandLineParamSynopsis = "-name <text>", displayOrder = 4)
    public String getName() {
      return name;
    }

    public void setName(String v) {
      name = v;
    }

    @OptionMetadata(displayName = "note", description = "empty by default",
        commandLineParamName = "note", commandLineParamSynopsis = "-note <text>",
        displayOrder = 7)
    public String getNote() {
      return note;
    }

    public void setNote(String v) {
      note = v;
    }

    /** GUI-only: no command-line name, so not an option. */
    @OptionMetadata(displayName = "hidden", description = "GUI only", displayOrder = 0)
    public int getHidden() {
      return hidden;
    }

    public void setHidden(int v) {
      hidden = v;
    }
  }

  /** An annotated getter without a setter. */
  public static class NoSetter {
    @OptionMetadata(displayName = "a", description = "a", commandLineParamName = "a")
    public int getA() {
      return 0;
    }
  }

  /** No no-argument constructor. */
  public static class NoDefaultConstructor {
    private final int a;

    public NoDefaultConstructor(int a) {
      this.a = a;
    }

    @OptionMetadata(displayName = "a", description = "a", commandLineParamName = "a")
    public int getA() {
      return a;
    }

    public void setA(int v) {
      // ignored
    }
  }

  private static final AnnotatedOptions BEAN = new AnnotatedOptions(Bean.class);

  @Test
  void printsEveryOptionInDisplayOrderLeavingOutFalseFlagsAndEmptyText() {
    assertEquals(List.of("-count", "3", "-big", "5", "-rate", "0.5", "-name", "x", "-mode",
        "FAST"), BEAN.get(new Bean()));
    Bean b = new Bean();
    b.setVerbose(true);
    b.setNote("n");
    b.setMode(Mode.SLOW_AND_STEADY);
    b.setRate(1e-7);
    assertEquals(List.of("-count", "3", "-big", "5", "-rate", "1.0E-7", "-name", "x", "-mode",
        "SLOW_AND_STEADY", "-v", "-note", "n"), BEAN.get(b));
  }

  @Test
  void parsesEveryTypeAndConsumesWhatItParsed() throws Exception {
    String[] args = {"-rate", "-2.5", "-unknown", "1", "-count", " 9 ", "-big", "-12345678901",
        "-mode", "slow_and_steady", "-v", "-name", "  spaced  ", "-note", "n"};
    Bean b = new Bean();
    BEAN.set(b, args);
    assertEquals(9, b.getCount(), "numbers are trimmed");
    assertEquals(-12345678901L, b.getBig());
    assertEquals(-2.5, b.getRate(), 0.0);
    assertEquals(Mode.SLOW_AND_STEADY, b.getMode(), "enum names match in any case");
    assertTrue(b.isVerbose());
    assertEquals("  spaced  ", b.getName(), "text is taken as given");
    assertEquals("n", b.getNote());
    assertArrayEquals(new String[] {"", "", "-unknown", "1", "", "", "", "", "", "", "", "", "",
        "", ""}, args, "consumed entries become empty, the unknown option stays");
    Exception e = assertThrows(Exception.class, () -> Utils.checkForRemainingOptions(args));
    assertTrue(e.getMessage().contains("-unknown"), e.getMessage());
  }

  @Test
  void absentOptionsResetToTheDefaults() throws Exception {
    Bean b = new Bean();
    BEAN.set(b, new String[] {"-count", "8", "-mode", "SLOW_AND_STEADY", "-v", "-note", "n"});
    BEAN.set(b, new String[] {"-rate", "4"});
    assertEquals(3, b.getCount());
    assertEquals(Mode.FAST, b.getMode());
    assertFalse(b.isVerbose());
    assertEquals("", b.getNote());
    assertEquals(4, b.getRate(), 0.0);
  }

  @Test
  void optionsWithoutCommandLineNameAreNotOptions() throws Exception {
    Bean b = new Bean();
    b.setHidden(42);
    assertFalse(BEAN.get(b).contains("-hidden"));
    String[] args = {"-hidden", "5"};
    BEAN.set(b, args);
    assertEquals(42, b.getHidden());
    assertArrayEquals(new String[] {"-hidden", "5"}, args);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "-mode | medium | option -mode: unknown value 'medium'; allowed: FAST, SLOW_AND_STEADY",
    "-count | x | option -count expects an integer, got 'x'",
    "-count | 1.5 | option -count expects an integer, got '1.5'",
    "-big | 1e3 | option -big expects an integer, got '1e3'",
    "-rate | fast | option -rate expects a number, got 'fast'",
    "-count | -1 | -count must be >= 0, got -1"
  })
  void badValuesNameTheOptionAndWhatIsAllowed(String flag, String value, String message) {
    Exception e = assertThrows(Exception.class,
        () -> BEAN.set(new Bean(), new String[] {flag, value}));
    assertEquals(message, e.getMessage());
  }

  @Test
  void setterExceptionsKeepTheirCause() {
    Exception e = assertThrows(Exception.class,
        () -> BEAN.set(new Bean(), new String[] {"-count", "-4"}));
    assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
  }

  @Test
  void anOptionAtTheEndWithoutItsValueIsRefusedWithItsSynopsis() {
    Exception e = assertThrows(Exception.class,
        () -> BEAN.set(new Bean(), new String[] {"-v", "-rate"}));
    assertEquals("option -rate needs a value: -rate <number>", e.getMessage());
  }

  @Test
  void classesItCannotHandleAreRefusedUpFront() {
    IllegalStateException noSetter =
        assertThrows(IllegalStateException.class, () -> new AnnotatedOptions(NoSetter.class));
    assertTrue(noSetter.getMessage().contains("getA has no matching setter"),
        noSetter.getMessage());
    IllegalStateException noCtor = assertThrows(IllegalStateException.class,
        () -> new AnnotatedOptions(NoDefaultConstructor.class));
    assertTrue(noCtor.getMessage().contains("no-argument constructor"), noCtor.getMessage());
  }
}
