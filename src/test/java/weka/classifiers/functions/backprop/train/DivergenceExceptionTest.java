package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.train.DivergenceException.Kind;

/**
 * The engine's divergence report: for every {@link Kind} the message carries the numbers in
 * hand-written form (the epoch, the learning rate as {@code %.3g}, the non-finite loss or
 * gradient norm, or both training losses as {@code %.4g}, the first one's origin in
 * parentheses where it is the first mini-batch; a stream's kinds, the reference the loss stayed
 * above) and no command-line flag, which is the
 * Weka side's vocabulary; epoch 0 reads "a streaming update" and names no epoch; the getters
 * return what was passed in and {@code suggestedLearningRate} is a tenth of the rate;
 * {@link DivergenceException#withAdvice} returns a new exception whose message is the original
 * one, then {@code "; "}, then the remedy, with the same numbers, the original as its cause and
 * {@code hasAdvice()} true, the original left as it was.
 */
class DivergenceExceptionTest {

  /** A flag such as {@code -lr} or {@code --clip}: a dash starting a word, then a letter. */
  static final Pattern FLAG = Pattern.compile("(^|[\\s(\\[])--?[A-Za-z]");

  /**
   * kind, epoch, learning rate, its %.3g text, value, the texts the message must hold for the
   * value (null: the kind reports no value) and for the first loss (LOSS_GREW only).
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Kind.LOSS_NOT_FINITE, 3, 0.0123456, "0.0123", Double.NaN, "NaN",
            Double.NaN, null),
        Arguments.of(Kind.LOSS_NOT_FINITE, 12, 1e6, "1.00e+06", Double.POSITIVE_INFINITY,
            "Infinity", Double.NaN, null),
        Arguments.of(Kind.GRADIENT_NOT_FINITE, 5, 0.5, "0.500", Double.POSITIVE_INFINITY,
            "Infinity", Double.NaN, null),
        Arguments.of(Kind.GRADIENT_NOT_FINITE, 9, 0.002, "0.00200", Double.NaN, "NaN",
            Double.NaN, null),
        Arguments.of(Kind.WEIGHTS_NOT_FINITE, 40, 3e-5, "3.00e-05", Double.NaN, null,
            Double.NaN, null),
        Arguments.of(Kind.LOSS_GREW, 17, 0.25, "0.250", 812.345, "812.3", 0.693147, "0.6931"),
        Arguments.of(Kind.LOSS_GREW_IN_FIRST_EPOCH, 1, 1e10, "1.00e+10", 3.51106e20,
            "3.511e+20", 1.098612, "1.099"),
        Arguments.of(Kind.LOSS_FAR_ABOVE_UNINFORMED, 2, 1e10, "1.00e+10", 2.74e20,
            "2.740e+20", 0.693147, null),
        Arguments.of(Kind.LOSS_FAR_ABOVE_MEAN, 4, 10, "10.0", 2.117e5, "2.117e+05", 1.0, null));
  }

  /**
   * A stream's kinds name the reference the loss stayed above, the limit and how many of the
   * last mini-batches passed it, then the loss reached.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "LOSS_FAR_ABOVE_UNINFORMED | 2.74e20 | 0.693147 | the loss per row stayed over 10,000 times"
        + " the 0.6931 of outputs that give every class the same probability in 10 of the last 20"
        + " mini-batches, reaching 2.740e+20",
    "LOSS_FAR_ABOVE_MEAN | 2.117e5 | 1.0 | the loss per row stayed over 10,000 times 1.000 (the"
        + " loss of predicting the mean of the targets so far, or 1 if that is less) in 10 of the"
        + " last 20 mini-batches, reaching 2.117e+05"})
  void aStreamsKindsNameTheirReference(Kind kind, double value, double reference, String text) {
    assertEquals("training diverged in a streaming update: " + text + ", at learning rate 10.0",
        new DivergenceException(kind, 0, 10, value, reference).getMessage());
  }

  static boolean mentionsEpoch(String message, int epoch) {
    return Pattern.compile("\\bepoch " + epoch + "\\b").matcher(message).find();
  }

  @ParameterizedTest(name = "{0}, epoch {1}, lr {3}")
  @MethodSource("cases")
  void messageCarriesTheNumbersAndNoFlag(Kind kind, int epoch, double lr, String lrText,
      double value, String valueText, double firstLoss, String firstText) {
    DivergenceException e = new DivergenceException(kind, epoch, lr, value, firstLoss);
    String m = e.getMessage();
    assertTrue(mentionsEpoch(m, epoch), m);
    assertFalse(m.contains("streaming"), m);
    assertTrue(m.contains("learning rate " + lrText), m);
    if (valueText != null) {
      assertTrue(m.contains(valueText), m);
    }
    if (firstText != null) {
      assertTrue(Pattern.compile("from " + Pattern.quote(firstText) + "( \\([^)]*\\))? to "
          + Pattern.quote(valueText)).matcher(m).find(), m);
    }
    assertFalse(FLAG.matcher(m).find(), "the engine names no flag: " + m);
    assertFalse(e.hasAdvice());
    assertEquals(kind, e.kind());
    assertEquals(epoch, e.epoch());
    assertEquals(lr, e.learningRate(), 0.0);
    assertEquals(value, e.value(), 0.0);
    assertEquals(Math.min(lr / 10, DivergenceException.LARGEST_SUGGESTED_RATE),
        e.suggestedLearningRate(), 1e-15 * lr);
  }

  @ParameterizedTest(name = "{0}, lr {3}")
  @MethodSource("cases")
  void epochZeroReadsAStreamingUpdate(Kind kind, int epoch, double lr, String lrText,
      double value, String valueText, double firstLoss, String firstText) {
    DivergenceException e = new DivergenceException(kind, 0, lr, value, firstLoss);
    String m = e.getMessage();
    assertTrue(m.contains("in a streaming update"), m);
    assertFalse(m.contains("epoch"), m);
    assertTrue(m.contains("learning rate " + lrText), m);
    assertEquals(0, e.epoch());
  }

  @ParameterizedTest(name = "{0}, epoch {1}")
  @MethodSource("cases")
  void withAdviceAppendsTheRemedyAndKeepsTheNumbers(Kind kind, int epoch, double lr,
      String lrText, double value, String valueText, double firstLoss, String firstText) {
    DivergenceException e = new DivergenceException(kind, epoch, lr, value, firstLoss);
    String original = e.getMessage();
    String remedy = "lower the learning rate (-lr, 'learningRate' in the GUI)";

    DivergenceException advised = e.withAdvice(remedy);

    assertNotSame(e, advised);
    assertEquals(original + "; " + remedy, advised.getMessage());
    assertTrue(mentionsEpoch(advised.getMessage(), epoch), advised.getMessage());
    assertTrue(advised.getMessage().contains("learning rate " + lrText), advised.getMessage());
    if (valueText != null) {
      assertTrue(advised.getMessage().contains(valueText), advised.getMessage());
    }
    assertSame(e, advised.getCause());
    assertTrue(advised.hasAdvice());
    assertFalse(e.hasAdvice(), "the original changed");
    assertEquals(original, e.getMessage(), "the original changed");
    assertEquals(kind, advised.kind());
    assertEquals(epoch, advised.epoch());
    assertEquals(lr, advised.learningRate(), 0.0);
    assertEquals(value, advised.value(), 0.0);
    assertEquals(e.suggestedLearningRate(), advised.suggestedLearningRate(), 0.0);
  }
}
