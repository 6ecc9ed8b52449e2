package weka.classifiers.functions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs library code that prints progress on {@code System.out}/{@code System.err} (the map
 * tasks of distributedWekaBase print their memory use for every task, Weka's test suite prints
 * informational verdicts) without flooding the build log: lines matching the given chatter are
 * dropped when the code succeeds; every other line is printed as usual; and when the code fails,
 * everything it printed is printed, chatter included, before the failure propagates.
 */
final class LibraryChatter {

  /** What distributedWekaBase's {@code WekaClassifierMapTask} prints for every task. */
  static final Pattern MAP_TASK = Pattern.compile(
      "\\[ClassifierMapTask\\] Memory \\(free/total/max\\.\\) in bytes: .*"
          + "|Calling batch finished on updateable classifier\\.\\.\\.");

  /** Code that may throw. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws Exception;
  }

  private LibraryChatter() {}

  /**
   * @param chatter the lines to drop on success
   * @param body the code
   * @param <T> its result type
   * @return its result
   * @throws Exception what it throws, after printing all it printed
   */
  static <T> T quiet(Pattern chatter, Body<T> body) throws Exception {
    List<String> kept = new ArrayList<>();
    T result = captured(body, kept);
    PrintStream err = System.err;
    for (String line : kept) {
      if (!chatter.matcher(line).matches()) {
        err.println(line);
      }
    }
    return result;
  }

  /**
   * Runs {@code body} with {@code System.out} and {@code System.err} captured into {@code lines}
   * (all of it is printed if {@code body} fails).
   *
   * @param body the code
   * @param lines receives the printed lines, in order
   * @param <T> its result type
   * @return its result
   * @throws Exception what it throws
   */
  static synchronized <T> T captured(Body<T> body, List<String> lines) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    boolean ok = false;
    try {
      System.setOut(capture);
      System.setErr(capture);
      T result = body.run();
      ok = true;
      return result;
    } finally {
      capture.flush();
      System.setOut(out);
      System.setErr(err);
      String text = buffer.toString(StandardCharsets.UTF_8);
      if (!ok) {
        err.print(text);
      }
      for (String line : text.split("\\R")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    }
  }
}
