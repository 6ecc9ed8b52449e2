package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.backpropmlp.OptionHelp;
import weka.core.Option;
import weka.core.OptionMetadata;
import weka.gui.PropertySheetPanel;

/**
 * The help a user reads: {@code -h} (and {@code -h -synopsis}) has no line over 100 columns (a
 * tab counts 8) and is plain ASCII; every tip text names its flag in the GUI and its GUI
 * property on the command line; the Explorer's hover tips are whole sentences.
 */
class BackpropMLPHelpTest {

  @Test
  void listOptionsLinesAreAtMost100ColumnsOfAscii() {
    List<String> bad = new ArrayList<>();
    for (Option o : Collections.list(new BackpropMLP().listOptions())) {
      check(o.synopsis() + "\n" + o.description(), bad);
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void commandLineHelpLinesAreAtMost100ColumnsOfAscii() {
    for (String[] args : new String[][] {{"-h"}, {"-h", "-synopsis"}}) {
      String help = runMain(args);
      assertTrue(help.contains("-lr <number>") && help.contains("GUI: learningRate."), help);
      List<String> bad = new ArrayList<>();
      check(help, bad);
      assertEquals(List.of(), bad, String.join(" ", args));
    }
  }

  @Test
  void tipTextsNameTheirFlagAndTheHelpNamesTheGuiProperty() {
    List<String> options = new ArrayList<>();
    for (Option o : Collections.list(new BackpropMLP().listOptions())) {
      options.add(o.description());
    }
    int annotated = 0;
    for (Method m : BackpropMLP.class.getMethods()) {
      OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
      if (meta == null || meta.commandLineParamName().isEmpty()) {
        continue;
      }
      annotated++;
      String flag = meta.commandLineParamName();
      assertTrue(meta.description().endsWith(" Command line: -" + flag + "."),
          meta.displayName() + ": " + meta.description());
      assertTrue(meta.description().chars().allMatch(c -> c < 128), meta.description());
      String gui = "GUI: " + meta.displayName() + ".";
      assertTrue(options.stream().anyMatch(d -> d.replaceAll("\\s+", " ").contains(gui)
          && !d.contains("Command line: -" + flag + ".")), gui);
    }
    assertTrue(annotated >= 26, "" + annotated);
  }

  /**
   * Every option that takes a value states its default in {@code -h}, as Weka's own learners do
   * ("Default: ADAM."), with the value a new classifier has: the optimizer, the epochs, the
   * penalty list and the seed had been left for the README to tell.
   */
  @Test
  void theHelpStatesEveryDefault() throws Exception {
    String[] defaults = new BackpropMLP().getOptions();
    List<String> silent = new ArrayList<>();
    for (Option o : Collections.list(new BackpropMLP().listOptions())) {
      String d = o.description().replaceAll("\\s+", " ");
      int at = java.util.Arrays.asList(defaults).indexOf("-" + o.name());
      if (o.numArguments() == 0 || at < 0 || defaults[at + 1].isEmpty()) {
        continue;
      }
      String value = defaults[at + 1];
      if (!(d.contains("Default: " + value + ".") || d.contains("(the default)")
          || d.contains("Default " + value) || d.contains("the default " + value))) {
        silent.add(o.name() + " (" + value + "): " + d);
      }
    }
    assertEquals(List.of(), silent);
    String help = runMain(new String[] {"-h"}).replaceAll("\\s+", " ");
    assertTrue(help.contains("Default: 0.0001,0.001,0.01. GUI: l2."), help);
    assertTrue(help.contains("Default: AUTO. GUI: normalization."), "AUTO's own (default: ...)"
        + " says what it means, not that it is the default");
  }

  /**
   * A refusal of BackpropMLP's own (a model file it will not read) is printed without the whole
   * usage Weka's evaluation appends; a bad option keeps it.
   */
  @Test
  void aRefusalIsPrintedWithoutTheUsage() {
    String refusal = "\nWeka exception: This BackpropMLP model was saved by version 1.0.0\n\n"
        + "General options:\n\n-h or -help\n";
    assertEquals("Weka exception: This BackpropMLP model was saved by version 1.0.0\n(-h lists"
        + " the options)", OptionHelp.withoutUsageAfterRefusal(refusal));
    String bad = "\nWeka exception: Illegal options: -bogus\n\nGeneral options:\n\n-h\n";
    assertEquals(bad, OptionHelp.withoutUsageAfterRefusal(bad));
  }

  /**
   * The Explorer's hover tip of each property is its tip text up to the first '.' (Weka 3.8's
   * {@code PropertySheetPanel}), so that '.' must end a whole first sentence: "0.01", "e.g." or
   * "i.e." in the first sentence had cut tips to "Step size (> 0), or 0 = automatic: 0". Read
   * from Weka's own panel, for every property it shows.
   */
  @Test
  void explorerHoverTipsAreWholeFirstSentences() throws Exception {
    System.setProperty("java.awt.headless", "true");
    BackpropMLP mlp = new BackpropMLP();
    PropertySheetPanel panel = new PropertySheetPanel();
    panel.setTarget(mlp);
    PropertyDescriptor[] properties = (PropertyDescriptor[]) field(panel, "m_Properties");
    String[] tips = (String[]) field(panel, "m_TipTexts");
    int shown = 0;
    for (int i = 0; i < properties.length; i++) {
      if (tips[i] == null) {
        continue;
      }
      shown++;
      String name = properties[i].getName();
      String full = fullTip(mlp, properties[i]);
      String rest = full.substring(tips[i].length());
      assertTrue(rest.isEmpty() || rest.equals(".") || rest.startsWith(". "),
          name + ": the hover tip \"" + tips[i] + "\" is cut inside its first sentence");
      assertFalse(tips[i].matches("(?s).*\\b(e|i|etc|vs|cf|approx)$"),
          name + ": the hover tip ends at an abbreviation: " + tips[i]);
    }
    assertTrue(shown >= 28, "tips shown: " + shown);
  }

  /** The whole tip text Weka reads for a property: its annotation's, else its TipText method's. */
  private static String fullTip(BackpropMLP mlp, PropertyDescriptor p) throws Exception {
    for (Method m : new Method[] {p.getReadMethod(), p.getWriteMethod()}) {
      OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
      if (meta != null) {
        return meta.description();
      }
    }
    return (String) BackpropMLP.class.getMethod(p.getName() + "TipText").invoke(mlp);
  }

  private static Object field(Object o, String name) throws Exception {
    Field f = PropertySheetPanel.class.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  private static void check(String text, List<String> bad) {
    for (String line : text.split("\n")) {
      if (OptionHelp.columns(line) > 100 || !line.chars().allMatch(c -> c < 128)) {
        bad.add(OptionHelp.columns(line) + ": " + line);
      }
    }
  }

  private static String runMain(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try {
      System.setErr(p);
      System.setOut(p);
      BackpropMLP.main(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /**
   * Every option that takes a value names it in its synopsis ({@code -batch-size <int>}), and
   * Weka's two inherited options that set something here name their GUI property as the others
   * do: {@code -batch-size} and {@code -num-decimal-places} had been the only ones without.
   */
  @Test
  void everyOptionWithAValueNamesItAndTheInheritedOnesTheirGuiProperty() {
    int inherited = 0;
    for (Option o : Collections.list(new BackpropMLP().listOptions())) {
      if (o.numArguments() > 0) {
        assertTrue(o.synopsis().matches("-\\S+ <.+>"), o.synopsis());
      }
      if (o.name().equals("batch-size") || o.name().equals("num-decimal-places")) {
        inherited++;
        String gui = o.name().equals("batch-size") ? "batchSize" : "numDecimalPlaces";
        assertTrue(o.description().replaceAll("\\s+", " ").endsWith(" GUI: " + gui + "."),
            o.description());
      }
    }
    assertEquals(2, inherited);
  }

  /**
   * The tip text IterativeClassifier asks for ({@code resumeTipText}, what the Explorer's property
   * sheet shows) is the option's whole description, as {@code -h} gives it: a shorter text of its
   * own had left out what a build, a saved model and Weka's -continue-iterating do with it.
   */
  @Test
  void theResumeTipTextIsTheOptionsDescription() throws Exception {
    OptionMetadata meta = BackpropMLP.class.getMethod("getResume")
        .getAnnotation(OptionMetadata.class);
    assertEquals(meta.description(), new BackpropMLP().resumeTipText());
  }
}
