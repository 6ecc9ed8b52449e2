package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Instance weights of any finite size: equal weights as small as subnormal 1e-310 or as large
 * as 1e308 train the model unweighted rows train (to 1e-12), with the default penalty list, a
 * fixed penalty and balanced class weights, in a batch build and on the streaming route
 * (updateClassifier, then batchFinished, with and without a reservoir); one row of 1e300 among
 * rows of 1 builds a model with finite class probabilities. Before, Σw² or Σw left the range of
 * a double: the penalty choice found no candidate (index −1), {@code n / Σw} overflowed into a
 * divergence, or the weights became 0 and nothing was learnt; the stream's steps took the raw
 * weights, whose squared gradients overflowed.
 */
class BackpropMLPExtremeWeightsTest {

  /** 20 rows, one input 0..19, class x below 10 and y from 10; {@code weight} per row. */
  private static Instances data(double weight, boolean oneRow) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("a"));
    atts.add(new Attribute("c", new ArrayList<>(List.of("x", "y"))));
    Instances d = new Instances("weights", atts, 20);
    d.setClassIndex(1);
    for (int i = 0; i < 20; i++) {
      Instance row = new DenseInstance(1, new double[] {i, i < 10 ? 0 : 1});
      row.setWeight(oneRow ? (i == 3 ? weight : 1) : weight);
      d.add(row);
    }
    return d;
  }

  private static BackpropMLP learner(String options) throws Exception {
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(Utils.splitOptions(options + " -hidden 4 -epochs 30"));
    return mlp;
  }

  private static double[][] batch(String options, Instances d) throws Exception {
    BackpropMLP mlp = learner(options);
    mlp.buildClassifier(d);
    return mlp.distributionsForInstances(d);
  }

  private static double[][] stream(String options, Instances d) throws Exception {
    BackpropMLP mlp = learner(options);
    mlp.buildClassifier(new Instances(d, 0));
    for (Instance row : d) {
      mlp.updateClassifier(row);
    }
    mlp.batchFinished();
    return mlp.distributionsForInstances(d);
  }

  private static void assertSame(double[][] expected, double[][] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 1e-12, "row " + i);
    }
  }

  private static void assertProbabilities(double[][] p) {
    for (double[] row : p) {
      assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]),
          java.util.Arrays.toString(row));
      assertEquals(1, row[0] + row[1], 1e-9);
    }
  }

  @ParameterizedTest(name = "weight {0}, one row only {1}, options ''{2}''")
  @CsvSource(delimiter = '|', value = {
    "1e-310 | false | ''", "1e-170 | false | ''", "1e160 | false | ''", "1e300 | true | ''",
    "1e308 | false | ''",
    "1e-310 | false | -l2 0.01", "1e-170 | false | -l2 0.01", "1e160 | false | -l2 0.01",
    "1e300 | true | -l2 0.01", "1e308 | false | -l2 0.01",
    "1e-310 | false | -class-weights BALANCED", "1e308 | false | -class-weights BALANCED",
    "1e300 | true | -class-weights BALANCED",
  })
  void weightsOfAnyFiniteSizeTrainInABatchBuild(double weight, boolean oneRow, String options)
      throws Exception {
    double[][] batch = batch(options, data(weight, oneRow));
    if (oneRow) {
      assertProbabilities(batch);
      return;
    }
    assertSame(batch(options, data(1, false)), batch);
    assertTrue(batch[0][0] > 0.5 && batch[19][1] > 0.5, "the model learnt the classes");
  }

  @ParameterizedTest(name = "weight {0}, one row only {1}, options ''{2}''")
  @CsvSource(delimiter = '|', value = {
    "1e-310 | false | ''", "1e-170 | false | ''", "1e160 | false | ''", "1e300 | true | ''",
    "1e308 | false | ''", "1e160 | false | -l2 0.01", "1e308 | false | -class-weights BALANCED",
    "1e-310 | false | -reservoir 0", "1e-170 | false | -reservoir 0",
    "1e160 | false | -reservoir 0", "1e300 | true | -reservoir 0",
    "1e308 | false | -reservoir 0",
  })
  void weightsOfAnyFiniteSizeTrainOnTheStreamingRoute(double weight, boolean oneRow,
      String options) throws Exception {
    // the row-by-row steps took raw weights: their squared gradients overflowed from 1e160
    double[][] stream = stream(options, data(weight, oneRow));
    if (oneRow) {
      assertProbabilities(stream);
      return;
    }
    assertSame(stream(options, data(1, false)), stream);
  }
}
