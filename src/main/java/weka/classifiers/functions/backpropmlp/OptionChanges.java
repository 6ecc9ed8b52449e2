package weka.classifiers.functions.backpropmlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options that differ between two {@code getOptions()} arrays, named for a model's
 * description: a training continued with {@code -resume} goes on with the network, optimizer and
 * settings it was built with, and takes only {@code -epochs} from the options set since (Weka's
 * Explorer sets the editor's current options on the model before it continues), so the
 * description names the others, which did not act.
 */
final class OptionChanges {

  /**
   * Options that act on a continued training or on the model as it is used, whatever their
   * value at the build (the epochs to add; output, prediction and checking settings), or that
   * cannot change the model (the threads).
   */
  private static final List<String> ACTING = Arrays.asList("-epochs", "-resume", "-curve-file",
      "-output-debug-info", "-num-decimal-places", "-batch-size", "-do-not-check-capabilities",
      "-threads"); // the model is the same for any number of threads

  private OptionChanges() {}

  /**
   * @param model a trained model
   * @return the description's notes on options set since the build: those at a stream's end,
   *     which the steps and epochs after it followed, those a continued training (-resume) did
   *     not take, and why -resume trained afresh; empty if there are none
   */
  static String note(FittedModel model) {
    String[] later = model.laterOptions();
    ResumeLog resumed = model.hasResumeLog() ? model.resumeLog() : null;
    return (later == null ? "" : "\nOptions at the stream's end, which the steps and epochs after"
        + " the build followed (the network is the one built with those above): "
        + String.join(" ", later) + "\n") + (resumed == null ? "" : resumed.note());
  }

  /**
   * @param before the options recorded at the build
   * @param after the options at a later moment
   * @return the options of {@code after} that differ from {@code before} and would have acted
   *     only on a new build, e.g. {@code -hidden 32 (was auto), -optimizer SGD (was ADAM)}, a
   *     flag as {@code -nesterov (was off)} or {@code -nesterov off (was on)}; empty if none
   */
  static String notApplied(String[] before, String[] after) {
    Map<String, String> was = parse(before);
    Map<String, String> now = parse(after);
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> e : now.entrySet()) {
      String name = e.getKey();
      if (!ACTING.contains(name) && !Objects.equals(e.getValue(), was.get(name))) {
        String value = e.getValue().isEmpty() ? "" : " " + e.getValue();
        changes.add(name + value + " (was " + word(was.get(name)) + ")");
      }
    }
    for (String name : was.keySet()) {
      if (!ACTING.contains(name) && !now.containsKey(name)) {
        changes.add(name + " off (was " + word(was.get(name)) + ")");
      }
    }
    return String.join(", ", changes);
  }

  /** A recorded value in words: "off" for an absent flag, "on" for a set one. */
  private static String word(String value) {
    return value == null ? "off" : value.isEmpty() ? "on" : value;
  }

  /**
   * Option name to value ("" for a flag); a token is a name when it is a dash and a letter, so
   * that negative numbers ({@code -dropout -1.0}) are values.
   */
  private static Map<String, String> parse(String[] options) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < options.length; i++) {
      String name = options[i];
      if (!isName(name)) {
        continue;
      }
      boolean valued = i + 1 < options.length && !isName(options[i + 1]);
      map.put(name, valued ? options[++i] : "");
    }
    return map;
  }

  private static boolean isName(String token) {
    return token.length() > 1 && token.charAt(0) == '-' && Character.isLetter(token.charAt(1));
  }
}
