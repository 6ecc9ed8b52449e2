package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;

/** The sparse route's memory check counts non-zeros and refuses with the figures. */
class SparseMemoryCheckTest {

  @Test
  void dataBytesCountNonZerosNotCells() {
    // 20,000 rows x 90 non-zeros: 1.8 M x 12 bytes + per row (start 4, 10 targets 80, weight 8,
    // label 4) = 21.6 MB + 1.92 MB, where the dense copy of 50,000 columns would be 8 GB
    assertEquals(1_800_000L * 12 + 20_000L * 96, SparseMemoryCheck.dataBytes(20_000, 1_800_000,
        10));
  }

  @Test
  void the20kBy50kCaseFitsAGigabyte() {
    BackpropMLP o = new BackpropMLP();
    assertDoesNotThrow(() -> SparseMemoryCheck.refuse(o, 50_000, 20_000, 1_800_000, 10,
        900L << 20));
  }

  @Test
  void refusesWhenEvenTheSparseFormDoesNotFit() {
    BackpropMLP o = new BackpropMLP();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseMemoryCheck.refuse(o, 50_000, 2_000_000, 180_000_000, 10, 900L << 20));
    String m = e.getMessage();
    assertTrue(m.contains("180,000,000 non-zeros"), m);
    assertTrue(m.contains("2,244 MB"), m); // (180 M x 12 + 2 M x 96) bytes / 2^20, rounded up
    assertTrue(m.contains("900 MB of heap"), m);
    assertTrue(m.contains("-Xmx") && m.contains("row by row"), m);
  }
}
