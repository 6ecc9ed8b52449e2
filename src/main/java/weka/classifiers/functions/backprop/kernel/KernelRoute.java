package weka.classifiers.functions.backprop.kernel;

import java.util.Optional;

/**
 * Chooses the blocked path of {@link Kernels}: the Vector API one when the JVM has the module
 * {@code jdk.incubator.vector} in its boot layer (started with
 * {@code --add-modules jdk.incubator.vector}), else pure Java. The Vector API class is loaded by
 * name only in the first case, so a JVM without the module (Java 11, or a later one started
 * without the flag, as Weka users mostly run it) never touches it; any failure to load or
 * construct it (an older JDK, a changed incubator API) falls back to pure Java as well. Both
 * paths give the same bits, so the choice changes speed, never a model.
 *
 * <p>The Vector API path is taken only where the products are fused ({@link MultiplyAdd}): with
 * the unfused form, C2 of Java 17 left its multiply-then-add helper's vectors boxed (2.5
 * GFLOP/s against the pure path's 14), so a processor without FMA keeps the pure path.
 */
final class KernelRoute {

  /** System property that forces the pure-Java path when set to {@code off} (A/B tests). */
  static final String PROPERTY = "weka.backpropmlp.vector";

  /** The module of the Vector API. */
  static final String MODULE = "jdk.incubator.vector";

  /** The Vector API implementation, compiled separately with the module. */
  static final String VECTOR_CLASS =
      "weka.classifiers.functions.backprop.kernel.VectorPackedProduct";

  private KernelRoute() {}

  /** @return the path to use in this JVM (see the class comment) */
  static PackedProduct select() {
    return select(System.getProperty(PROPERTY),
        MultiplyAdd.fused() && ModuleLayer.boot().findModule(MODULE).isPresent());
  }

  /**
   * The path for a given property value and JVM.
   *
   * @param property the value of {@value #PROPERTY}, or null
   * @param vectorUsable whether the Vector API path may run here: {@code jdk.incubator.vector}
   *     is in the boot layer and the products are fused (see the class comment)
   * @return the Vector API path if wanted, usable and loadable, else pure Java
   */
  static PackedProduct select(String property, boolean vectorUsable) {
    if (MultiplyAdd.switchValue(property).equals("off") || !vectorUsable) {
      return new ScalarPackedProduct();
    }
    return loadVector().orElseGet(ScalarPackedProduct::new);
  }

  /** @return the Vector API path, or empty if it cannot be loaded here */
  static Optional<PackedProduct> loadVector() {
    try {
      Class<?> k = Class.forName(VECTOR_CLASS);
      return Optional.of((PackedProduct) k.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // UnsupportedClassVersionError (older JDK), NoClassDefFoundError (module missing),
      // the constructor's own refusal (vectors too short to pay off)
      return Optional.empty();
    }
  }
}
