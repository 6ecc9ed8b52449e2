package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Attribute;
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
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < columns; a++) {
      atts.add(new Attribute("w" + a));
    }
    atts.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances d = new Instances("wide", atts, rows);
    d.setClassIndex(columns);
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
    Instance kept = new ReservoirMemory(wide).compact(row);
    assertTrue(kept instanceof SparseInstance);
    assertArrayEquals(row.toDoubleArray(), kept.toDoubleArray(), 0.0);
    assertEquals(row.weight(), kept.weight(), 0.0);
    assertTrue(ReservoirMemory.bytes(kept) < ReservoirMemory.bytes(row) / 10);
    Instances narrow = wideDense(3, 900);
    assertSame(narrow.instance(2), new ReservoirMemory(narrow).compact(narrow.instance(2)),
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
    assertDoesNotThrow(() -> ReservoirMemory.refuse(1024 * perRow, 1024, 10_000, 256L << 20));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReservoirMemory.refuse(4096 * perRow, 4096, 10_000, 200L << 20));
    assertEquals("BackpropMLP: the row-by-row reservoir (-reservoir (reservoirSize) 10,000 rows"
        + " of about 40,080 bytes each) would outgrow the heap at 8,192 rows: growing to them"
        + " takes 157 MB more, beyond the 100 MB it may take (50 % of the 200 MB of heap"
        + " available); use a smaller -reservoir (reservoirSize) (e.g. 6,000, or 0 for a single"
        + " pass) or start Java with a larger -Xmx", e.getMessage());
  }
}
