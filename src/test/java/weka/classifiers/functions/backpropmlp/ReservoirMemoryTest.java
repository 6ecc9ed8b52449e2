package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * The reservoir keeps the mostly-zero dense rows of a wide header sparse, which changes no
 * model, and refuses, with the figures, a reservoir about to outgrow the heap.
 */
class ReservoirMemoryTest {

  /** {@code rows} dense rows of {@code columns} numeric attributes, 2 % non-zero, two classes. */
  static Instances wideDense(int rows, int columns) {
    Instances d = TestData.numericTwoClass("wide", "w", columns, rows);
    Random r = new Random(3);
    for (int i = 0; i < rows; i++) {
      double[] v = new double[columns + 1];
      int label = i % 2;
      for (int k = 0; k < columns / 50; k++) {
        v[r.nextInt(columns / 2) + label * (columns / 2)] = 1 + r.nextInt(3);
      }
      v[columns] = label;
      d.add(new DenseInstance(1 + (i % 3), v));
    }
    return d;
  }

  @Test
  void mostlyZeroRowsOfAWideHeaderAreKeptSparseWithTheirValuesAndWeight() {
    Instances wide = wideDense(3, 1200);
    Instance row = wide.instance(2);
    Instance kept = new ReservoirMemory(wide, true, 2).compact(row);
    assertTrue(kept instanceof SparseInstance);
    assertArrayEquals(row.toDoubleArray(), kept.toDoubleArray(), 0.0);
    assertEquals(row.weight(), kept.weight(), 0.0);
    assertTrue(ReservoirMemory.bytes(kept) < ReservoirMemory.bytes(row) / 10);
    Instances narrow = wideDense(3, 900);
    assertSame(narrow.instance(2),
        new ReservoirMemory(narrow, false, 2).compact(narrow.instance(2)),
        "a narrow header keeps its rows");
  }

  /** A stream that fits its reservoir still ends with exactly the batch model of its rows. */
  @Test
  void aWideDenseStreamStillEndsWithTheBatchModel() throws Exception {
    Instances wide = wideDense(60, 1200);
    String[] options = {"-epochs", "3", "-threads", "1"};
    BackpropMLP streamed = TestData.streamed(wide, options);
    BackpropMLP batch = new BackpropMLP();
    batch.setOptions(options.clone());
    batch.buildClassifier(wide);
    for (int i = 0; i < wide.numInstances(); i++) {
      assertArrayEquals(batch.distributionForInstance(wide.instance(i)),
          streamed.distributionForInstance(wide.instance(i)), 0.0);
    }
  }

  @Test
  void aReservoirAboutToOutgrowTheHeapIsRefusedWithTheWaysOut() {
    long perRow = 40_080; // 5,000 dense values
    assertDoesNotThrow(() -> ReservoirMemory.refuse(1024 * perRow, 0, 1024, 10_000, 256L << 20));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReservoirMemory.refuse(4096 * perRow, 0, 4096, 10_000, 200L << 20));
    assertEquals("BackpropMLP: the row-by-row reservoir (-reservoir (reservoirSize) 10,000 rows"
        + " of about 40,080 bytes each) would outgrow the heap at 8,192 rows: growing to them"
        + " takes 157 MB more, beyond the 100 MB it may take (50 % of the 200 MB of heap"
        + " available); use a smaller -reservoir (reservoirSize) (e.g. 6,000, or 0 for a single"
        + " pass) or start Java with a larger -Xmx", e.getMessage());
  }

  /**
   * On the sparse route the epochs at the stream's end encode the whole reservoir at once, and
   * the check counts that copy too: a 20,000-word stream had passed every check and run out of a
   * 64 MB heap at its end. By hand: at 8,192 rows of 1,886 bytes (1,846 encoded), growing to
   * 10,000 takes 1,808 x 1,886 + 10,000 x 1,846 = 21,869,888 bytes (21 MB), over half of 22 MB;
   * the rows alone, 3.4 MB, fit. A reservoir of f rows fits when (f - 8,192) x 1,886 + f x 1,846
   * is at most 11,534,336: f = 7,230, advised as 7,000.
   */
  @Test
  void theEncodedCopyAtTheStreamsEndCounts() {
    long available = 22L << 20;
    assertDoesNotThrow(() -> ReservoirMemory.refuse(8192L * 1886, 0, 8192, 10_000, available));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReservoirMemory.refuse(8192L * 1886, 8192L * 1846, 8192, 10_000, available));
    assertEquals("BackpropMLP: the row-by-row reservoir (-reservoir (reservoirSize) 10,000 rows"
        + " of about 1,886 bytes each, and 1,846 each encoded for the epochs at the stream's end)"
        + " would outgrow the heap at 10,000 rows: growing to them takes 21 MB more, beyond the"
        + " 11 MB it may take (50 % of the 22 MB of heap available); use a smaller -reservoir"
        + " (reservoirSize) (e.g. 7,000, or 0 for a single pass) or start Java with a larger"
        + " -Xmx", e.getMessage());
  }
}
