package weka.classifiers.functions.backprop.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Scratch buffers for a kernel: each thread that runs it keeps one for as long as it lives, so a
 * kernel allocates nothing after a thread's first call and a caller never waits; a thread that
 * ends hands its buffers to up to {@value #SPARES} spare slots ({@link #returnThreadBuffers}),
 * where the next new thread finds them. A training starts new worker threads every epoch, so
 * there are as many slots as the shared pool this replaced kept buffers: with up to that many
 * threads, no epoch allocates.
 *
 * <p>Why per thread, not one shared pool that lends a buffer per call: the kernel's hot path
 * is then the same whatever the number of concurrent callers, a thread-local read and a branch
 * taken once per thread. A shared pool's branches (slot empty, lost race, all lent) depend on
 * how many threads call at once, and the JIT compiler, having profiled a one-lane run, turned the
 * two-lane outcomes into traps: the first two-lane build after a warm-up on small data then
 * threw away and recompiled every method the pool was inlined into, up to the training step,
 * about 0.1 s of compiler time (bench/README.md, "Seventeenth session").
 *
 * <p>A buffer is never used by two calls at once, as long as a kernel does not call itself
 * (none does). A long-lived thread, such as the one Weka trains on, keeps its buffer between
 * builds; each pool holds at most one per such thread.
 *
 * @param <T> the buffer type
 */
final class BufferPool<T> {

  /** Every pool made, for {@link #returnThreadBuffers}. */
  private static final List<BufferPool<?>> POOLS = new CopyOnWriteArrayList<>();

  /** Spare slots per pool: buffers of ended threads kept for the next ones. */
  static final int SPARES = 16;

  private final ThreadLocal<T> held = new ThreadLocal<>();
  private final AtomicReferenceArray<T> spare = new AtomicReferenceArray<>(SPARES);
  private final Supplier<T> make;

  /** @param make makes a new buffer when no spare one is left */
  BufferPool(Supplier<T> make) {
    this.make = make;
    POOLS.add(this);
  }

  /** @return the calling thread's buffer, which no other thread uses */
  T acquire() {
    T b = held.get();
    return b != null ? b : lend();
  }

  /** The calling thread's first call: a spare buffer, or a new one. */
  private T lend() {
    T b = null;
    for (int s = 0; s < spare.length() && b == null; s++) {
      b = spare.getAndSet(s, null);
    }
    if (b == null) {
      b = make.get();
    }
    held.set(b);
    return b;
  }

  /** Hands the calling thread's buffer, if it has one, to a free spare slot (or drops it). */
  private void giveBack() {
    T b = held.get();
    if (b == null) {
      return;
    }
    held.remove();
    for (int s = 0; s < spare.length(); s++) {
      if (spare.compareAndSet(s, null, b)) {
        return;
      }
    }
  }

  /**
   * Gives the calling thread its buffer of every pool now, for a thread about to run products:
   * its first product then takes the same path as every later one. Otherwise that first call,
   * in a thread that has no thread-local value yet, meets a branch of {@code ThreadLocal.get}
   * that a warm-up on one thread may never have taken, and the JIT compiler recompiles the
   * training step it had inlined the call into.
   */
  static void takeThreadBuffers() {
    for (BufferPool<?> p : POOLS) {
      p.acquire();
    }
  }

  /**
   * Hands the calling thread's buffers of every pool back, for a thread that is about to end:
   * the next thread reuses them instead of allocating its own.
   */
  static void returnThreadBuffers() {
    for (BufferPool<?> p : POOLS) {
      p.giveBack();
    }
  }
}
