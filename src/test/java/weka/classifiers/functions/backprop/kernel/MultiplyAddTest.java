package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The multiply-add form of the products: the property's override and the two forms' bits. */
class MultiplyAddTest {

  /** a·b = 1 − 2⁻⁶⁰ exactly: rounded first, it is 1, so only the fused form keeps the residue. */
  private static final double A = 1 + 0x1p-30;
  private static final double B = 1 - 0x1p-30;

  @Test
  void theFusedFormRoundsOnceAndTheUnfusedTwice() {
    assertEquals(-0x1p-60, Math.fma(A, B, -1.0), 0.0);
    assertEquals(0.0, -1.0 + A * B, 0.0);
    double expected = MultiplyAdd.fused() ? -0x1p-60 : 0.0;
    assertEquals(expected, MultiplyAdd.madd(A, B, -1.0), 0.0);
  }

  @Test
  void theFormInUseIsTheOneThePropertyOrTheHardwareChose() {
    assertEquals(
        MultiplyAdd.decide(System.getProperty(MultiplyAdd.PROPERTY), MultiplyAdd::hardwareFma),
        MultiplyAdd.fused());
  }

  @ParameterizedTest(name = "property {0}, hardware {1}")
  @CsvSource({"off, true, false", "' OFF ', true, false", "on, false, true", "On, true, true",
      ", true, true", ", false, false", "auto, true, true", "auto, false, false"})
  void thePropertyOverridesTheHardwareProbe(String property, boolean hardware, boolean fused) {
    assertEquals(fused, MultiplyAdd.decide(property, () -> hardware));
  }

  @Test
  void aForcedChoiceNeverAsksTheProbe() {
    MultiplyAdd.Probe refuse = () -> {
      throw new AssertionError("probe asked");
    };
    assertTrue(MultiplyAdd.decide("on", refuse));
    assertFalse(MultiplyAdd.decide("off", refuse));
  }

  @Test
  void theHotSpotProbeReadsTheJvmsFlag() {
    // this JVM is HotSpot (the build's): the probe must answer, and x86-64 with AVX2 or any
    // 64-bit ARM machine has FMA; a machine without it would see false, never an exception
    boolean hardware = MultiplyAdd.hardwareFma();
    assertEquals(hardware, MultiplyAdd.decide(null, () -> hardware));
    assertNotEquals(null, Boolean.valueOf(hardware));
  }
}
