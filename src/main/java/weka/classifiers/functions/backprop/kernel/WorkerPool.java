package weka.classifiers.functions.backprop.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that split index ranges {@code [0, n)} into chunks which the
 * caller and the workers claim one at a time from a shared counter until none is left. Built
 * for the many short parallel phases of a mini-batch (a few per layer): dispatch neither
 * allocates nor goes through an executor queue, only an atomic counter and {@link LockSupport}
 * park/unpark.
 *
 * <p>Claiming chunks (rather than handing each thread a fixed share) means the caller never
 * waits for a worker that has not woken up yet: if the caller gets through all chunks first,
 * the phase is over, and a late worker finds nothing left. On a machine shared with other
 * processes, where a worker may be descheduled for a while, this is what keeps a second thread
 * from making a phase slower than one thread would.
 *
 * <p>The caller claims chunks from the front of the range and the workers from the back, so
 * while both keep up, the caller runs the first part of every phase and the worker the last:
 * the same thread then tends to touch the same rows of the weights, gradient and optimizer
 * state phase after phase and step after step (each 784-64 half is about 0.6 MB with
 * momentum), and finds them in its own core's cache instead of fetching them from the other
 * core's.
 *
 * <p>Results never depend on the number of threads, nor on which thread runs which chunk, as
 * long as every task computes each output element with the same arithmetic whichever chunk it
 * falls in (which all callers guarantee): there are no cross-thread reductions. An exception
 * thrown in a chunk is rethrown in the caller. {@link #close()} stops the workers; a pool of
 * one thread starts no thread at all.
 *
 * <p>A pool its owner (the thread that made it) never closes still ends its workers: an idle
 * worker wakes every {@value #IDLE_CHECK_MILLIS} ms and leaves once the owner has died. Why:
 * Weka's Explorer stops a run with the deprecated {@code Thread.stop()}, whose asynchronous
 * {@code ThreadDeath} can land between a worker's start and the try-with-resources that would
 * close the pool, or inside {@code close()} before the workers are woken, and a worker parked
 * without a timeout would then wait forever.
 */
public final class WorkerPool implements AutoCloseable {

  /** A task over an index range. */
  public interface RangeTask {
    /**
     * @param from first index, inclusive
     * @param to last index, exclusive
     */
    void run(int from, int to);
  }

  /** Spins before parking; phases are short, so a brief spin saves a park/unpark round trip. */
  private static final int SPINS = 2000;
  /** Low word of {@link #claim} while the caller sets up a phase: nothing can be claimed. */
  private static final int SETUP = -1;
  /** Most chunks of one phase (front and back are 16-bit counters; all ones marks setup). */
  private static final int MAX_CHUNKS = 0xFFFE;
  /**
   * How often an idle worker looks whether its pool was abandoned: only waits longer than the
   * spin (no phase is coming) take this timeout, so it costs the hot path nothing.
   */
  static final long IDLE_CHECK_MILLIS = 100;
  private static final long IDLE_CHECK_NANOS = IDLE_CHECK_MILLIS * 1_000_000L;

  private final Thread[] workers;
  private final int threads;
  /**
   * The current phase's generation (high 32 bits), then the first unclaimed chunk from the
   * front (16 bits) and one past the last unclaimed chunk from the back (low 16 bits): chunks
   * {@code [front, back)} are unclaimed. One word, so that a worker still looking at a finished
   * phase cannot claim a chunk of the next one: its compare-and-set fails once the generation
   * has moved on.
   */
  private final AtomicLong claim = new AtomicLong();
  /** Chunks of the current phase finished (successfully or not). */
  private final AtomicInteger done = new AtomicInteger();
  private volatile boolean closed;
  private volatile RangeTask task;
  private volatile int size;
  private volatile int chunks;
  private volatile Throwable failure;
  private volatile Thread caller;
  /** The thread that made the pool: once it has died, nobody can close or use the pool. */
  private final Thread owner = Thread.currentThread();

  /**
   * Starts {@code threads − 1} daemon workers (at most {@link #mostThreads()} − 1), for the
   * calling thread to use and close (the workers end when it dies, see the class comment).
   *
   * @param threads total threads including the caller, at least 1
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = Math.min(threads, mostThreads());
    workers = new Thread[this.threads - 1];
    try {
      for (int w = 0; w < workers.length; w++) {
        final int index = w + 1;
        Thread t = new Thread(this::work, "BackpropMLP-worker-" + index);
        t.setDaemon(true);
        workers[w] = t;
        t.start();
      }
    } catch (Throwable e) { // e.g. an OutOfMemoryError or ThreadDeath: nobody gets the pool
      closed = true;
      for (Thread w : workers) {
        LockSupport.unpark(w); // null (not made yet) is ignored
      }
      throw e;
    }
  }

  /**
   * The most threads a pool starts: four per processor, at least 8. Why: each worker takes its
   * own kernel buffers (about half a megabyte), and threads beyond the processors only wait;
   * {@code -threads 256} on two cores had run out of a heap its 1-thread build fitted. The
   * results are the same for any number of threads.
   *
   * @return the cap
   */
  public static int mostThreads() {
    return Math.max(8, 4 * processors());
  }

  /** {@link Runtime#availableProcessors()}, asked once per JVM: see {@link #processors()}. */
  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

  /**
   * The processors the JVM may use, as at its start. Why not ask the runtime each time: in a
   * container Java 17 re-reads the cgroup's CPU limits once the answer is 20 ms old, 50-130 µs a
   * call on a 2-vCPU VM, and a small set's build asked once an epoch (about half a per cent of a
   * 10-fold cross-validation of a 200-row set). A limit changed while Weka runs is seen after a
   * restart, as by Java's own common fork-join pool, whose parallelism is fixed at its start.
   *
   * @return at least 1
   */
  public static int processors() {
    return PROCESSORS;
  }

  /** Total threads, the caller included (at most {@link #mostThreads()}). */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code t} over {@code [0, n)} split into at most one chunk per thread (each at least
   * {@code minChunk} long) and waits for all. Small ranges run on the caller alone.
   *
   * @param t the task
   * @param n size of the range
   * @param minChunk smallest chunk worth a thread
   */
  public void run(RangeTask t, int n, int minChunk) {
    runChunks(t, n, Math.min(threads, Math.max(1, n / Math.max(1, minChunk))));
  }

  /**
   * Runs {@code t} over {@code [0, n)} cut into {@code parts} chunks of (nearly) equal size,
   * chunk {@code k} being {@code [⌊n·k/parts⌋, ⌊n·(k+1)/parts⌋)}, which the caller and the
   * workers claim in turn; returns when every chunk has run. With one part, one thread or a
   * closed pool, the caller runs {@code t(0, n)} itself.
   *
   * @param t the task
   * @param n size of the range
   * @param parts number of chunks (clamped to {@code [1, min(n, 65534)]})
   */
  public void runChunks(RangeTask t, int n, int parts) {
    int p = Math.min(Math.min(parts, n), MAX_CHUNKS);
    if (p <= 1 || workers.length == 0 || closed) {
      t.run(0, n);
      return;
    }
    long generation = (claim.get() >>> 32) + 1;
    // Close the old phase first: from here on no thread can claim a chunk of it, so none can
    // pair the old claim word with the fields written below.
    claim.set(generation << 32 | (SETUP & 0xFFFF_FFFFL));
    caller = Thread.currentThread();
    task = t;
    size = n;
    chunks = p;
    failure = null;
    done.set(0);
    claim.set(generation << 32 | p); // publishes the phase: front 0, back p
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    runClaimed(generation, true);
    int spins = 0;
    while (done.get() < p) {
      if (++spins > SPINS) {
        LockSupport.park(this);
      } else {
        Thread.onSpinWait();
      }
    }
    task = null;
    Throwable f = failure;
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    } else if (f instanceof Error) {
      throw (Error) f;
    } else if (f != null) {
      throw new IllegalStateException("worker failed", f);
    }
  }

  /**
   * Claims and runs chunks of phase {@code generation}, from the front of the range or from its
   * back, until none is left or the phase is over. The phase's fields are read after the claim
   * word showed the generation; a successful compare-and-set proves they still belong to it (a
   * new phase first changes the word).
   */
  private void runClaimed(long generation, boolean fromFront) {
    while (true) {
      long c = claim.get();
      if (c >>> 32 != generation || (int) c == SETUP) {
        return;
      }
      int front = (int) (c >>> 16) & 0xFFFF;
      int back = (int) c & 0xFFFF;
      if (front >= back) {
        return;
      }
      int k = fromFront ? front : back - 1;
      if (!claim.compareAndSet(c, fromFront ? c + (1L << 16) : c - 1)) {
        continue; // another thread claimed a chunk meanwhile: look again
      }
      int p = chunks;
      // chunk k of this phase is not done yet, so the caller cannot have moved on
      RangeTask t = task;
      long n = size;
      try {
        t.run((int) (n * k / p), (int) (n * (k + 1) / p));
      } catch (Throwable e) {
        failure = e;
      }
      if (done.incrementAndGet() == p) {
        LockSupport.unpark(caller);
      }
    }
  }

  private void work() {
    BufferPool.takeThreadBuffers();
    try {
      workUntilClosed();
    } finally {
      BufferPool.returnThreadBuffers();
    }
  }

  private void workUntilClosed() {
    long seen = 0;
    while (true) {
      int spins = 0;
      long c;
      while (((c = claim.get()) >>> 32 == seen || (int) c == SETUP) && !closed) {
        if (++spins > SPINS) {
          LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
          if (!owner.isAlive()) {
            return; // abandoned: its owner died without closing it
          }
        } else {
          Thread.onSpinWait();
        }
      }
      if (closed) {
        return;
      }
      seen = c >>> 32;
      runClaimed(seen, false);
    }
  }

  /**
   * Stops and joins the workers. Idempotent; a close cut short (the caller interrupted or
   * stopped) still ends the workers, which see {@code closed} at their next idle check.
   */
  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    for (Thread w : workers) {
      try {
        w.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
