package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.MemoryEstimate;

/**
 * The heap this JVM may still claim, for the checks that refuse a build before allocating it
 * rather than failing with an {@link OutOfMemoryError} after minutes.
 */
public final class HeapRoom {

  private HeapRoom() {}

  /**
   * The heap not in use ({@link MemoryEstimate#freeHeap}, which the engine's own checks read).
   *
   * @return bytes
   */
  public static long available() {
    return MemoryEstimate.freeHeap();
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

  /**
   * The most heap this JVM may ever claim, from which a refusal works out the {@code -Xmx} that
   * would fit.
   *
   * @return the maximum heap ({@code -Xmx}) in bytes
   */
  public static long max() {
    return Runtime.getRuntime().maxMemory();
  }
}
