package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The sparse route end to end through the classifier: the same model as the dense route on the
 * same data, and a sparse ARFF through training, prediction, serialization, streaming and
 * aggregation, bit-identical for any number of threads.
 */
class SparseRouteTest {

  private static final String[] QUICK = {"-hidden", "8", "-epochs", "8", "-l2", "0.001",
      "-seed", "3"};

  private static BackpropMLP trained(Instances d, String... extra) throws Exception {
    BackpropMLP m = new BackpropMLP();
    String[] o = new String[QUICK.length + extra.length];
    System.arraycopy(QUICK, 0, o, 0, QUICK.length);
    System.arraycopy(extra, 0, o, QUICK.length, extra.length);
    m.setOptions(o);
    m.buildClassifier(d);
    return m;
  }

  private static boolean sparseRoute(BackpropMLP m) {
    return m.getModelView().automaticSettings().contains("sparse input");
  }

  private static double accuracy(BackpropMLP m, Instances d) throws Exception {
    return weka.classifiers.functions.TestData.percentCorrect(m.distributionsForInstances(d), d);
  }

  @Test
  void sparseAndDenseRoutesTrainTheSameModel() throws Exception {
    Instances sparse = SparseTestData.narrow(300);
    Instances dense = SparseTestData.dense(sparse);
    BackpropMLP s = trained(sparse, "-normalize", "MAXABS", "-threads", "1");
    BackpropMLP d = trained(dense, "-normalize", "MAXABS", "-threads", "1");
    assertTrue(sparseRoute(s));
    assertFalse(sparseRoute(d));
    assertArrayEquals(d.getModelView().parameters(), s.getModelView().parameters(), 1e-12);
    double[][] ps = s.distributionsForInstances(sparse);
    double[][] pd = d.distributionsForInstances(dense);
    for (int i = 0; i < ps.length; i++) {
      assertArrayEquals(pd[i], ps[i], 1e-12);
    }
  }

  /**
   * Numbers beside an identifier: under AUTO the sparse route standardizes them as the dense
   * route does ({@link SparseEncoding#route}) and trains as it does (eager first-layer
   * update, no text settings), so the two routes train the same model, serialized too: rows
   * stored sparse but narrow, or stored dense but wide, three rows in four of weight 0 (which
   * had hidden that the year is mostly non-zero), or a tenth of the identifiers missing.
   */
  @ParameterizedTest(name = "{0} identifier values, rows stored sparse {1}, {2}")
  @CsvSource({"60, true, plain", "1500, false, plain", "1500, false, weightless rows",
      "1500, true, missing identifiers"})
  void numbersBesideAnIdentifierTrainTheDenseRoutesModelOnTheSparseRoute(int values,
      boolean sparseRows, String variant) throws Exception {
    Instances data = identifierVariant(values, sparseRows, variant);
    BackpropMLP s = trained(data, "-threads", "1");
    BackpropMLP d = trained(data, "-threads", "1", "-normalize", "STANDARDIZE");
    assertTrue(sparseRoute(s));
    String settings = s.getModelView().automaticSettings();
    assertTrue(settings.contains("numeric inputs STANDARDIZE"), settings);
    assertFalse(settings.contains("lazy") || settings.contains("text"), settings);
    assertFalse(sparseRoute(d));
    assertArrayEquals(d.getModelView().parameters(), s.getModelView().parameters(), 1e-12);
    BackpropMLP back = TestData.roundTrip(s);
    double[][] pd = d.distributionsForInstances(data);
    for (int i = 0; i < pd.length; i++) {
      assertArrayEquals(pd[i], back.distributionForInstance(data.instance(i)), 1e-12);
    }
  }

  /** {@link SparseTestData#identifier} of 300 rows, as a variant of the tests above names. */
  private static Instances identifierVariant(int values, boolean sparseRows, String variant) {
    Instances data = SparseTestData.identifier(300, values, sparseRows);
    for (int i = 0; i < data.numInstances(); i++) {
      if (variant.equals("weightless rows") && i % 4 != 0) {
        data.instance(i).setWeight(0);
      } else if (variant.equals("missing identifiers") && i % 10 == 0) {
        data.instance(i).setMissing(0);
      } else if (variant.equals("zero first row") && i == 0) {
        data.instance(i).setValue(1, 0);
        data.instance(i).setValue(2, 0);
      }
    }
    return data;
  }

  /**
   * A stream of numbers beside an identifier, longer than its reservoir, takes the sparse route
   * from the header and trains the dense route's stream model: the numbers standardized with
   * running statistics, the pass's growing mini-batch, then epochs over the reservoir; rows
   * stored sparse or a first row of zeros too (the first row had decided against standardizing),
   * and with missing identifiers (each imputed over every one-hot column, whose thousands of
   * non-zeros had overflowed the pass's step buffer).
   */
  @ParameterizedTest(name = "rows stored sparse {0}, {1}")
  @CsvSource({"false, plain", "true, plain", "false, zero first row",
      "false, missing identifiers"})
  void aStreamOfNumbersBesideAnIdentifierTrainsTheDenseRoutesModel(boolean sparseRows,
      String variant) throws Exception {
    Instances data = identifierVariant(1500, sparseRows, variant);
    BackpropMLP[] m = new BackpropMLP[2];
    for (int k = 0; k < 2; k++) {
      m[k] = new BackpropMLP();
      m[k].setOptions(new String[] {"-hidden", "8", "-epochs", "4", "-reservoir", "100",
          "-threads", "1", "-normalize", k == 0 ? "AUTO" : "STANDARDIZE"});
      m[k].buildClassifier(new Instances(data, 0));
      for (Instance inst : data) {
        m[k].updateClassifier(inst);
      }
      m[k].batchFinished();
    }
    String settings = m[0].getModelView().automaticSettings();
    assertTrue(settings.contains("numeric inputs STANDARDIZE"), settings);
    assertFalse(sparseRoute(m[1]));
    assertArrayEquals(m[1].getModelView().parameters(), m[0].getModelView().parameters(), 1e-12);
  }

  @Test
  void aSparseArffRoundTripsThroughTrainingPredictionAndSerialization() throws Exception {
    Instances d = SparseTestData.bow();
    BackpropMLP m = trained(d);
    assertTrue(sparseRoute(m));
    assertTrue(accuracy(m, d) > 80, "training accuracy " + accuracy(m, d));
    double[][] batch = m.distributionsForInstances(d);
    BackpropMLP back = TestData.roundTrip(m);
    for (int i = 0; i < d.numInstances(); i++) {
      Instance inst = d.instance(i);
      assertArrayEquals(batch[i], m.distributionForInstance(inst), 0.0); // the same sums
      assertArrayEquals(batch[i], back.distributionForInstance(inst), 0.0);
    }
  }

  @Test
  void theThreadsDoNotChangeABitOnTheSparseRoute() throws Exception {
    Instances d = SparseTestData.bow();
    double[] one = trained(d, "-threads", "1").getModelView().parameters();
    double[] two = trained(d, "-threads", "2").getModelView().parameters();
    assertArrayEquals(one, two, 0.0);
  }

  @Test
  void aBatchModelUpdatesOnSparseRowsAndPredictsARowWithoutWords() throws Exception {
    Instances d = SparseTestData.bow();
    BackpropMLP m = trained(d);
    double[] before = m.getModelView().parameters();
    for (int i = 0; i < 64; i++) {
      m.updateClassifier(d.instance(i));
    }
    m.batchFinished();
    assertTrue(sparseRoute(m));
    double[] after = m.getModelView().parameters();
    int moved = 0;
    for (int q = 0; q < before.length; q++) {
      moved += before[q] != after[q] ? 1 : 0;
    }
    assertTrue(moved > 0, "two mini-batches of sparse rows moved the weights");
    Instance noWords = new weka.core.SparseInstance(1, new double[d.numAttributes()]);
    noWords.setDataset(d);
    noWords.setValue(d.attribute("length"), 30); // only a numeric value; no word, source = mail
    double[] p = m.distributionForInstance(noWords);
    assertEquals(1, p[0] + p[1] + p[2], 1e-9);
    assertArrayEquals(p, m.distributionsForInstances(single(d, noWords))[0], 1e-12);
  }

  private static Instances single(Instances header, Instance inst) {
    Instances one = new Instances(header, 1);
    one.add(inst);
    return one;
  }

  /** Streams every {@code step}-th row from {@code first} into a model built from the header. */
  private static BackpropMLP streamed(Instances d, int first, int step, String... extra)
      throws Exception {
    BackpropMLP m = new BackpropMLP();
    String[] o = {"-hidden", "8", "-epochs", "5", "-l2", "0.001", "-reservoir", "40", "-seed",
        "3"};
    String[] all = java.util.Arrays.copyOf(o, o.length + extra.length);
    System.arraycopy(extra, 0, all, o.length, extra.length);
    m.setOptions(all);
    m.buildClassifier(new Instances(d, 0));
    for (int i = first; i < d.numInstances(); i += step) {
      m.updateClassifier(d.instance(i));
    }
    m.batchFinished();
    return m;
  }

  @Test
  void streamingKeepsRowsSparseAndAggregationAverages() throws Exception {
    Instances d = SparseTestData.bow();
    BackpropMLP whole = streamed(d, 0, 1);
    assertTrue(sparseRoute(whole), "a wide header whose first row is a SparseInstance");
    assertTrue(accuracy(whole, d) > 50, "streamed accuracy " + accuracy(whole, d));
    BackpropMLP a = streamed(d, 0, 2);
    BackpropMLP b = streamed(d, 1, 2);
    BackpropMLP ab = (BackpropMLP) AbstractClassifier.makeCopy(a);
    ab.aggregate((BackpropMLP) AbstractClassifier.makeCopy(b));
    ab.finalizeAggregation();
    BackpropMLP ba = (BackpropMLP) AbstractClassifier.makeCopy(b);
    ba.aggregate((BackpropMLP) AbstractClassifier.makeCopy(a));
    ba.finalizeAggregation();
    assertTrue(sparseRoute(ab));
    assertArrayEquals(ab.getModelView().parameters(), ba.getModelView().parameters(), 1e-12);
    double[] pa = a.getModelView().parameters();
    double[] pb = b.getModelView().parameters();
    double[] avg = ab.getModelView().parameters();
    // no numeric column besides "length" changes coordinates between partitions by much; the
    // average lies between the two partitions' weights for a word column's weights
    int inside = 0;
    for (int i = 0; i < 8 * 100; i++) {
      double lo = Math.min(pa[i], pb[i]) - 1e-9;
      double hi = Math.max(pa[i], pb[i]) + 1e-9;
      inside += avg[i] >= lo && avg[i] <= hi ? 1 : 0;
    }
    assertTrue(inside > 600, inside + " of 800 first-layer weights between the partitions'");
    assertTrue(accuracy(ab, d) > 40, "averaged accuracy " + accuracy(ab, d));
    for (double[] p : ab.distributionsForInstances(d)) {
      assertEquals(1, p[0] + p[1] + p[2], 1e-9);
    }
  }

  /**
   * Partitions streamed with numbers beside an identifier, standardized on the sparse route,
   * average into the model the dense route's partitions average into.
   */
  @Test
  void aggregatedStreamsOfNumbersBesideAnIdentifierAreTheDenseRoutesAverage() throws Exception {
    Instances d = SparseTestData.identifier(300, 1500, false);
    double[][] avg = new double[2][];
    for (int k = 0; k < 2; k++) {
      String norm = k == 0 ? "AUTO" : "STANDARDIZE";
      BackpropMLP a = streamed(d, 0, 2, "-normalize", norm, "-threads", "1");
      a.aggregate(streamed(d, 1, 2, "-normalize", norm, "-threads", "1"));
      a.finalizeAggregation();
      assertEquals(k == 0, sparseRoute(a));
      avg[k] = a.getModelView().parameters();
    }
    assertArrayEquals(avg[1], avg[0], 1e-12);
  }
}
