package weka.classifiers.functions.backprop.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that split index ranges {@code [0, n)} into one contiguous
 * chunk per thread, the caller taking the first chunk. Built for the many short parallel phases
 * of a mini-batch (a few per layer): dispatch neither allocates nor goes through an executor
 * queue, only volatile writes and {@link LockSupport} park/unpark.
 *
 * <p>Results never depend on the number of threads as long as every task computes each output
 * element with the same arithmetic whichever chunk it falls in (which all callers guarantee):
 * there are no cross-thread reductions. An exception thrown by a worker is rethrown in the
 * caller. {@link #close()} stops the workers; a pool of one thread starts no thread at all.
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

  private final Thread[] workers;
  private final int threads;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile int generation;
  private volatile boolean closed;
  private volatile RangeTask task;
  private volatile int size;
  private volatile int parts;
  private volatile Throwable failure;
  private volatile Thread caller;

  /**
   * Starts {@code threads − 1} daemon workers.
   *
   * @param threads total threads including the caller, at least 1
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    workers = new Thread[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      final int index = w + 1;
      Thread t = new Thread(() -> work(index), "BackpropMLP-worker-" + index);
      t.setDaemon(true);
      workers[w] = t;
      t.start();
    }
  }

  /** Total threads, the caller included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code t} over {@code [0, n)} split into one chunk per thread and waits for all.
   * Small ranges run on the caller alone.
   *
   * @param t the task
   * @param n size of the range
   * @param minChunk smallest chunk worth a thread
   */
  public void run(RangeTask t, int n, int minChunk) {
    int parts = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
    if (parts <= 1 || closed) {
      t.run(0, n);
      return;
    }
    // Workers beyond `parts` get empty ranges: every worker takes part in every phase, which
    // keeps the hand-off protocol to one counter.
    caller = Thread.currentThread();
    task = t;
    size = n;
    this.parts = parts;
    failure = null;
    pending.set(workers.length);
    generation++;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
    Throwable own = null;
    try {
      t.run(0, chunkEnd(0, n, parts));
    } catch (Throwable e) {
      own = e;
    }
    int spins = 0;
    while (pending.get() != 0) {
      if (++spins > SPINS) {
        LockSupport.park(this);
      } else {
        Thread.onSpinWait();
      }
    }
    task = null;
    Throwable f = own != null ? own : failure;
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    } else if (f instanceof Error) {
      throw (Error) f;
    } else if (f != null) {
      throw new IllegalStateException("worker failed", f);
    }
  }

  private static int chunkEnd(int index, int n, int parts) {
    return (int) ((long) n * (index + 1) / parts);
  }

  private void work(int index) {
    int seen = 0;
    while (true) {
      int spins = 0;
      while (generation == seen && !closed) {
        if (++spins > SPINS) {
          LockSupport.park(this);
        } else {
          Thread.onSpinWait();
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      RangeTask t = task;
      int n = size;
      int parts = this.parts;
      try {
        int from = (int) ((long) n * index / parts);
        int to = chunkEnd(index, n, parts);
        if (index < parts && from < to) {
          t.run(from, to);
        }
      } catch (Throwable e) {
        failure = e;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  /** Stops and joins the workers. */
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
