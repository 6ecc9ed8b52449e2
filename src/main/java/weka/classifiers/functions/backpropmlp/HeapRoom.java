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

  /**
   * Runs a check that refuses what does not fit {@link #available()}, and when it refuses,
   * collects garbage once and runs it again: garbage counts as in use there, and a build was
   * refused or not depending on what the JVM had yet to collect (in the Explorer, loading data
   * leaves plenty). Only the refusal path pays for the collection.
   *
   * @param check the check, given the bytes available
   * @throws IllegalArgumentException the check's refusal, if it refuses after the collection
   */
  public static void check(java.util.function.LongConsumer check) {
    try {
      check.accept(available());
    } catch (IllegalArgumentException refused) {
      System.gc();
      check.accept(available());
    }
  }

  /** @return the maximum heap ({@code -Xmx}) in bytes */
  public static long max() {
    return Runtime.getRuntime().maxMemory();
  }
}
