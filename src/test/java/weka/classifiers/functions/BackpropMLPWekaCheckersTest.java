package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.CheckClassifier;
import weka.core.Check;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.Utils;

/**
 * Runs Weka's own checkers on BackpropMLP, as a developer would from the command line
 * ({@code java weka.classifiers.CheckClassifier -W weka.classifiers.functions.BackpropMLP -- …}),
 * and reads their report.
 *
 * <p>Each checker prints one line per check, {@code "<check>...<verdict>"}. CheckClassifier's
 * verdicts are {@code yes}; {@code no (OK error message)} when the classifier refused the data
 * with a message naming the problem (how unsupported capabilities such as string attributes are
 * reported); {@code warning: performs worse than ZeroR}, which on its 20 random instances is no
 * error; and a bare {@code no}, which is a real failure except for the multi-instance interface
 * (not implemented) and "incremental training produces the same results as batch training":
 * by design they differ, since a batch build fits the normalization on all data and runs many
 * epochs, while row-by-row training normalizes with running statistics in one pass.
 * CheckOptionHandler and CheckGOE only answer {@code yes} or {@code no…}.
 */
class BackpropMLPWekaCheckersTest {

  private static final String CLASSIFIER = BackpropMLP.class.getName();

  /** Configurations checked: the defaults and one that turns on most of the machinery. */
  private static final String DEFAULTS = "";
  private static final String BUSY = "-hidden 8:TANH,4 -optimizer SGD -lr 0.05 -nesterov"
      + " -mini-batch 4 -epochs 30 -schedule COSINE -warmup 2 -clip 5 -l1 0.001 -dropout 0.1"
      + " -label-smoothing 0.05 -class-weights BALANCED -validation 20 -patience 5"
      + " -normalize MINMAX -seed 7 -threads 1 -resume -batch-size 7 -num-decimal-places 4";

  private static final Pattern RESULT = Pattern.compile("^(.+?)\\.\\.\\.(.*)$");

  /** Optional interface: "no" only says BackpropMLP does not implement it. */
  private static final List<String> INTERFACES = List.of("multi-instance classifier");

  /** Checks that must pass outright for every class type BackpropMLP supports. */
  private static final List<String> MUST_PASS = List.of(
      "options", "updateable classifier", "weighted instances classifier", "serialVersionUID",
      "toString",
      "classifier uses instance weights", "only class in data", "more than two class problems",
      "class attribute as 1. attribute", "class attribute as 2. attribute",
      "correct initialisation during buildClassifier",
      "classifier doesn't alter original datasets",
      "classifier ignores test instance class vals");

  @ParameterizedTest(name = "CheckClassifier -- {0}")
  @ValueSource(strings = {DEFAULTS, BUSY})
  void checkClassifier(String classifierOptions) throws Exception {
    Map<String, String> results =
        run(new CheckClassifier(), "-W " + CLASSIFIER + " -- " + classifierOptions);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> r : results.entrySet()) {
      String check = r.getKey();
      String verdict = r.getValue();
      boolean unsupported = check.matches(".*\\((string|relational) class.*")
          || check.matches("basic predict \\(.*(string|relational) predictors\\)");
      if (unsupported) {
        // refused, with a message saying why
        expect(problems, check, verdict, verdict.equals("no (OK error message)"));
      } else if (INTERFACES.contains(check)) {
        expect(problems, check, verdict, verdict.equals("yes") || verdict.equals("no"));
      } else if (MUST_PASS.stream().anyMatch(check::startsWith)) {
        expect(problems, check, verdict, verdict.equals("yes"));
      } else if (check.startsWith("incremental training produces the same results")) {
        // one streaming pass vs many batch epochs: different by design (see class comment)
        expect(problems, check, verdict, verdict.equals("yes") || verdict.equals("no"));
      } else if (check.startsWith("handle zero training instances")) {
        // an empty header initializes an untrained network for row-by-row training
        expect(problems, check, verdict, verdict.equals("yes")
            || verdict.equals("warning: performs worse than ZeroR"));
      } else if (check.startsWith("100% missing class values")) {
        // no labelled instance: refused with a message saying so
        expect(problems, check, verdict,
            verdict.equals("yes") || verdict.equals("no (OK error message)"));
      } else {
        expect(problems, check, verdict,
            verdict.equals("yes") || verdict.equals("warning: performs worse than ZeroR"));
      }
    }
    for (String type : List.of("nominal", "numeric", "date")) {
      for (String check : MUST_PASS.subList(5, MUST_PASS.size())) {
        if (check.startsWith("more than two") && !type.equals("nominal")) {
          continue;
        }
        assertTrue(results.keySet().stream()
                .anyMatch(k -> k.startsWith(check) && k.contains("(" + type + " class")),
            "no '" + check + "' result for a " + type + " class: " + results.keySet());
      }
    }
    assertTrue(results.containsKey("basic predict (relational class, relational predictors)"),
        "CheckClassifier stopped early: " + results.keySet());
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @ParameterizedTest(name = "CheckOptionHandler -- {0}")
  @ValueSource(strings = {DEFAULTS, BUSY})
  void checkOptionHandler(String classifierOptions) throws Exception {
    Map<String, String> results =
        run(new CheckOptionHandler(), "-W " + CLASSIFIER + " -- " + classifierOptions);
    assertEquals(List.of("ListOptions", "SetOptions", "Default options", "Remaining options",
        "Canonical user options", "Resetting options"), new ArrayList<>(results.keySet()));
    results.forEach((check, verdict) -> assertEquals("yes", verdict, check));
  }

  @Test
  void checkGoe() throws Exception {
    // CheckGOE takes no options for the object: it inspects a default instance
    Map<String, String> results = run(new CheckGOE(), "-W " + CLASSIFIER);
    assertEquals(List.of("Global info", "Tool tips"), new ArrayList<>(results.keySet()));
    results.forEach((check, verdict) -> assertEquals("yes", verdict, check));
  }

  private static void expect(List<String> problems, String check, String verdict, boolean ok) {
    if (!ok) {
      problems.add(check + "..." + verdict);
    }
  }

  /**
   * Configures a checker exactly as its command line would (e.g. {@code -W BackpropMLP --
   * options}), runs it and returns its verdicts by check, in order. Exceptions propagate.
   */
  private static Map<String, String> run(Check check, String commandLine) throws Exception {
    String[] options = Utils.splitOptions(commandLine);
    check.setOptions(options);
    Utils.checkForRemainingOptions(options);

    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    synchronized (BackpropMLPWekaCheckersTest.class) {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      try {
        check.doTests();
      } finally {
        System.out.flush();
        System.setOut(original);
      }
    }
    String report = buffer.toString(StandardCharsets.UTF_8);

    Map<String, String> results = new LinkedHashMap<>();
    for (String line : report.split("\\R")) {
      Matcher m = RESULT.matcher(line.trim());
      if (m.matches()) {
        String previous = results.put(m.group(1).trim(), m.group(2).trim());
        assertTrue(previous == null, "check reported twice: " + line);
      }
    }
    assertTrue(!results.isEmpty(), "no verdicts in the report:\n" + report);
    return results;
  }
}
