package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The free heap lies between zero and the maximum, and shrinks while a large array lives. */
class HeapRoomTest {

  @Test
  void theFreeHeapIsWithinTheMaximumAndCountsLiveArrays() {
    long before = HeapRoom.available();
    assertTrue(before > 0 && before <= HeapRoom.max(), before + " of " + HeapRoom.max());
    assertTrue(HeapRoom.max() == Runtime.getRuntime().maxMemory());
    double[] big = new double[8 << 20]; // 64 MB
    long during = HeapRoom.available();
    assertTrue(during <= HeapRoom.max() - (long) big.length * Double.BYTES,
        during + " free with 64 MB live");
    big[0] = 1;
    assertTrue(big[0] == 1);
  }
}
