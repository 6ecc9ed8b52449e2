package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.Instance;
import weka.core.Instances;

/** The route rule, and the routes real data take. */
class SparseEncodingTest {

  @ParameterizedTest(name = "{0}, {1} columns, {3}/{2} sparse rows, density {4} -> {5}")
  @CsvSource({
    "AUTO, 1000, 100, 0, 0.25, true",
    "AUTO, 999, 100, 0, 0.01, false",
    "AUTO, 999, 100, 51, 0.01, true",
    "AUTO, 999, 100, 50, 0.01, false",
    "AUTO, 50000, 100, 100, 0.26, false",
    "MAXABS, 5000, 100, 100, 0.01, true",
    "NONE, 5000, 100, 100, 0.01, true",
    "STANDARDIZE, 5000, 100, 100, 0.01, false",
    "MINMAX, 5000, 100, 100, 0.01, false",
  })
  void theRule(Normalization n, int columns, int rows, int sparseRows, double density,
      boolean sparse) {
    assertEquals(sparse, SparseEncoding.chooses(n, columns, rows, sparseRows, density));
  }

  @ParameterizedTest(name = "sparse {0}, {1} columns, numbers centred {2} -> lazy {3}")
  @CsvSource({"true, 1000, false, true", "true, 999, false, false", "false, 50000, false, false",
      "true, 50000, true, false"})
  void theLazyUpdateRule(boolean sparse, int columns, boolean centred, boolean lazy) {
    assertEquals(lazy, SparseEncoding.lazyUpdate(sparse, columns, centred));
  }

  @Test
  void routesOfRealData() throws Exception {
    Instances bow = SparseTestData.bow();
    assertTrue(SparseEncoding.fit(bow, Normalization.AUTO).isSparse());
    assertFalse(SparseEncoding.fit(bow, Normalization.AUTO).centresNumbers(), "MAXABS");
    assertTrue(SparseEncoding.fit(SparseTestData.dense(bow), Normalization.AUTO).isSparse(),
        "wide dense-stored rows");
    assertFalse(SparseEncoding.fit(bow, Normalization.STANDARDIZE).isSparse());
    Instances narrow = SparseTestData.narrow(300);
    assertTrue(SparseEncoding.fit(narrow, Normalization.AUTO).isSparse(), "sparse rows");
    assertFalse(SparseEncoding.fit(SparseTestData.dense(narrow), Normalization.AUTO).isSparse(),
        "narrow dense rows");
    assertFalse(SparseEncoding.fit(weka.classifiers.functions.TestData.load("iris"),
        Normalization.AUTO).isSparse());
  }

  /**
   * A nominal attribute of many values is counted by its encoded columns, and so takes the
   * sparse route, as after NominalToBinary (its density had been counted per attribute, and
   * 3,000 rows with a 20,000-valued attribute had trained on the dense route in 198 s instead of
   * under 1 s), a numeric input beside it included: under AUTO a mostly non-zero one is
   * standardized there as on the dense route ({@link SparseEncoding#centresNumbers}); divided by
   * its largest magnitude, a year in 2000-2020 had lost what it said (a 3-fold CV at chance, 49 %
   * against 99.6 %), which had kept such data on the dense route. A stream decides by the header
   * (streamed from the command line, such data had trained on the dense route 130 times slower
   * than the batch build), and standardizes every number, since one row cannot tell a mostly
   * zero one. Under MAXABS, which scales both routes alike, nothing is centred.
   */
  @ParameterizedTest(name = "numeric input {0}")
  @CsvSource({"mostly zero", "a year", "none"})
  void aNominalAttributeOfManyValuesIsCountedByItsColumns(String numeric) {
    java.util.ArrayList<String> values = new java.util.ArrayList<>();
    for (int v = 0; v < 1500; v++) {
      values.add("z" + v);
    }
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    atts.add(new weka.core.Attribute("zip", values));
    atts.add(new weka.core.Attribute("x"));
    atts.add(new weka.core.Attribute("class", java.util.Arrays.asList("a", "b")));
    Instances data = new Instances("zip", atts, 300);
    data.setClassIndex(2);
    for (int i = 0; i < 300; i++) {
      double x = numeric.equals("a year") ? 2000 + i % 21 : i % 5 == 0 ? 1 : 0;
      data.add(new weka.core.DenseInstance(1, new double[] {(i * 7) % 1500, x, i % 2}));
    }
    if (numeric.equals("none")) {
      data.deleteAttributeAt(1);
    }
    boolean numbers = !numeric.equals("none");
    Instances header = new Instances(data, 0);
    InstanceEncoder auto = SparseEncoding.fit(data, Normalization.AUTO);
    assertTrue(auto.isSparse());
    assertEquals(numeric.equals("a year"), auto.centresNumbers(),
        "a mostly non-zero number standardized");
    InstanceEncoder maxAbs = SparseEncoding.fit(data, Normalization.MAXABS);
    assertTrue(maxAbs.isSparse() && !maxAbs.centresNumbers(), "scaled alike");
    assertTrue(SparseEncoding.forStream(Normalization.AUTO, header, data.instance(1)),
        "a stream whose first row sets zip 7");
    assertEquals(numbers,
        SparseEncoding.centresNumbers(Normalization.AUTO, header, data.instance(0)),
        "a stream cannot tell a mostly-zero number");
    assertFalse(SparseEncoding.forStream(Normalization.STANDARDIZE, header, data.instance(1)));
    assertTrue(SparseEncoding.forStream(Normalization.MAXABS, header, data.instance(1)));
    assertFalse(SparseEncoding.centresNumbers(Normalization.MAXABS, header, data.instance(0)));
    data.deleteAttributeAt(0);
    assertFalse(SparseEncoding.fit(data, Normalization.AUTO).isSparse(), "no nominal");
  }

  /**
   * A bag of words beside an identifier of more values than its inputs (so that the header alone
   * would put a stream on the sparse route with its numbers standardized): the batch build finds
   * every word mostly zero and keeps MAXABS, and a stream, whose first row shows 1,200 numbers
   * stored sparse or mostly zero, does the same instead of filling every row with every word. The
   * same header with a first row of non-zero numbers is standardized, as the dense route would.
   */
  @Test
  void wordsBesideAnIdentifierAreNotCentredInABatchOrAStream() throws Exception {
    Instances bow = SparseTestData.bow();
    java.util.List<String> users = new java.util.ArrayList<>();
    for (int v = 0; v < 4000; v++) {
      users.add("u" + v);
    }
    bow.insertAttributeAt(new weka.core.Attribute("user", users), 0);
    for (int i = 0; i < bow.numInstances(); i++) {
      bow.instance(i).setValue(0, (i * 7919) % 4000);
    }
    Instances header = new Instances(bow, 0);
    assertTrue(SparseEncoding.encodedColumns(header) >= 4 * (bow.numAttributes() - 1));
    InstanceEncoder batch = SparseEncoding.fit(bow, Normalization.AUTO);
    assertTrue(batch.isSparse() && !batch.centresNumbers(), "the batch build: text");
    Instance stored = bow.instance(0);
    Instance dense = SparseTestData.dense(bow).instance(0);
    for (Instance first : new Instance[] {stored, dense}) {
      assertTrue(SparseEncoding.forStream(Normalization.AUTO, header, first));
      assertFalse(SparseEncoding.centresNumbers(Normalization.AUTO, header, first),
          first.getClass().getSimpleName());
    }
    Instance full = dense.copy(dense.toDoubleArray());
    for (int a = 1; a < full.numAttributes(); a++) {
      full.setValue(a, a == full.classIndex() ? 0 : 1);
    }
    assertTrue(SparseEncoding.centresNumbers(Normalization.AUTO, header, full), "dense numbers");
  }

  /**
   * A stream decides from its header and first row what a batch build decides from all the rows:
   * the route and whether numbers are standardized, on shapes an audit found apart (the first
   * five: a bag of words under 1,000 words beside an identifier standardized word by word in the
   * stream; numbers all non-zero but stored as {@code SparseInstance}s divided by their largest
   * value in the stream, a model at chance), and on those that agreed.
   *
   * @param words word counts (about 2 % non-zero)
   * @param ids values of a nominal identifier (0: none)
   * @param years numbers all non-zero (2000-2020)
   * @param sparse whether rows are stored as {@code SparseInstance}s
   */
  @ParameterizedTest(name = "{0} words, {1} ids, {2} years, sparse {3}")
  @CsvSource({"400, 2000, 0, true", "400, 2000, 0, false", "0, 0, 1100, true",
      "0, 10000, 1000, true", "0, 1000, 400, true", "1500, 0, 0, true", "1500, 6000, 0, true",
      "0, 3000, 3, false", "0, 3000, 3, true", "0, 20, 0, false"})
  void aStreamDecidesAsTheBatchBuild(int words, int ids, int years, boolean sparse) {
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    java.util.List<String> values = new java.util.ArrayList<>();
    for (int v = 0; v < ids; v++) {
      values.add("id" + v);
    }
    if (ids > 0) {
      atts.add(new weka.core.Attribute("id", values));
    }
    for (int a = 0; a < words; a++) {
      atts.add(new weka.core.Attribute("w" + a));
    }
    for (int a = 0; a < years; a++) {
      atts.add(new weka.core.Attribute("year" + a));
    }
    atts.add(new weka.core.Attribute("class", java.util.Arrays.asList("a", "b")));
    Instances data = new Instances("shape", atts, 200);
    data.setClassIndex(atts.size() - 1);
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      double[] v = new double[atts.size()];
      int k = 0;
      if (ids > 0) {
        v[k++] = r.nextInt(ids);
      }
      for (int a = 0; a < words; a++) {
        v[k++] = r.nextDouble() < 0.02 ? 1 + r.nextInt(3) : 0;
      }
      for (int a = 0; a < years; a++) {
        v[k++] = 2000 + r.nextInt(21);
      }
      v[k] = r.nextInt(2);
      data.add(sparse ? new weka.core.SparseInstance(1, v) : new weka.core.DenseInstance(1, v));
    }
    InstanceEncoder batch = SparseEncoding.fit(data, Normalization.AUTO);
    Instances header = new Instances(data, 0);
    Instance first = data.instance(0);
    boolean streamSparse = SparseEncoding.forStream(Normalization.AUTO, header, first);
    assertEquals(batch.isSparse(), streamSparse, "the route");
    assertEquals(batch.centresNumbers(),
        streamSparse && SparseEncoding.centresNumbers(Normalization.AUTO, header, first),
        "numbers standardized");
  }

  /**
   * A stream takes the sparse route from its first row as a batch build does from the whole set:
   * a wide header whose first row is sparse, stored sparse or not (a bag of words saved without
   * the sparse syntax had streamed dense, 4.5 minutes instead of 10 s on 12,000 rows).
   */
  @Test
  void aStreamTakesTheSparseRouteForAMostlyZeroFirstRowOfAWideHeader() throws Exception {
    Instances bow = SparseTestData.bow();
    Instances dense = SparseTestData.dense(bow);
    Instances header = new Instances(bow, 0);
    assertTrue(SparseEncoding.forStream(Normalization.AUTO, header, bow.instance(0)));
    assertTrue(SparseEncoding.forStream(Normalization.AUTO, header, dense.instance(0)));
    assertFalse(SparseEncoding.forStream(Normalization.STANDARDIZE, header, dense.instance(0)));
    weka.core.Instance full = dense.instance(0).copy(new double[dense.numAttributes()]);
    for (int a = 0; a < full.numAttributes(); a++) {
      full.setValue(a, a == dense.classIndex() ? 0 : 1);
    }
    assertFalse(SparseEncoding.forStream(Normalization.AUTO, header, full), "dense first row");
    Instances narrow = SparseTestData.narrow(300);
    assertFalse(SparseEncoding.forStream(Normalization.AUTO, new Instances(narrow, 0),
        SparseTestData.dense(narrow).instance(0)), "narrow header");
  }

  @Test
  void autoOnTheDenseRouteIsStandardizeToTheBit() throws Exception {
    Instances d = weka.classifiers.functions.TestData.load("credit-g");
    InstanceEncoder auto = SparseEncoding.fit(d, Normalization.AUTO);
    InstanceEncoder std = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    double[] a = auto.encodeAll(d);
    double[] s = std.encodeAll(d);
    assertEquals(s.length, a.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(a[i]));
    }
  }
}
