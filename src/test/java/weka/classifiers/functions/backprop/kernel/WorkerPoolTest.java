package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker pool covers every index exactly once for any thread count and range size,
 * surfaces a worker's exception in the caller, stays usable afterwards, and leaves no thread
 * behind after {@code close()}, nor after its owner dies without closing it.
 */
class WorkerPoolTest {

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2, 3, 7})
  void everyIndexRunsExactlyOnce(int threads) {
    try (WorkerPool pool = new WorkerPool(threads)) {
      for (int n : new int[] {0, 1, 2, 5, 13, 100, 1001}) {
        for (int rep = 0; rep < 50; rep++) {
          int[] hits = new int[n];
          pool.run((from, to) -> {
            for (int i = from; i < to; i++) {
              hits[i]++;
            }
          }, n, 1);
          for (int i = 0; i < n; i++) {
            assertEquals(1, hits[i], "index " + i + " of " + n);
          }
        }
      }
    }
  }

  /**
   * Claimed chunks: every index once, chunk k exactly {@code [⌊nk/p⌋, ⌊n(k+1)/p⌋)} (a pool of one
   * thread runs the range as one chunk).
   */
  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2, 3})
  void claimedChunksCoverTheRangeInTheirFixedBounds(int threads) {
    try (WorkerPool pool = new WorkerPool(threads)) {
      for (int n : new int[] {0, 1, 7, 64, 1000}) {
        for (int parts : new int[] {1, 2, 5, 16, 2000}) {
          for (int rep = 0; rep < 20; rep++) {
            int[] hits = new int[n];
            java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            pool.runChunks((from, to) -> {
              seen.add((long) from << 32 | to);
              for (int i = from; i < to; i++) {
                hits[i]++;
              }
            }, n, parts);
            for (int i = 0; i < n; i++) {
              assertEquals(1, hits[i], "index " + i + " of " + n + " in " + parts + " parts");
            }
            // one thread runs the whole range as one chunk
            int p = threads == 1 ? 1 : Math.max(1, Math.min(parts, n));
            if (n > 0) {
              assertEquals(p, seen.size(), n + " in " + parts + " parts");
              for (int k = 0; k < p; k++) {
                long bounds = (long) n * k / p << 32 | (long) n * (k + 1) / p;
                assertTrue(seen.contains(bounds), "chunk " + k + " of " + p);
              }
            }
          }
        }
      }
    }
  }

  /**
   * A phase holds at most 65,534 chunks (the claim word keeps front and back in 16 bits each):
   * more parts are cut into that many chunks, still covering every index once.
   */
  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {2, 3})
  void partsBeyondTheClaimWordsRangeAreCappedAndStillCoverEveryIndex(int threads) {
    int n = 70_000;
    try (WorkerPool pool = new WorkerPool(threads)) {
      AtomicInteger[] hits = new AtomicInteger[n];
      for (int i = 0; i < n; i++) {
        hits[i] = new AtomicInteger();
      }
      AtomicInteger chunks = new AtomicInteger();
      pool.runChunks((from, to) -> {
        chunks.incrementAndGet();
        for (int i = from; i < to; i++) {
          hits[i].incrementAndGet();
        }
      }, n, n);
      assertEquals(0xFFFE, chunks.get());
      for (int i = 0; i < n; i++) {
        assertEquals(1, hits[i].get(), "index " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {2, 4})
  void workerExceptionSurfacesInTheCallerAndPoolStaysUsable(int threads) {
    try (WorkerPool pool = new WorkerPool(threads)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> pool.run((from, to) -> {
            if (to == 100) { // the last chunk belongs to a worker thread
              throw new IllegalStateException("boom in worker");
            }
          }, 100, 1));
      assertEquals("boom in worker", e.getMessage());
      AtomicInteger sum = new AtomicInteger();
      pool.run((from, to) -> sum.addAndGet(to - from), 100, 1);
      assertEquals(100, sum.get());
    }
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {2, 5})
  void closeStopsAllWorkers(int threads) throws InterruptedException {
    WorkerPool pool = new WorkerPool(threads);
    pool.run((from, to) -> { }, 10, 1);
    pool.close();
    Thread.sleep(20);
    long alive = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("BackpropMLP-worker") && t.isAlive())
        .count();
    assertTrue(alive == 0, alive + " workers still alive");
  }

  /**
   * The owner returns or throws without closing the pool (as when Explorer's {@code
   * Thread.stop()} lands between the workers' start and the try-with-resources, or inside
   * {@code close()}): the workers notice its death at their next idle check and end. Without
   * that check they stayed parked forever.
   */
  @ParameterizedTest(name = "owner throws: {0}")
  @ValueSource(booleans = {false, true})
  void workersEndWhenTheirOwnerDiesWithoutClosingThePool(boolean ownerThrows)
      throws InterruptedException {
    // the workers join the owner's thread group, which tells them from other tests' threads
    ThreadGroup group = new ThreadGroup("abandoned-pool");
    AtomicInteger ran = new AtomicInteger();
    Thread owner = new Thread(group, () -> {
      WorkerPool pool = new WorkerPool(3);
      pool.run((from, to) -> ran.addAndGet(to - from), 100, 1);
      if (ownerThrows) {
        throw new IllegalStateException("owner dies without closing its pool");
      }
    }, "pool-owner");
    owner.setDaemon(true);
    owner.setUncaughtExceptionHandler((t, e) -> { }); // the death is the point
    owner.start();
    owner.join(5_000);
    assertEquals(100, ran.get());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (group.activeCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, group.activeCount(), "workers still alive 5 s after their owner died");
  }

  /**
   * A pool asked for more threads than four per processor (at least 8) starts that many and
   * still runs every index once: workers beyond the processors only waited, each holding its
   * own kernel buffers.
   */
  @Test
  void aPoolStartsAtMostFourThreadsPerProcessor() {
    try (WorkerPool pool = new WorkerPool(10_000)) {
      assertEquals(WorkerPool.mostThreads(), pool.threads());
      int[] hits = new int[50_000];
      pool.run((from, to) -> {
        for (int i = from; i < to; i++) {
          hits[i]++;
        }
      }, hits.length, 1);
      for (int h : hits) {
        assertEquals(1, h);
      }
    }
    assertTrue(WorkerPool.mostThreads() >= 8);
  }
}
