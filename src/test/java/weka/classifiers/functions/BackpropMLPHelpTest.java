package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.backpropmlp.OptionHelp;
import weka.core.Option;
import weka.core.OptionMetadata;

/**
 * The help a user reads: {@code -h} (and {@code -h -synopsis}) has no line over 100 columns (a
 * tab counts 8) and is plain ASCII; every tip text names its flag in the GUI and its GUI
 * property on the command line.
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
}
