package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
  void theProbeAgreesWithTheProcessorsFlagAndTheJvmsOptions() throws IOException {
    // an x86 Linux machine says in /proc/cpuinfo whether it has FMA; HotSpot uses it unless
    // told -XX:-UseFMA (a child JVM started that way is KernelRouteTest's "-XX:-UseFMA" case)
    Path cpuinfo = Paths.get("/proc/cpuinfo");
    assumeTrue(Files.isReadable(cpuinfo), "no /proc/cpuinfo");
    String flags = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags"))
        .findFirst().orElse(null);
    assumeTrue(flags != null, "not an x86 /proc/cpuinfo");
    boolean cpuHasFma = (flags + " ").contains(" fma ");
    boolean disabled = ManagementFactory.getRuntimeMXBean().getInputArguments()
        .contains("-XX:-UseFMA");
    assertEquals(cpuHasFma && !disabled, MultiplyAdd.hardwareFma(), flags);
  }
}
