package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.backpropmlp.DataChecks;

/**
 * {@code java weka.classifiers.functions.BackpropMLP -t file.arff} on data it cannot learn from:
 * the first line printed is the advice (naming the attribute and the fix), and no stack trace.
 */
class BackpropMLPCommandLineTest {

  @TempDir Path dir;

  @Test
  void stringAttributeNamesTheAttributeAndTheFilter() throws Exception {
    String out = run("@attribute text string\n@attribute x numeric\n@attribute class {a,b}\n",
        "'hello world',1,a\n'bye',2,b\n'hi',3,a\n'so long',4,b\n");
    assertFirstLine(out, "attribute 'text' is a string attribute: BackpropMLP needs numbers;"
        + " put StringToWordVector in front of it with FilteredClassifier");
  }

  @Test
  void relationalAttributeNamesTheAttributeAndTheFilter() throws Exception {
    String out = run("@attribute bag relational\n  @attribute v numeric\n@end bag\n"
        + "@attribute class {a,b}\n", "'1\\n2',a\n'3',b\n");
    assertFirstLine(out, "attribute 'bag' is a relational attribute:");
    assertTrue(out.contains("MultiInstanceToPropositional"), out);
  }

  @Test
  void allClassValuesMissingSaysToLabelTheRows() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      rows.append(i).append(",?\n");
    }
    String out = run("@attribute x numeric\n@attribute class {a,b}\n", rows.toString());
    assertFirstLine(out, "no training instance has a value for the class attribute 'class' (all"
        + " 10 rows lacked it)");
    assertTrue(out.lines().findFirst().orElse("").contains("BackpropMLP needs labelled rows"),
        out);
  }

  @Test
  void unaryClassSaysToGiveItTwoValues() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      rows.append(i).append(",only\n");
    }
    String out = run("@attribute x numeric\n@attribute class {only}\n", rows.toString());
    assertFirstLine(out, "the class attribute 'class' has a single value ('only'):");
    assertTrue(out.contains("at least two values"), out);
  }

  @Test
  void emptyDataSetSaysCrossValidationNeedsInstances() throws Exception {
    String out = run("@attribute x numeric\n@attribute class {a,b}\n", "");
    assertFirstLine(out, "the data set has fewer instances than cross-validation folds:");
  }

  @Test
  void infiniteValueNamesTheAttributeWithoutATrace() throws Exception {
    String out = run("@attribute a numeric\n@attribute class {x,y}\n",
        "1,x\n2,y\nInfinity,x\n4,y\n5,x\n6,y\n7,x\n8,y\n9,x\n10,y\n11,x\n");
    assertFirstLine(out, "attribute 'a' has the infinite value Infinity in streamed row 3;");
  }

  @Test
  void lossThatDoesNotSuitTheClassSaysWhichDoes() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      rows.append(i).append(',').append(2 * i).append('\n');
    }
    String out = run("@attribute x numeric\n@attribute y numeric\n", rows.toString(),
        "-loss", "CROSS_ENTROPY");
    assertFirstLine(out, "-loss (loss): CROSS_ENTROPY needs a nominal class");
  }

  /**
   * Data with no input attribute: the command line's row-by-row route says how to get the
   * batch build's class distribution, and an update of that model is refused without a trace.
   */
  @Test
  void dataWithoutInputsSayWhatWorks() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      rows.append(i % 3 == 0 ? "p" : "q").append('\n');
    }
    String out = run("@attribute class {p,q,r}\n", rows.toString());
    assertFirstLine(out, "BackpropMLP: the header has no input attribute besides the class, so"
        + " there is nothing to learn row by row; a batch build (-force-batch-training");
    weka.core.Instances data = new weka.core.Instances(new java.io.StringReader(
        "@relation r\n@attribute class {p,q,r}\n@data\np\nq\nq\n"));
    data.setClassIndex(0);
    BackpropMLP batch = new BackpropMLP();
    batch.buildClassifier(data);
    assertTrue(batch.toString().contains("predicting the class distribution"), batch.toString());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> batch.updateClassifier(data.instance(0)));
    assertEquals(e.getMessage(), DataChecks.advice(e));
  }

  /**
   * The help's "at least the number of training instances = full-batch gradient descent" on the
   * command line, which trains row by row before the batch model replaces the stream's: it
   * trains, where the stream's step buffer of 2,147,483,647 rows had been refused.
   */
  @Test
  void aFullBatchAsLargeAsAnIntTrainsOnTheCommandLine() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      rows.append(i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Path file = dir.resolve("full-batch.arff");
    Files.write(file, ("@relation r\n@attribute x numeric\n@attribute class {a,b}\n@data\n"
        + rows).getBytes(StandardCharsets.UTF_8));
    String out = weka.classifiers.Evaluation.evaluateModel(new BackpropMLP(), new String[] {"-t",
        file.toString(), "-no-cv", "-epochs", "2", "-mini-batch", "2147483647"});
    assertTrue(out.contains("Correctly Classified Instances"), out);
  }

  /** A refusal raised elsewhere (a library, or a bug) keeps its stack trace. */
  @Test
  void foreignExceptionsKeepTheirTrace() {
    IllegalArgumentException foreign =
        assertThrows(NumberFormatException.class, () -> Integer.parseInt("x"));
    assertNull(DataChecks.advice(foreign));
    assertNull(DataChecks.advice(new NullPointerException("from here, but a bug")));
  }

  private static void assertFirstLine(String out, String start) {
    assertTrue(out.startsWith(start), "first line should start with '" + start + "':\n" + out);
    assertFalse(out.contains("\tat "), "stack trace in the output:\n" + out);
    assertFalse(out.contains("Exception"), "exception name in the output:\n" + out);
  }

  /** Runs the command line on an ARFF file; returns what it printed (stderr, then stdout). */
  private String run(String attributes, String data, String... options) throws Exception {
    Path file = dir.resolve("data.arff");
    Files.write(file, ("@relation r\n" + attributes + "@data\n" + data)
        .getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      List<String> args = new ArrayList<>(List.of("-t", file.toString(), "-epochs", "2"));
      args.addAll(Arrays.asList(options));
      BackpropMLP.main(args.toArray(new String[0]));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String text = err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);
    assertEquals("", out.toString(StandardCharsets.UTF_8).trim(), "no result expected:\n" + text);
    return text;
  }
}
