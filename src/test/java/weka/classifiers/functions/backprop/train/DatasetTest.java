package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Dataset}'s contract: the number of rows is the number of weights; the feature matrix
 * must hold {@code rows × features} values and the target matrix {@code rows × targets}, and
 * labels (when given) one per row, otherwise construction fails with a message giving the
 * counts; the arrays are wrapped, not copied; labels are null for regression. The size check is
 * done in {@code long}, so a product that overflows {@code int} is not mistaken for a match.
 */
class DatasetTest {

  @Test
  void classificationDataKeepsItsShapesAndArrays() {
    // 3 rows × 2 features, one-hot targets over 2 classes
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {1, 0, 0, 1, 1, 0};
    double[] w = {1, 0.5, 2};
    int[] labels = {0, 1, 0};
    Dataset d = new Dataset(x, 2, y, 2, w, labels);
    assertEquals(3, d.rows());
    assertEquals(2, d.features());
    assertEquals(2, d.targets());
    assertSame(x, d.x());
    assertSame(y, d.y());
    assertSame(w, d.weights());
    assertSame(labels, d.labels());
  }

  @Test
  void regressionDataHasNoLabels() {
    // 4 rows × 3 features, one standardized target
    Dataset d = new Dataset(new double[12], 3, new double[] {0.1, -0.2, 1.5, 0}, 1,
        new double[] {1, 1, 1, 1}, null);
    assertEquals(4, d.rows());
    assertEquals(3, d.features());
    assertEquals(1, d.targets());
    assertNull(d.labels());
  }

  @Test
  void anEmptyDatasetIsAllowedHere() {
    // refusing to train on nothing is the Trainer's job
    Dataset d = new Dataset(new double[0], 4, new double[0], 2, new double[0], new int[0]);
    assertEquals(0, d.rows());
    assertEquals(4, d.features());
    assertEquals(2, d.targets());
  }

  @ParameterizedTest(name = "{0} weights, {1} feature values for {2}, {3} target values for {4}")
  @CsvSource({
    "3, 5, 2, 3, 1",   // one feature value missing
    "3, 7, 2, 3, 1",   // one too many
    "3, 6, 2, 2, 1",   // one target value missing
    "3, 6, 2, 6, 1",   // targets of 2 columns declared as 1
    "2, 6, 2, 3, 1",   // one weight missing
    "4, 6, 2, 3, 1",   // one weight too many
    "0, 1, 1, 0, 1",   // no rows but a feature value
  })
  void refusesInconsistentLengthsGivingTheCounts(int rows, int xLength, int features,
      int yLength, int targets) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[xLength], features, new double[yLength], targets,
            new double[rows], null));
    assertEquals("inconsistent dataset: " + rows + " rows, " + xLength + " feature values for "
        + features + " features, " + yLength + " target values for " + targets,
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} labels for 3 rows")
  @CsvSource({"2", "4", "0"})
  void refusesLabelsThatAreNotOnePerRow(int labels) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[6], 2, new double[6], 2, new double[3], new int[labels]));
    assertEquals("need one label per row", e.getMessage());
  }

  @Test
  void theSizeCheckDoesNotOverflow() {
    // 65536 rows × 65536 features = 2^32, which is 0 as an int: an empty matrix must not pass
    int rows = 1 << 16;
    assertEquals(0, rows * rows, "the int product overflows to 0");
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[0], rows, new double[rows], 1, new double[rows], null));
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(new double[rows], 1, new double[0], rows, new double[rows], null));
  }
}
