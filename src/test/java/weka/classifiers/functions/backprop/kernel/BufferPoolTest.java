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
