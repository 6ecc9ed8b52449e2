package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
   * standardized there as on the dense route ({@link SparseEncoding#route}); divided by
   * its largest magnitude, a year in 2000-2020 had lost what it said (a 3-fold CV at chance, 49 %
   * against 99.6 %), which had kept such data on the dense route. A stream decides the same from
   * its first rows (streamed from the command line, such data had trained on the dense route 130
   * times slower than the batch build). Under MAXABS, which scales both routes alike, nothing is
   * centred.
   */
  @ParameterizedTest(name = "numeric input {0}")
  @CsvSource({"mostly zero", "a year", "none"})
  void aNominalAttributeOfManyValuesIsCountedByItsColumns(String numeric) throws Exception {
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
    InstanceEncoder auto = SparseEncoding.fit(data, Normalization.AUTO);
    assertTrue(auto.isSparse());
    assertEquals(numeric.equals("a year"), auto.centresNumbers(),
        "a mostly non-zero number standardized");
    InstanceEncoder maxAbs = SparseEncoding.fit(data, Normalization.MAXABS);
    assertTrue(maxAbs.isSparse() && !maxAbs.centresNumbers(), "scaled alike");
    InstanceEncoder stream = SparseTestData.streamed(data, Normalization.AUTO);
    assertTrue(stream.isSparse(), "the stream's route");
    assertEquals(numeric.equals("a year"), stream.centresNumbers(),
        "the stream's first rows tell a mostly-zero number");
    assertFalse(SparseTestData.streamed(data, Normalization.STANDARDIZE).isSparse());
    InstanceEncoder streamMaxAbs = SparseTestData.streamed(data, Normalization.MAXABS);
    assertTrue(streamMaxAbs.isSparse() && !streamMaxAbs.centresNumbers());
    data.deleteAttributeAt(0);
    assertFalse(SparseEncoding.fit(data, Normalization.AUTO).isSparse(), "no nominal");
  }

  /**
   * A bag of words beside an identifier of more values than its inputs: the batch build finds
   * every word mostly zero and keeps MAXABS, and a stream, from its first rows, stored sparse or
   * not, does the same instead of standardizing every word (which had filled every row of the
   * stream with every word).
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
    for (Instances rows : new Instances[] {bow, SparseTestData.dense(bow)}) {
      InstanceEncoder stream = SparseTestData.streamed(rows, Normalization.AUTO);
      assertTrue(stream.isSparse() && !stream.centresNumbers(),
          rows.instance(0).getClass().getSimpleName());
    }
  }

  /**
   * A stream decides from its first rows ({@link StreamingSession#ROUTE_ROWS}) what a batch build
   * decides from all of them: the route and whether numbers are standardized. The shapes are those
   * an audit found apart while a stream decided from its first row alone: a bag of words under
   * 1,000 words beside an identifier standardized word by word; numbers all non-zero but stored as
   * {@code SparseInstance}s, or all 0 in the first row, divided by their largest value (a model
   * at chance past the reservoir); an identifier beside mostly-zero numbers standardized; and
   * shapes that agreed.
   *
   * @param words word counts (about 2 % non-zero)
   * @param ids values of a nominal identifier (0: none)
   * @param years numbers all non-zero (2000-2020)
   * @param rare numbers non-zero in about one row in ten
   * @param sparse whether rows are stored as {@code SparseInstance}s
   * @param firstZero whether the first row's numbers are all 0
   */
  @ParameterizedTest(name = "{0} words, {1} ids, {2} years, {3} rare, sparse {4}, first 0 {5}")
  @CsvSource({"400, 2000, 0, 0, true, false", "400, 2000, 0, 0, false, false",
      "0, 0, 1100, 0, true, false", "0, 10000, 1000, 0, true, false",
      "0, 1000, 400, 0, true, false", "0, 1000, 400, 0, false, true",
      "0, 3000, 0, 3, false, false", "0, 3000, 3, 0, false, true",
      "1500, 0, 0, 0, true, false", "1500, 0, 0, 0, false, true", "1500, 6000, 0, 0, true, false",
      "0, 3000, 3, 0, false, false", "0, 3000, 3, 0, true, false", "0, 20, 0, 0, false, false"})
  void aStreamDecidesAsTheBatchBuild(int words, int ids, int years, int rare, boolean sparse,
      boolean firstZero) throws Exception {
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    java.util.List<String> values = new java.util.ArrayList<>();
    for (int v = 0; v < ids; v++) {
      values.add("id" + v);
    }
    if (ids > 0) {
      atts.add(new weka.core.Attribute("id", values));
    }
    for (int a = 0; a < words + years + rare; a++) {
      atts.add(new weka.core.Attribute("x" + a));
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
      for (int a = 0; a < rare; a++) {
        v[k++] = r.nextDouble() < 0.1 ? 1 + r.nextInt(5) : 0;
      }
      for (int a = ids > 0 ? 1 : 0; a < k && i == 0 && firstZero; a++) {
        v[a] = 0;
      }
      v[k] = r.nextInt(2);
      data.add(sparse ? new weka.core.SparseInstance(1, v) : new weka.core.DenseInstance(1, v));
    }
    InstanceEncoder batch = SparseEncoding.fit(data, Normalization.AUTO);
    InstanceEncoder stream = SparseTestData.streamed(data, Normalization.AUTO);
    assertEquals(batch.isSparse(), stream.isSparse(), "the route");
    assertEquals(batch.centresNumbers(), stream.centresNumbers(), "numbers standardized");
  }

  /**
   * A stream of a wide header takes the route of its first rows, stored sparse or not (a bag of
   * words saved without the sparse syntax had streamed dense, 4.5 minutes instead of 10 s on
   * 12,000 rows); a dense first row among them no longer decides alone; STANDARDIZE and a narrow
   * header stream dense.
   */
  @Test
  void aStreamTakesTheSparseRouteOfItsFirstRows() throws Exception {
    Instances bow = SparseTestData.bow();
    Instances dense = SparseTestData.dense(bow);
    assertTrue(SparseTestData.streamed(bow, Normalization.AUTO).isSparse());
    assertTrue(SparseTestData.streamed(dense, Normalization.AUTO).isSparse());
    assertFalse(SparseTestData.streamed(dense, Normalization.STANDARDIZE).isSparse());
    for (int a = 0; a < dense.numAttributes(); a++) {
      dense.instance(0).setValue(a, a == dense.classIndex() ? 0 : 1);
    }
    assertTrue(SparseTestData.streamed(dense, Normalization.AUTO).isSparse(), "dense first row");
    Instances narrow = SparseTestData.narrow(300);
    assertFalse(SparseTestData.streamed(SparseTestData.dense(narrow), Normalization.AUTO)
        .isSparse(), "narrow header");
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
