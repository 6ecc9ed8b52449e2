package weka.classifiers.functions.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end check of the Weka package zip built by {@code mvn package}: installs it offline
 * into a fresh {@code WEKA_HOME} with Weka's own package manager, runs the classifier by its
 * short name, finds it in the GUI's class discovery, runs the shipped examples (the
 * KnowledgeFlow flow with {@code FlowRunner}, the Experimenter configuration with {@code
 * Experiment -l … -r}) from the installed package's {@code examples/} folder, then uninstalls
 * it. Every step runs in a
 * child JVM whose classpath holds Weka and its dependencies but never the project's classes, so
 * the classifier can only come from the installed package.
 *
 * <p>Run by maven-failsafe-plugin after the {@code package} phase ({@code mvn verify}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackpropMLPPackageIT {

  private static final String PACKAGE = "backpropMLP";
  private static final String CLASSIFIER = "weka.classifiers.functions.BackpropMLP";
  private static final String CLASSIFIER_ENTRY = CLASSIFIER.replace('.', '/') + ".class";
  private static final long TIMEOUT_SECONDS = 180;
  private static final String FLOW = "backpropmlp-crossvalidation.kf";
  private static final String EXPERIMENT = "backpropmlp-experiment.xml";
  private static final String STREAM_FLOW = "backpropmlp-incremental.kf";
  private static final String RESULTS = "backpropmlp-experiment-results.arff";
  private static final Pattern ACCURACY =
      Pattern.compile("Correctly Classified Instances\\s+(\\d+)\\s+([0-9.]+)\\s*%");

  /** Test dependencies and Weka-independent jars that must not reach the child JVM. */
  private static final Pattern NOT_WEKA =
      Pattern.compile(".*(junit|hamcrest|opentest4j|apiguardian|surefire|failsafe"
          + "|commons-math3|-tests\\.jar$).*");

  @TempDir static Path root;

  private static Path wekaHome;
  private static Path zip;
  private static String version;
  private static String childClasspath;
  private static String probeClasspath;

  @BeforeAll
  static void prepare() throws IOException {
    Path buildDir = Paths.get(System.getProperty("backpropmlp.buildDirectory", "target"))
        .toAbsolutePath().normalize();
    version = System.getProperty("backpropmlp.version", "2.0.0");
    zip = Paths.get(System.getProperty("backpropmlp.packageZip",
        buildDir.resolve(PACKAGE + "-" + version + ".zip").toString()));
    assertTrue(Files.isRegularFile(zip), "package zip missing, run mvn package first: " + zip);

    wekaHome = Files.createDirectories(root.resolve("wekafiles"));
    Files.createDirectories(root.resolve("home"));
    childClasspath = String.join(File.pathSeparator, wekaOnlyClasspath(buildDir));

    // The probe class alone, copied out of test-classes so that nothing else of ours is visible.
    Path probeDir = root.resolve("probe");
    String entry = GoeDiscoveryProbe.class.getName().replace('.', '/') + ".class";
    Path probeClass = probeDir.resolve(entry);
    Files.createDirectories(probeClass.getParent());
    try (InputStream in = GoeDiscoveryProbe.class.getClassLoader().getResourceAsStream(entry)) {
      Files.copy(in, probeClass);
    }
    probeClasspath = childClasspath + File.pathSeparator + probeDir;
  }

  /**
   * Weka and its dependencies, taken from this test's own classpath: jars only, minus the
   * project's build output, the test libraries and commons-math3 (which the package's lib/
   * must supply).
   */
  private static List<String> wekaOnlyClasspath(Path buildDir) throws IOException {
    // written by the pom's dependency:build-classpath (provided scope = Weka and its deps)
    Path wekaOnly = buildDir.resolve("weka-classpath.txt");
    String cp = Files.isRegularFile(wekaOnly)
        ? new String(Files.readAllBytes(wekaOnly), java.nio.charset.StandardCharsets.UTF_8).trim()
        : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> result = new ArrayList<>();
    boolean hasWeka = false;
    for (String part : cp.split(Pattern.quote(File.pathSeparator))) {
      if (part.isEmpty()) {
        continue;
      }
      Path p = Paths.get(part).toAbsolutePath().normalize();
      String name = p.getFileName().toString();
      if (p.startsWith(buildDir) || !name.endsWith(".jar") || !Files.isRegularFile(p)
          || NOT_WEKA.matcher(name).matches()) {
        continue;
      }
      try (JarFile jar = new JarFile(p.toFile())) {
        assertTrue(jar.getEntry(CLASSIFIER_ENTRY) == null,
            "child classpath must not contain the classifier, but " + p + " does");
        hasWeka |= jar.getEntry("weka/core/WekaPackageManager.class") != null;
      }
      result.add(p.toString());
    }
    assertTrue(hasWeka, "weka-stable not found on the test classpath: " + cp);
    return result;
  }

  /**
   * Every entry of {@code target/weka-classpath.txt} (the class path a user may copy to run
   * Weka by hand) is a jar Java can open: a {@code .pom} there makes Weka fail at start-up with
   * {@code ZipException: zip END header not found}.
   */
  @Test
  @Order(0)
  void wekaClasspathFileListsReadableJarsOnly() throws IOException {
    Path buildDir = Paths.get(System.getProperty("backpropmlp.buildDirectory", "target"));
    Path file = buildDir.resolve("weka-classpath.txt");
    assertTrue(Files.isRegularFile(file), "missing, run mvn verify: " + file);
    String cp = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    List<String> bad = new ArrayList<>();
    int jars = 0;
    for (String part : cp.split(Pattern.quote(File.pathSeparator))) {
      if (!part.endsWith(".jar")) {
        bad.add(part + " (not a jar)");
        continue;
      }
      try (JarFile jar = new JarFile(part)) {
        jar.size();
        jars++;
      } catch (IOException e) {
        bad.add(part + " (" + e + ")");
      }
    }
    assertEquals(List.of(), bad, "entries of " + file + " that are not readable jars");
    assertTrue(jars > 1, "no jars in " + file);
  }

  @Test
  @Order(1)
  void installsOffline() throws Exception {
    String out = weka(childClasspath, "weka.core.WekaPackageManager", "-offline",
        "-install-package", zip.toString());
    assertNoStackTrace(out);
    Path installed = wekaHome.resolve("packages").resolve(PACKAGE);
    assertTrue(Files.isRegularFile(installed.resolve("Description.props")), out);
    assertTrue(Files.isRegularFile(installed.resolve(PACKAGE + "-" + version + ".jar")), out);
    assertTrue(Files.isDirectory(installed.resolve("lib")), out);
    try (var libs = Files.list(installed.resolve("lib"))) {
      assertTrue(libs.anyMatch(p -> p.getFileName().toString().startsWith("commons-math3")), out);
    }
    for (String example : new String[] {FLOW, STREAM_FLOW, EXPERIMENT, "iris.arff",
        "README.md"}) {
      assertTrue(Files.isRegularFile(installed.resolve("examples").resolve(example)),
          "examples/" + example + " not installed:\n" + out);
    }
    // the licence Description.props names, and the measurements the README links to
    for (String doc : new String[] {"LICENSE", "README.md", "bench/README.md"}) {
      assertTrue(Files.isRegularFile(installed.resolve(doc)), doc + " not installed:\n" + out);
    }
  }

  @Test
  @Order(2)
  void listsTheInstalledPackage() throws Exception {
    String out = listInstalled();
    assertTrue(out.lines().anyMatch(l -> l.startsWith(version) && l.contains(PACKAGE + ":")),
        "backpropMLP " + version + " not listed as installed:\n" + out);
  }

  @Test
  @Order(3)
  void runsByShortNameFromThePackage() throws Exception {
    String out = weka(childClasspath, "weka.Run", "BackpropMLP", "-t",
        Paths.get("test-data", "iris.arff").toAbsolutePath().toString());
    assertNoStackTrace(out);
    int cv = out.indexOf("=== Stratified cross-validation ===");
    assertTrue(cv >= 0, "no cross-validation result:\n" + out);
    assertSaneAccuracy(out.substring(cv), out);
  }

  /** The first "Correctly Classified Instances" line of {@code result} says 85 % to 100 %. */
  private static void assertSaneAccuracy(String result, String out) {
    Matcher m = ACCURACY.matcher(result);
    assertTrue(m.find(), "no accuracy line:\n" + out);
    double accuracy = Double.parseDouble(m.group(2));
    assertTrue(accuracy >= 85 && accuracy <= 100,
        String.format(Locale.ROOT, "10-fold CV accuracy on iris %.2f%% is not sane:%n%s",
            accuracy, out));
  }

  /**
   * Through {@code weka.Run} with the installed package alone, data BackpropMLP cannot learn
   * from ends in the advice, not a stack trace. Only netlib's start-up warnings (Weka's, logged
   * while it loads the packages, before BackpropMLP runs) may come first, and on Java 24 and
   * later the JVM's warnings about the native library netlib loads ("A restricted method in
   * java.lang.System has been called", four lines that start with {@code WARNING: }).
   */
  @Test
  @Order(3)
  void dataProblemsPrintAdviceFirst() throws Exception {
    String[][] cases = {
      {"@attribute text string\n@attribute class {a,b}\n", "'hi',a\n'bye',b\n'so',a\n",
          "attribute 'text' is a string attribute: BackpropMLP needs numbers; put"
              + " StringToWordVector in front of it with FilteredClassifier"},
      {"@attribute x numeric\n@attribute class {a,b}\n", "1,?\n2,?\n3,?\n4,?\n5,?\n"
          + "6,?\n7,?\n8,?\n9,?\n10,?\n",
          "no training instance has a value for the class attribute 'class'"},
      {"@attribute x numeric\n@attribute class {only}\n", "1,only\n2,only\n",
          "the class attribute 'class' has a single value ('only'):"},
    };
    for (String[] c : cases) {
      Path arff = Files.createTempFile(root, "data", ".arff");
      Files.write(arff, ("@relation r\n" + c[0] + "@data\n" + c[1])
          .getBytes(StandardCharsets.UTF_8));
      String out = weka(childClasspath, "weka.Run", "BackpropMLP", "-t", arff.toString());
      assertNoStackTrace(out);
      String first = out.lines()
          .filter(l -> !l.isEmpty() && !l.contains("com.github.fommil.netlib")
              && !l.startsWith("WARNING: "))
          .findFirst().orElse("");
      assertTrue(first.startsWith(c[2]), "first line should start with '" + c[2] + "':\n" + out);
    }
  }

  @Test
  @Order(4)
  void isDiscoveredByTheGenericObjectEditor() throws Exception {
    String out = weka(probeClasspath, GoeDiscoveryProbe.class.getName(), CLASSIFIER);
    assertNoStackTrace(out);
    assertTrue(out.contains("discovered=true"), out);
    assertTrue(out.contains("instantiated=" + CLASSIFIER), out);
  }

  /**
   * The shipped flow, run as the examples' README says, from an unrelated working directory:
   * it finds the package's iris.arff through {@code ${WEKA_HOME}} and logs the full-data
   * model's description (with its training curve) and the cross-validation summary.
   */
  @Test
  @Order(5)
  void runsTheShippedKnowledgeFlow() throws Exception {
    String out = runShippedFlow(FLOW, "flow-run");
    Path examples = wekaHome.resolve("packages").resolve(PACKAGE).resolve("examples");
    assertTrue(out.contains("Loading " + examples.resolve("iris.arff")),
        "the flow did not read the package's iris.arff:\n" + out);
    assertTrue(out.contains("Training curve:"), "no model description with its curve:\n" + out);
    int eval = out.indexOf("=== Evaluation result ===");
    assertTrue(eval >= 0, "no evaluation result:\n" + out);
    String result = out.substring(eval);
    assertTrue(result.contains("Scheme: BackpropMLP"), out);
    assertTrue(result.contains("Total Number of Instances              150"), out);
    assertSaneAccuracy(result, out);
  }

  /**
   * The shipped streaming flow, run as the examples' README says: 20,000 generated rows streamed
   * into BackpropMLP and NaiveBayesUpdateable, each evaluated test-then-train; BackpropMLP,
   * which learns from the stream's first rows, ends above naive Bayes on these rows.
   */
  @Test
  @Order(5)
  void runsTheShippedStreamingFlow() throws Exception {
    String out = runShippedFlow(STREAM_FLOW, "stream-flow-run");
    double[] accuracy = new double[2];
    String[] schemes = {"BackpropMLP", "NaiveBayesUpdateable"};
    for (int i = 0; i < 2; i++) {
      int at = out.indexOf("Scheme:   " + schemes[i]);
      assertTrue(at >= 0, "no performance of " + schemes[i] + ":\n" + out);
      String result = out.substring(at);
      assertTrue(result.contains("Total Number of Instances            20000"), out);
      Matcher m = ACCURACY.matcher(result);
      assertTrue(m.find(), "no accuracy line:\n" + out);
      accuracy[i] = Double.parseDouble(m.group(2));
    }
    assertTrue(accuracy[0] > accuracy[1], String.format(Locale.ROOT,
        "test-then-train accuracy: BackpropMLP %.2f%%, NaiveBayesUpdateable %.2f%%%n%s",
        accuracy[0], accuracy[1], out));
  }

  /**
   * Runs a flow of the installed package's examples with {@code FlowRunner} from an unrelated
   * working directory, and checks that it logged no error and no stack trace.
   *
   * @return FlowRunner's output
   */
  private String runShippedFlow(String flow, String workDirName) throws Exception {
    Path examples = wekaHome.resolve("packages").resolve(PACKAGE).resolve("examples");
    Path workDir = Files.createDirectories(root.resolve(workDirName));
    String out = wekaIn(workDir, childClasspath, "weka.knowledgeflow.FlowRunner",
        examples.resolve(flow).toString());
    assertNoStackTrace(out);
    assertFalse(out.contains("[ERROR]"), "the flow logged an error:\n" + out);
    return out;
  }

  /**
   * The shipped experiment, run as the examples' README says: 10-fold cross-validation of four
   * schemes on the package's iris.arff, results to an ARFF file in the working directory.
   */
  @Test
  @Order(6)
  void runsTheShippedExperiment() throws Exception {
    Path examples = wekaHome.resolve("packages").resolve(PACKAGE).resolve("examples");
    Path workDir = Files.createDirectories(root.resolve("experiment-run"));
    String out = wekaIn(workDir, childClasspath, "weka.experiment.Experiment", "-l",
        examples.resolve(EXPERIMENT).toString(), "-r");
    assertNoStackTrace(out);
    assertFalse(out.contains("PROBLEM"), out);
    assertFalse(out.contains("unknown property"), out);
    Path results = workDir.resolve(RESULTS);
    assertTrue(Files.isRegularFile(results), "no " + RESULTS + " in the working directory:\n"
        + out);
    weka.core.Instances data = new weka.core.Instances(
        Files.newBufferedReader(results, StandardCharsets.UTF_8));
    assertEquals(4 * 10, data.numInstances(), "rows: 4 schemes x 10 folds");
    weka.core.Attribute scheme = data.attribute("Key_Scheme");
    weka.core.Attribute dataset = data.attribute("Key_Dataset");
    weka.core.Attribute correct = data.attribute("Percent_correct");
    int rows = 0;
    double sum = 0;
    for (weka.core.Instance row : data) {
      assertEquals("iris", row.stringValue(dataset));
      if (row.stringValue(scheme).equals(CLASSIFIER)) {
        rows++;
        sum += row.value(correct);
      }
    }
    assertEquals(10, rows, "BackpropMLP rows (one per fold)");
    double accuracy = sum / rows;
    assertTrue(accuracy >= 85 && accuracy <= 100, String.format(Locale.ROOT,
        "BackpropMLP's mean accuracy over the folds %.2f%% is not sane", accuracy));
  }

  @Test
  @Order(7)
  void uninstalls() throws Exception {
    String out = weka(childClasspath, "weka.core.WekaPackageManager", "-offline",
        "-uninstall-package", PACKAGE);
    assertNoStackTrace(out);
    assertFalse(Files.exists(wekaHome.resolve("packages").resolve(PACKAGE)), out);
    String list = listInstalled();
    assertFalse(list.contains(PACKAGE + ":"), "still listed after uninstall:\n" + list);
    String probe = weka(probeClasspath, GoeDiscoveryProbe.class.getName(), CLASSIFIER);
    assertTrue(probe.contains("discovered=false"), probe);
    assertTrue(probe.contains("instantiated=false"), probe);
  }

  /** A Java stack trace in the output: an exception line or an "at frame(...)" line. */
  private static final Pattern STACK_TRACE = Pattern.compile(
      "(?m)^(Exception in thread .*|[\\w.$]+(Exception|Error)(: .*)?|\\s+at [\\w.$<>]+\\(.*\\))$");

  private static void assertNoStackTrace(String out) {
    Matcher m = STACK_TRACE.matcher(out);
    assertFalse(m.find(), () -> "stack trace in the output (" + m.group() + "):\n" + out);
  }

  private static String listInstalled() throws Exception {
    return weka(childClasspath, "weka.core.WekaPackageManager", "-offline", "-list-packages",
        "installed");
  }

  /** Runs a Weka main class in a child JVM with WEKA_HOME set; returns stdout and stderr. */
  private static String weka(String classpath, String mainClass, String... args)
      throws Exception {
    return wekaIn(null, classpath, mainClass, args);
  }

  /**
   * Runs a Weka main class in a child JVM with WEKA_HOME set, in {@code workDir} (null: this
   * JVM's); returns stdout and stderr.
   */
  private static String wekaIn(Path workDir, String classpath, String mainClass,
      String... args) throws Exception {
    List<String> cmd = new ArrayList<>(Arrays.asList(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-Djava.awt.headless=true",
        "-Duser.home=" + root.resolve("home"),
        // never try to reach the package repository (weka.Run loads packages at start-up)
        "-Dweka.packageManager.offline=true",
        "--add-opens=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-cp", classpath,
        mainClass));
    cmd.addAll(Arrays.asList(args));
    Path log = Files.createTempFile(root, "child", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().put("WEKA_HOME", wekaHome.toString());
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd) + "\n"
          + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }
    String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "exit code of " + mainClass + " " + String.join(" ", args)
        + "\n" + out);
    return out;
  }
}
