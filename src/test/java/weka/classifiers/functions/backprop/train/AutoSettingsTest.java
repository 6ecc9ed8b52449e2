package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The automatic rules at and around their thresholds, and for row-by-row training. */
class AutoSettingsTest {

  @ParameterizedTest(name = "{0} rows: mini-batch {1}, lr {2}")
  @CsvSource({"1, 8, 0.01", "499, 8, 0.01", "500, 32, 0.003", "60000, 32, 0.003",
      "-1, 32, 0.003"})
  void stepSettingsFollowTheNumberOfRows(int rows, int batch, double lr) {
    assertEquals(batch, AutoSettings.miniBatch(rows));
    assertEquals(lr, AutoSettings.learningRate(rows));
  }

  @ParameterizedTest(name = "{0} inputs: dropout {1}")
  @CsvSource({"1, 0", "19, 0", "20, 0.3", "784, 0.3"})
  void dropoutFollowsTheNumberOfInputs(int inputs, double p) {
    assertEquals(p, AutoSettings.dropout(inputs));
  }

  @ParameterizedTest(name = "{0} inputs, density {1}: text {2}")
  @CsvSource({"999, 0.01, false", "1000, 0.01, true", "1000, 0.10, true", "1000, 0.1001, false",
      "50000, 0.001, true", "784, 0.05, false", "5000, 1, false"})
  void textSettingsNeedWideAndSparseInputs(int inputs, double density, boolean text) {
    assertEquals(text, AutoSettings.isText(inputs, density));
  }

  @ParameterizedTest(name = "{0} rows in batches of {1}, {2} non-zeros a row: {3} epochs")
  @CsvSource({
    // 40 non-zeros a row: 1,000 steps
    "128000, 128, 40, 5", "25600, 128, 40, 5", "12800, 128, 40, 10", "720, 128, 40, 167",
    // 400 non-zeros a row: 100 steps
    "720, 128, 400, 17", "6400, 128, 400, 5",
    // rounding up: 40000 / 30 = 1333.3 steps, 1334 steps of one row
    "1, 128, 30, 1334", "128, 128, 30, 1334",
    // no non-zero at all counts as one; a mini-batch of 16 has 8 times the steps of 128
    "720, 16, 0, 889", "720, 16, 40, 23",
    "100000, 128, 1, 52"})
  void smallCorporaGetEnoughSteps(int rows, int batch, double nonZeros, int epochs) {
    assertEquals(epochs, AutoSettings.textEpochs(rows, batch, nonZeros));
  }

  @ParameterizedTest(name = "{0} non-zeros a row")
  @CsvSource({"10", "40", "90", "250"})
  void theStepsTimesTheRowsNonZerosStayTheSame(double nonZeros) {
    // one row a step, so epochs = steps; steps x non-zeros = the constant (rounded up)
    int steps = AutoSettings.textEpochs(1, 128, nonZeros);
    assertEquals(AutoSettings.TEXT_STEP_NONZEROS, steps * nonZeros, nonZeros);
  }

  @ParameterizedTest(name = "{0} epochs: candidates train {1}")
  @CsvSource({"100, 30", "10, 3", "5, 2", "3, 1", "1, 1", "34, 11", "500, 150", "7, 3"})
  void penaltyCandidatesTrainForThirtyPercentOfTheEpochsRoundedUp(int epochs, int candidate) {
    // 0.3 × epochs rounded up, at least 1: 34 × 0.3 = 10.2 → 11, 7 × 0.3 = 2.1 → 3
    assertEquals(candidate, AutoSettings.selectionEpochs(epochs));
  }
}
