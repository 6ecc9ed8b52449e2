package weka.classifiers.functions.backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link BufferPool}: a thread keeps its buffer, concurrent threads never share one, and a buffer
 * handed back by an ending thread serves the next thread instead of a new allocation.
 */
class BufferPoolTest {

  private final AtomicInteger made = new AtomicInteger();
  private final BufferPool<int[]> pool = new BufferPool<>(() -> new int[] {made.incrementAndGet()});

  @Test
  void aThreadKeepsItsBuffer() {
    int[] first = pool.acquire();
    assertSame(first, pool.acquire());
    assertSame(first, pool.acquire());
    assertEquals(1, made.get());
  }

  @Test
  void threadsRunningAtOnceGetTheirOwnBuffers() throws Exception {
    CyclicBarrier bothHold = new CyclicBarrier(2);
    AtomicReference<int[]> other = new AtomicReference<>();
    Thread t = new Thread(() -> {
      other.set(pool.acquire());
      await(bothHold);
    });
    t.start();
    int[] mine = pool.acquire();
    await(bothHold);
    t.join();
    assertNotSame(mine, other.get());
    assertEquals(2, made.get());
  }

  @Test
  void aBufferHandedBackServesTheNextThread() throws Exception {
    AtomicReference<int[]> first = new AtomicReference<>();
    run(() -> {
      first.set(pool.acquire());
      BufferPool.returnThreadBuffers();
    });
    AtomicReference<int[]> second = new AtomicReference<>();
    run(() -> second.set(pool.acquire()));
    assertSame(first.get(), second.get());
    assertEquals(1, made.get());
  }

  /**
   * A training starts its worker threads anew every epoch: as many threads at once as there are
   * spare slots must find every buffer their predecessors handed back.
   */
  @Test
  void aWholeGenerationOfThreadsReusesThePreviousOnesBuffers() throws Exception {
    for (int generation = 0; generation < 2; generation++) {
      CyclicBarrier allHold = new CyclicBarrier(BufferPool.SPARES);
      Thread[] threads = new Thread[BufferPool.SPARES];
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(() -> {
          pool.acquire();
          await(allHold);
          BufferPool.returnThreadBuffers();
        });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    assertEquals(BufferPool.SPARES, made.get());
  }

  @Test
  void handingBackWithoutABufferIsHarmless() {
    BufferPool.returnThreadBuffers();
    int[] b = pool.acquire();
    BufferPool.returnThreadBuffers();
    assertSame(b, pool.acquire(), "the buffer handed back is the first spare taken again");
    assertEquals(1, made.get());
  }

  private static void run(Runnable r) throws InterruptedException {
    Thread t = new Thread(r);
    t.start();
    t.join();
  }

  private static void await(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
