package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.core.Instance;
import weka.core.Instances;
import org.junit.jupiter.api.Test;

/**
 * The sparse encoding of a row is the dense encoding with its zeros left out, for sparse and
 * dense instances alike, one-hot and missing values included.
 */
class SparseRowEncoderTest {

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void equalsTheDenseEncodingWithoutItsZeros(boolean sparseRows) throws Exception {
    Instances d = SparseTestData.bow();
    if (!sparseRows) {
      d = SparseTestData.dense(d);
    }
    InstanceEncoder enc = SparseEncoding.fit(d, Normalization.AUTO);
    assertTrue(enc.isSparse(), "1,200 columns at about 2.5 % density take the sparse route");
    SparseRows all = enc.sparseRows().encodeAll(d, 0, d.numInstances());
    assertEquals(d.numInstances(), all.rows());
    double[] dense = new double[enc.width()];
    double[] fromSparse = new double[enc.width()];
    boolean sawIndicator = false;
    for (int i = 0; i < d.numInstances(); i++) {
      enc.encode(d.instance(i), dense, 0);
      all.copyRowDense(i, fromSparse, 0);
      for (int c = 0; c < dense.length; c++) {
        assertEquals(dense[c], fromSparse[c], 0.0, "row " + i + " column " + c);
      }
      SparseRows one = encodeRow(enc, d.instance(i));
      assertEquals(all.rowLength(i), one.nonZeros());
      sawIndicator |= Double.isNaN(d.instance(i).value(d.attribute("length")));
    }
    assertTrue(sawIndicator, "the set has missing values");
  }

  /**
   * Under AUTO, numeric inputs beside an identifier are standardized on the sparse route as on
   * the dense route ({@link SparseEncoding#route}): the batch and the stream encoders
   * give every row the dense STANDARDIZE encoding, zeros left out.
   */
  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void numbersBesideAnIdentifierAreTheDenseRoutesStandardizedValues(boolean stream)
      throws Exception {
    Instances d = SparseTestData.identifier(400, 1500, false);
    InstanceEncoder sparse;
    InstanceEncoder dense;
    if (stream) {
      sparse = InstanceEncoder.forStream(new Instances(d, 0), Normalization.AUTO);
      assertTrue(SparseTestData.streamed(d, Normalization.AUTO).centresNumbers());
      sparse.useSparseRoute(true);
      dense = InstanceEncoder.forStream(new Instances(d, 0), Normalization.STANDARDIZE);
    } else {
      sparse = SparseEncoding.fit(d, Normalization.AUTO);
      dense = InstanceEncoder.fit(d, Normalization.STANDARDIZE);
    }
    assertTrue(sparse.isSparse() && sparse.centresNumbers());
    assertEquals(dense.width(), sparse.width());
    double[] expected = new double[dense.width()];
    double[] got = new double[dense.width()];
    dense.encode(d.instance(1), expected, 0); // a stream's numbers before any value: missing
    encodeRow(sparse, d.instance(1)).copyRowDense(0, got, 0);
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(got));
    for (Instance inst : d) {
      sparse.observe(inst);
      dense.observe(inst);
      dense.encode(inst, expected, 0);
      encodeRow(sparse, inst).copyRowDense(0, got, 0);
      for (int c = 0; c < got.length; c++) {
        assertEquals(expected[c], got[c], 1e-12, "column " + c + " of " + inst);
      }
    }
  }

  @Test
  void absentOneHotValueZeroStillSetsItsColumn() throws Exception {
    Instances d = SparseTestData.bow();
    InstanceEncoder enc = SparseEncoding.fit(d, Normalization.AUTO);
    int source = d.attribute("source").index();
    int slot = enc.slotOfAttribute()[source];
    for (Instance inst : d) {
      if (inst.value(source) == 0) { // "mail": left out of the sparse row
        SparseRows r = encodeRow(enc, inst);
        boolean found = false;
        for (int k = 0; k < r.nonZeros(); k++) {
          found |= r.columnIndices()[k] == enc.columnOf(slot) && r.values()[k] == 1;
        }
        assertTrue(found);
        return;
      }
    }
    throw new AssertionError("no row with source = mail");
  }

  /**
   * A word that no training document holds, one that every document holds equally often and a
   * nominal value that no training row holds taught the network nothing: on the sparse route,
   * as densely, the first word's count encodes as 0 (its column is left out), the second's as
   * its training count did, and the value as the attribute's imputed frequencies, like a missing
   * value of an attribute without an indicator.
   */
  @Test
  void valuesNeverHeldInTrainingEncodeAsTheirSlotsImputedValues() throws Exception {
    Instances d = SparseTestData.bow();
    int word = 0;
    int source = d.attribute("source").index();
    for (Instance inst : d) {
      inst.setValue(word, 0);
      inst.setValue(word + 1, 3); // a word every document holds 3 times
      if (inst.value(source) == 2) {
        inst.setValue(source, 1);
      }
    }
    InstanceEncoder enc = SparseEncoding.fit(d, Normalization.AUTO);
    assertTrue(enc.isSparse());
    assertTrue(enc.indicatorOf(enc.slotOfAttribute()[source]) < 0, "source is never missing");
    for (int i = 0; i < 20; i++) {
      Instance unknown = (Instance) d.instance(i).copy();
      unknown.setValue(word, 7);
      unknown.setValue(word + 1, 5);
      unknown.setValue(source, 2);
      Instance imputed = (Instance) d.instance(i).copy();
      imputed.setMissing(source);
      double[] expected = new double[enc.width()];
      double[] dense = new double[enc.width()];
      double[] fromSparse = new double[enc.width()];
      enc.encode(imputed, expected, 0);
      enc.encode(unknown, dense, 0);
      encodeRow(enc, unknown).copyRowDense(0, fromSparse, 0);
      for (int c = 0; c < expected.length; c++) {
        assertEquals(expected[c], dense[c], 0.0, "row " + i + " column " + c);
        assertEquals(expected[c], fromSparse[c], 0.0, "row " + i + " column " + c);
      }
    }
  }

  @Test
  void aDenseRouteEncoderIsRefused() throws Exception {
    InstanceEncoder enc = InstanceEncoder.fit(SparseTestData.bow(), Normalization.STANDARDIZE);
    assertFalse(enc.isSparse());
    assertThrows(IllegalArgumentException.class, () -> new SparseRowEncoder(enc));
  }

  /** One instance as a one-row matrix, through {@link SparseRowEncoder#encode}. */
  private static SparseRows encodeRow(InstanceEncoder enc, Instance inst) {
    SparseRowEncoder rows = enc.sparseRows();
    int cap = rows.maxNonZeros(inst);
    int[] cols = new int[cap];
    double[] vals = new double[cap];
    int nnz = rows.encode(inst, cols, vals, 0);
    return SparseRows.wrap(enc.width(), 1, new int[] {0, nnz}, cols, vals);
  }

  /**
   * A whole set is encoded into arrays sized once from the estimate the memory check counts:
   * grown by half as rows came, they had allocated about three times the encoded bytes and held
   * 2.5 times at the peak, and builds the check had passed ran out of memory (6 million
   * non-zeros at -Xmx230m to 270m). Counted by the JVM for this thread, after a warm-up.
   */
  @Test
  void aWholeSetAllocatesAboutItsEncodedBytesOnce() throws Exception {
    Instances d = SparseTestData.bow();
    InstanceEncoder enc = SparseEncoding.fit(d, Normalization.AUTO);
    SparseRowEncoder rows = enc.sparseRows();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long allocated = 0;
    SparseRows all = null;
    for (int round = 0; round < 3; round++) { // the last round counts
      long before = mx.getThreadAllocatedBytes(tid);
      all = rows.encodeAll(d, 0, d.numInstances());
      allocated = mx.getThreadAllocatedBytes(tid) - before;
    }
    long estimated = rows.estimateNonZeros(d) * SparseMemoryCheck.BYTES_PER_NON_ZERO;
    long encoded = (long) all.nonZeros() * SparseMemoryCheck.BYTES_PER_NON_ZERO;
    // the estimate, the row starts and a row's scratch (323,000 bytes before, for 68,712)
    assertTrue(allocated < estimated + encoded / 4,
        allocated + " bytes allocated for " + encoded + " encoded, " + estimated + " estimated");
  }

  /**
   * Rows with more non-zeros than they store (a missing three-valued "source" imputes its three
   * one-hot columns and sets its indicator: four from one stored value, in every other row) outgrow
   * the estimate the arrays are sized from; they grow, and every row is still the dense encoding
   * without its zeros.
   */
  @Test
  void rowsBeyondTheEstimateGrowTheArrays() throws Exception {
    Instances d = SparseTestData.bow();
    int source = d.attribute("source").index();
    for (int i = 0; i < d.numInstances(); i += 2) {
      d.instance(i).setMissing(source);
    }
    InstanceEncoder enc = SparseEncoding.fit(d, Normalization.AUTO);
    SparseRows all = enc.sparseRows().encodeAll(d, 0, d.numInstances());
    assertTrue(all.nonZeros() > enc.sparseRows().estimateNonZeros(d),
        all.nonZeros() + " vs " + enc.sparseRows().estimateNonZeros(d));
    double[] dense = new double[enc.width()];
    double[] fromSparse = new double[enc.width()];
    for (int i = 0; i < d.numInstances(); i++) {
      enc.encode(d.instance(i), dense, 0);
      all.copyRowDense(i, fromSparse, 0);
      org.junit.jupiter.api.Assertions.assertArrayEquals(dense, fromSparse, 0.0, "row " + i);
    }
  }
}
