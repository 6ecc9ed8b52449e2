package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import weka.core.OptionMetadata;

/**
 * The layout's rules, checked on the sources (see {@code doc/architecture.md}): imports run one
 * way — GUI → classifier → Weka side ({@code backpropmlp}) → engine ({@code backprop.*}) — and
 * inside the engine {@code train} → {@code model}, {@code optim} → {@code kernel}; the engine
 * imports nothing of Weka and names no command-line flag; classes stay small and lines within
 * 100 columns.
 */
class ArchitectureTest {

  private static final Path MAIN = Paths.get("src/main/java");
  private static final String ENGINE = "weka.classifiers.functions.backprop";
  private static final String WEKA_SIDE = "weka.classifiers.functions.backpropmlp";
  private static final String CLASSIFIER = "weka.classifiers.functions.BackpropMLP";
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+?)\\.[A-Z]\\w*(?:\\.[\\w*]+)*;",
          Pattern.MULTILINE);
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b(weka\\.classifiers\\.functions\\.backprop(?:mlp)?(?:\\.\\w+)*?)\\.[A-Z]");

  /** Which of the project's packages each package may use (besides itself). */
  private static final Map<String, Set<String>> ALLOWED = new TreeMap<>();

  static {
    allow(ENGINE + ".kernel");
    allow(ENGINE + ".optim");
    allow(ENGINE + ".model", ENGINE + ".kernel");
    allow(ENGINE + ".train", ENGINE + ".model", ENGINE + ".kernel", ENGINE + ".optim");
    allow(WEKA_SIDE, ENGINE + ".train", ENGINE + ".model", ENGINE + ".kernel", ENGINE + ".optim");
    allow("weka.classifiers.functions", WEKA_SIDE, ENGINE + ".train", ENGINE + ".model",
        ENGINE + ".kernel", ENGINE + ".optim");
    allow("weka.gui.explorer", "weka.classifiers.functions", WEKA_SIDE);
    allow("weka.gui.visualize.plugins", "weka.classifiers.functions", WEKA_SIDE,
        "weka.gui.explorer");
  }

  private static void allow(String pkg, String... uses) {
    ALLOWED.put(pkg, new TreeSet<>(List.of(uses)));
  }

  @Test
  void importsRunOneWay() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      String pkg = packageOf(file);
      String text = read(file);
      Set<String> used = new TreeSet<>();
      for (Pattern p : new Pattern[] {IMPORT, QUALIFIED}) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          used.add(m.group(1));
        }
      }
      // the classifier class itself is a use of its package
      if (text.contains("BackpropMLP") && !pkg.equals("weka.classifiers.functions")
          && Pattern.compile("\\bimport " + Pattern.quote(CLASSIFIER) + ";").matcher(text).find()) {
        used.add("weka.classifiers.functions");
      }
      Set<String> allowed = ALLOWED.get(pkg);
      assertTrue(allowed != null, "package not in the layout: " + pkg + " (" + file + ")");
      for (String u : used) {
        boolean ours = isEngine(u) || u.equals(WEKA_SIDE)
            || u.equals("weka.classifiers.functions") || u.startsWith("weka.gui.explorer")
            || u.startsWith("weka.gui.visualize.plugins");
        boolean engineUsesWeka = isEngine(pkg) && u.startsWith("weka.") && !isEngine(u);
        if (u.equals(pkg)) {
          continue;
        }
        if (engineUsesWeka || (ours && !allowed.contains(u))) {
          violations.add(file + " uses " + u);
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theWekaSideNeverImportsTheClassifierItBacks() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      if (packageOf(file).equals(WEKA_SIDE) && read(file).contains("import " + CLASSIFIER + ";")) {
        violations.add(file.toString());
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theEngineNamesNoCommandLineFlag() throws Exception {
    Set<String> flags = new TreeSet<>();
    for (Method m : BackpropMLP.class.getMethods()) {
      OptionMetadata o = m.getAnnotation(OptionMetadata.class);
      if (o != null && !o.commandLineParamName().isEmpty()) {
        flags.add(o.commandLineParamName());
      }
    }
    assertTrue(flags.contains("lr") && flags.contains("clip") && flags.size() >= 20, "" + flags);
    Pattern literal = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      if (!isEngine(packageOf(file))) {
        continue;
      }
      Matcher m = literal.matcher(read(file));
      while (m.find()) {
        for (String flag : flags) {
          if (Pattern.compile("(?<![\\w-])-" + Pattern.quote(flag) + "(?![\\w-])")
              .matcher(m.group()).find()) {
            violations.add(file + ": -" + flag + " in " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void classesStaySmall() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : sources()) {
      long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
      String name = file.getFileName().toString();
      // the classifier class delegates, so it has the tighter cap
      long limit = name.equals("BackpropMLP.java") ? 600 : 700;
      if (lines > limit) {
        tooLong.add(file + ": " + lines + " lines (limit " + limit + ")");
      }
    }
    assertEquals(List.of(), tooLong);
  }

  /**
   * No line of the sources, the tests' included, is wider than 100 columns (characters, not
   * bytes: the comments' formulas use Unicode), the width the help text and the docs keep too.
   */
  @Test
  void linesStayWithinOneHundredColumns() throws IOException {
    List<String> wide = new ArrayList<>();
    List<Path> files = new ArrayList<>(sources());
    files.addAll(javaFiles(Paths.get("src/test/java")));
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        int columns = lines.get(i).codePointCount(0, lines.get(i).length());
        if (columns > 100) {
          wide.add(file + ":" + (i + 1) + ": " + columns + " columns");
        }
      }
    }
    assertEquals(List.of(), wide);
  }

  private static boolean isEngine(String pkg) {
    return pkg.startsWith(ENGINE + ".");
  }

  private static List<Path> sources() throws IOException {
    return javaFiles(MAIN);
  }

  /** The {@code .java} files below {@code root}, sorted. */
  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }

  private static String packageOf(Path file) {
    return MAIN.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
