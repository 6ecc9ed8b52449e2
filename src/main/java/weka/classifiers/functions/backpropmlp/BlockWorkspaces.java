package weka.classifiers.functions.backpropmlp;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.Workspace;

/**
 * The dense prediction workspaces of {@link BatchPrediction}, kept between calls instead of made
 * anew for each: a call of {@code distributionsForInstances} on 784-input rows needs a block of
 * 256 rows, 1.9 MB of buffers, and G1 places its 1.6 MB input array in regions of its own
 * ("humongous"), whose allocations start collections of their own: 0.15-2.5 ms a call, and as
 * much again on each thread of a prediction on two. Kept, predicting 10,000 Fashion-MNIST
 * rows with 784-64-10 took a few per cent less time on one thread and about a quarter less on two
 * (bench/README.md, "Prediction workspaces kept between calls").
 *
 * <p>Held here, not by the model: an ensemble of a hundred such models would otherwise keep a
 * hundred workspaces. At most {@value #SLOTS} are kept, behind soft references, so the collector
 * frees them before it would run out of memory. A workspace serves a network of the same layer
 * widths and a block of the same rows ({@link Workspace#fitsPrediction}); its buffers are written
 * before they are read, so the predictions are the same bits as with a new one. Safe for
 * concurrent callers: each workspace is handed to one thread at a time.
 */
final class BlockWorkspaces {

  /** Most workspaces kept: a prediction's threads on a small machine, or a few models' shapes. */
  static final int SLOTS = 4;

  private static final AtomicReferenceArray<SoftReference<Workspace>> SPARE =
      new AtomicReferenceArray<>(SLOTS);
  /** Which slot a workspace replaces when every slot holds one. */
  private static final AtomicInteger NEXT = new AtomicInteger();

  private BlockWorkspaces() {}

  /**
   * A dense prediction workspace for {@code net} and blocks of {@code block} rows: a kept one
   * that fits, else a new one.
   *
   * @param net the network to predict with
   * @param block rows per block
   * @return a workspace for the calling thread alone, until it is {@link #giveBack given back}
   */
  static Workspace take(Network net, int block) {
    for (int s = 0; s < SLOTS; s++) {
      SoftReference<Workspace> ref = SPARE.get(s);
      Workspace ws = ref == null ? null : ref.get();
      if (ws != null && ws.fitsPrediction(net, block) && SPARE.compareAndSet(s, ref, null)) {
        return ws;
      }
    }
    return new Workspace(net, block, false);
  }

  /**
   * Keeps a workspace the caller no longer uses: in an empty slot (or one the collector
   * emptied), else in place of a kept one, the slots taking turns.
   *
   * @param ws a workspace from {@link #take}
   */
  static void giveBack(Workspace ws) {
    SoftReference<Workspace> kept = new SoftReference<>(ws);
    for (int s = 0; s < SLOTS; s++) {
      SoftReference<Workspace> ref = SPARE.get(s);
      if ((ref == null || ref.get() == null) && SPARE.compareAndSet(s, ref, kept)) {
        return;
      }
    }
    SPARE.set(Math.floorMod(NEXT.getAndIncrement(), SLOTS), kept);
  }

  /** Drops every kept workspace (for tests that need a new one). */
  static void clear() {
    for (int s = 0; s < SLOTS; s++) {
      SPARE.set(s, null);
    }
  }
}
