package weka.classifiers.functions.backpropmlp;

/**
 * The heap this JVM may still claim, for the checks that refuse a build before allocating it
 * rather than failing with an {@link OutOfMemoryError} after minutes.
 */
public final class HeapRoom {

  private HeapRoom() {}

  /**
   * The heap not in use: the maximum ({@code -Xmx}) minus what is allocated now. Garbage not yet
   * collected counts as in use, so this errs on the safe side.
   *
   * @return bytes
   */
  public static long available() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** @return the maximum heap ({@code -Xmx}) in bytes */
  public static long max() {
    return Runtime.getRuntime().maxMemory();
  }
}
