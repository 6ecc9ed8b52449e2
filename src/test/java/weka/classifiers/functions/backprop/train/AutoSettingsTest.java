package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import weka.classifiers.functions.backprop.optim.OptimizerType;

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
    assertEquals(lr, AutoSettings.learningRate(rows, OptimizerType.ADAM));
    assertEquals(lr, AutoSettings.learningRate(rows, OptimizerType.SGD));
    // AdaGrad's steps shrink over a run: ten times the rate (doc/defaults.md)
    assertEquals(10 * lr, AutoSettings.learningRate(rows, OptimizerType.ADAGRAD), 1e-15);
  }

  /** The option as it is in a batch build; row by row at most max(reservoir, 10,000). */
  @ParameterizedTest(name = "option {0}, {1} rows, reservoir {2}: mini-batch {3}")
  @CsvSource({"0, 100, 10000, 8", "0, -1, 10000, 32", "64, 100, 10000, 64", "64, -1, 0, 64",
      "2147483647, 150, 10000, 2147483647", "2147483647, -1, 10000, 10000",
      "2147483647, -1, 0, 10000", "2147483647, -1, 50000, 50000", "20000, -1, 50000, 20000"})
  void theMiniBatchInForceCapsARowByRowStep(int option, int rows, int reservoir, int batch) {
    assertEquals(batch, AutoSettings.miniBatch(option, rows, reservoir));
  }

  @ParameterizedTest(name = "{0} inputs: {1} hidden units")
  @CsvSource({"0, 16", "1, 16", "4, 16", "5, 20", "8, 32", "13, 52", "15, 60", "16, 64",
      "784, 64", "50000, 64", "2147483647, 64"})
  void automaticWidthIsFourUnitsPerInputBetweenSixteenAndSixtyFour(int inputs, int units) {
    assertEquals(units, AutoSettings.hiddenUnits(inputs));
  }

  @ParameterizedTest(name = "{0} inputs, {1} rows: dropout {2}")
  @CsvSource({"1, 100, 0", "19, 100, 0", "19, -1, 0", "20, 100, 0.3", "784, 60000, 0.3",
      "36, 3599, 0.3", "36, 3600, 0", "36, 4290, 0", "20, -1, 0.3", "784, -1, 0.3",
      // 100 × inputs past Integer.MAX_VALUE: compared in long
      "30000000, 2147483647, 0.3"})
  void dropoutFollowsTheNumbersOfInputsAndRows(int inputs, int rows, double p) {
    assertEquals(p, AutoSettings.dropout(inputs, rows));
  }

  @ParameterizedTest(name = "{0} inputs, density {1}: text {2}")
  @CsvSource({"999, 0.01, false", "1000, 0.01, true", "1000, 0.10, true", "1000, 0.1001, false",
      "50000, 0.001, true", "784, 0.05, false", "5000, 1, false"})
  void textSettingsNeedWideAndSparseInputs(int inputs, double density, boolean text) {
    assertEquals(text, AutoSettings.isText(inputs, density));
  }

  @ParameterizedTest(name = "{0} rows in batches of {1}: {2} epochs")
  @CsvSource({"12800, 128, 5", "6400, 128, 10", "6270, 128, 11", "3998, 128, 16",
      "720, 128, 84", "723, 128, 84", "128, 128, 500", "1, 128, 500", "720, 16, 12",
      "100000, 128, 5"})
  void smallCorporaGetEnoughSteps(int rows, int batch, int epochs) {
    assertEquals(epochs, AutoSettings.textEpochs(rows, batch));
  }

  @ParameterizedTest(name = "{0} epochs: candidates train {1}")
  @CsvSource({"100, 30", "10, 3", "5, 2", "3, 1", "1, 1", "34, 11", "500, 150", "7, 3"})
  void penaltyCandidatesTrainForThirtyPercentOfTheEpochsRoundedUp(int epochs, int candidate) {
    // 0.3 × epochs rounded up, at least 1: 34 × 0.3 = 10.2 → 11, 7 × 0.3 = 2.1 → 3
    assertEquals(candidate, AutoSettings.selectionEpochs(epochs));
  }

  @ParameterizedTest(name = "{0} epochs, {1} rows, {2} per candidate: continued {3}")
  @CsvSource({"100, 999, 799, 0", "100, 1000, 800, 70", "100, 3186, 2549, 70",
      "100, 12500, 10000, 70", "100, 12501, 10001, 0", "10, 5000, 4000, 7", "3, 5000, 4000, 2",
      "1, 5000, 4000, 0", "500, 2000, 1600, 350"})
  void theFinalTrainingContinuesForWhatTheCandidatesLeftOfTheBudget(int epochs, int rows,
      int candidateRows, int continued) {
    // from 1,000 rows, where the candidates get their whole share (up to 10,000 rows each):
    // the budget less 30 % of it rounded up; 1 epoch leaves nothing to continue for
    assertEquals(continued, AutoSettings.continuedEpochs(epochs, rows, candidateRows));
  }

  @ParameterizedTest(name = "{0} epochs, {1} candidate rows: candidates train {2}")
  @CsvSource({"100, 150, 30", "100, 10000, 30", "100, 10001, 30", "100, 10666, 29",
      "100, 30933, 10", "100, 48000, 7", "10, 16000, 2", "1, 1000000, 1", "100, 10000000, 1"})
  void onLargeDataCandidatesTrainForTheRowVisitsOfTenThousandRows(int epochs, int rows,
      int candidate) {
    // 30 % of the epochs, times 10,000 / rows above 10,000 rows, rounded up, at least 1:
    // 30 × 10,000 / 30,933 = 9.7 → 10, 30 × 10,000 / 48,000 = 6.25 → 7
    assertEquals(candidate, AutoSettings.selectionEpochs(epochs, rows));
  }

  @ParameterizedTest(name = "patience {0}: candidates wait {1}")
  @CsvSource({"20, 6", "10, 3", "3, 1", "1, 1", "100, 30", "7, 3"})
  void penaltyCandidatesWaitThirtyPercentOfThePatienceRoundedUp(int patience, int candidate) {
    // the same share as the epochs: 20 × 0.3 = 6, 7 × 0.3 = 2.1 → 3, at least 1
    assertEquals(candidate, AutoSettings.selectionPatience(patience));
  }

  /** By hand: one row per step below 600 rows, two from 600, three from 900, ... */
  @ParameterizedTest(name = "{0} rows so far, full batch {1}: batch {2}")
  @CsvSource({"1, 32, 1", "599, 32, 1", "600, 32, 2", "899, 32, 2", "900, 32, 3",
      "9599, 32, 31", "9600, 32, 32", "1000000000000, 32, 32", "5000, 4, 4", "0, 1, 1"})
  void aStreamsBatchGrowsByOneRowEveryThreeHundredRows(long rows, int full, int batch) {
    assertEquals(batch, AutoSettings.streamMiniBatch(rows, full));
  }

  /**
   * By hand, for a full batch of 4: rows 1-599 one step each, 600-899 in pairs (150 steps),
   * 900-1199 in threes (100), then fours; a partial batch at the end is one step more.
   */
  @ParameterizedTest(name = "{0} rows, full batch {1}: {2} steps")
  @CsvSource({"0, 4, 0", "1, 4, 1", "599, 4, 599", "601, 4, 600", "602, 4, 601",
      "1000, 4, 783", "1199, 4, 849", "1200, 4, 850", "1203, 4, 850", "1204, 4, 851",
      "10001200, 4, 2500850", "50, 1, 50"})
  void aPassOverAGrowingStreamCountsItsSteps(long rows, int full, long steps) {
    assertEquals(steps, AutoSettings.streamSteps(rows, full));
  }
}
