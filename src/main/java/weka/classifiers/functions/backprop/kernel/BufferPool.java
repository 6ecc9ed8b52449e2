package weka.classifiers.functions.backprop.kernel;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A handful of reusable scratch buffers shared by all threads, one lent per concurrent caller,
 * so that a kernel allocates nothing once the pool is filled (and a caller never waits: when
 * every kept buffer is lent, a new one is made and, if no slot is free on return, dropped).
 *
 * @param <T> the buffer type
 */
final class BufferPool<T> {

  private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(16);
  private final Supplier<T> make;

  /** @param make makes a new buffer when none is free */
  BufferPool(Supplier<T> make) {
    this.make = make;
  }

  /** @return a buffer no other caller holds until it is {@link #release released} */
  T acquire() {
    for (int s = 0; s < slots.length(); s++) {
      T b = slots.get(s);
      if (b != null && slots.compareAndSet(s, b, null)) {
        return b;
      }
    }
    return make.get();
  }

  /** @param b a buffer from {@link #acquire}, no longer used by the caller */
  void release(T b) {
    for (int s = 0; s < slots.length(); s++) {
      if (slots.get(s) == null && slots.compareAndSet(s, null, b)) {
        return;
      }
    }
  }
}
