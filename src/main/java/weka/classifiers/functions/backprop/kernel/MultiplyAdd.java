package weka.classifiers.functions.backprop.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The one multiply-add of every matrix product in the engine, {@code s ← s + a·b}: fused (one
 * rounding, {@link Math#fma}) where the processor has fused multiply-add, else a multiply then an
 * add (two roundings). Decided once per JVM, so every product, route and thread count of one JVM
 * uses the same form and gives the same bits.
 *
 * <p><b>Why fused.</b> The peak of a current x86 or ARM core counts one fused multiply-add as two
 * operations; a separate multiply and add take two instructions and cap any kernel at half of
 * that peak. C2 turns {@code Math.fma} in a counted loop into packed {@code vfmadd} (and the
 * Vector API's {@code fma} into the same), which made the blocked product 1.4–1.5 times faster in
 * pure Java and 1.8 times with the Vector API (bench/README.md). A fused result is also the
 * more accurate one (IEEE 754-2008 §5.4.1: one rounding of the exact {@code a·b + s}), and being
 * exactly specified it is the same on every processor that has it.
 *
 * <p><b>Why not always.</b> Without the instruction, {@code Math.fma} is computed in software
 * (about 10 µs per call on Java 17, 500 times a multiply and an add), so the choice follows the
 * JVM's own flag {@code UseFMA}, read from HotSpot's diagnostic bean; a JVM that cannot tell
 * (not HotSpot, or a runtime image without {@code jdk.management}) gets the unfused form. x86
 * processors have FMA since 2013 (Intel Haswell, AMD Piledriver), all 64-bit ARM processors
 * have it; the unfused form serves the rest. A model trained on a machine with FMA therefore
 * differs from one trained without it in the last bits (as with any change of rounding), never
 * between thread counts or kernel routes of one machine.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code off} for the unfused
 * form (the bits of version 1.0.0), {@code on} to force the fused one (slow without the
 * hardware; for comparing models across machines).
 */
public final class MultiplyAdd {

  /** System property that forces the form: {@code on} (fused) or {@code off} (unfused). */
  public static final String PROPERTY = "weka.backpropmlp.fma";

  /** The form of this JVM; a constant, so C2 folds the test in {@link #madd} away. */
  static final boolean FUSED = decide(System.getProperty(PROPERTY), MultiplyAdd::hardwareFma);

  private MultiplyAdd() {}

  /** Supplies whether the processor's fused multiply-add is in use (the probe of the JVM). */
  interface Probe {
    /** @return whether this JVM executes {@code Math.fma} in hardware */
    boolean hardware();
  }

  /**
   * {@code s + a·b} in this JVM's form (see the class comment).
   *
   * @param a first factor
   * @param b second factor
   * @param s addend (the running sum)
   * @return {@code fma(a, b, s)} if fused, else {@code s + a * b}
   */
  public static double madd(double a, double b, double s) {
    return FUSED ? Math.fma(a, b, s) : s + a * b;
  }

  /**
   * Whether this JVM's products use the fused multiply-add, decided once per JVM; the Vector API
   * route checks it so its tiles round as the scalar path does.
   *
   * @return whether the products of this JVM are fused (for reports and tests)
   */
  public static boolean fused() {
    return FUSED;
  }

  /**
   * The form for a property value and a hardware probe: {@code on}/{@code off} decide, anything
   * else (or no property) asks the probe.
   *
   * @param property the value of {@value #PROPERTY}, or null
   * @param probe whether the hardware form is available
   * @return whether to fuse
   */
  static boolean decide(String property, Probe probe) {
    String p = switchValue(property);
    if (p.equals("off")) {
      return false;
    }
    if (p.equals("on")) {
      return true;
    }
    return probe.hardware();
  }

  /**
   * The value of an on/off system property of the kernels ({@value #PROPERTY},
   * {@code KernelRoute.PROPERTY}) as they compare it: trimmed and lower-cased, "" when unset.
   *
   * @param property the property's value, or null
   * @return the normalized value
   */
  static String switchValue(String property) {
    return property == null ? "" : property.trim().toLowerCase(Locale.ROOT);
  }

  /** @return HotSpot's {@code UseFMA} flag, or false if this JVM cannot report it */
  static boolean hardwareFma() {
    String v = vmOption("UseFMA");
    return v != null && Boolean.parseBoolean(v); // "" (no such option): not HotSpot's
  }

  /**
   * A HotSpot flag's value, for the kernels' choices made from the JVM ({@link #hardwareFma},
   * {@code ScalarPackedProduct.topTierIsC2}).
   *
   * @param name the flag
   * @return its value; "" if this JVM has no such flag; null if it cannot be asked (no
   *     jdk.management module, no platform bean)
   */
  static String vmOption(String name) {
    try {
      return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption(name).getValue();
    } catch (IllegalArgumentException e) {
      return "";
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }
}
