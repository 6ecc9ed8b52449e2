package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.model.Workspace;

/**
 * Copies a mini-batch's inputs into a {@link Workspace} for the {@link Trainer}: dense rows from
 * the encoded copy or a {@link DenseRowSource}, split over the pool's threads, the first layer's
 * two input halves each into a block of its own, or a sparse batch's non-zeros.
 */
final class BatchLoader {

  private final Network net;
  private final Dataset data;
  private final Workspace ws;

  /**
   * @param net the network trained (its first layer's layout decides the halves)
   * @param data the rows to copy from
   * @param ws the workspace to copy into
   */
  BatchLoader(Network net, Dataset data, Workspace ws) {
    this.net = net;
    this.data = data;
    this.ws = ws;
  }

  /**
   * Copies the inputs of data rows {@code rows[start .. start + n)} into the workspace's input
   * batch: the dense rows, the rows of a {@link DenseRowSource} (encoded now, into the batch
   * itself), or the sparse rows' non-zeros (the buffer holds the {@code n} longest rows of the
   * data, so they always fit).
   */
  void loadInputs(int[] rows, int start, int n, WorkerPool pool) {
    SparseRows batch = ws.sparseInput();
    if (data.rowSource() == null && batch != null) {
      SparseRows all = data.sparseX();
      batch.clear();
      for (int r = 0; r < n; r++) {
        batch.appendRow(all, rows[start + r]);
      }
      return;
    }
    fillTask.rows = rows;
    fillTask.start = start;
    fillTask.count = n;
    fillTask.byHalves = net.firstLayer().inSplitLayout() && data.rowSource() == null
        && pool != null && pool.threads() > 1;
    ws.setInputInBlocks(fillTask.byHalves);
    if (fillTask.byHalves) {
      // the first layer works by input halves (FirstLayerLayout.inputSplit): each thread copies the
      // half of every row that its products will read into a block of its own, so that half
      // never crosses cores and no cache line of the batch is written by both
      pool.runChunks(fillTask, 2, 2);
    } else if (pool == null || pool.threads() == 1) {
      fillTask.run(0, n);
    } else {
      // split by rows, one block per thread (the caller takes the first): encoding a batch from
      // Weka's instances is serial work as large as a tenth of a 784-64-10 step, and even a
      // copy of encoded rows is better done by both threads, each of which then reads only
      // the other's half of the batch from the other core's cache instead of all of it
      pool.runChunks(fillTask, n, pool.threads());
    }
  }

  /**
   * Fills rows {@code [from, to)} of the input batch, from the row source or the encoded copy;
   * or, {@code byHalves}, input halves {@code [from, to)} (0, 1) of all its rows from the copy,
   * each into its block ({@link Workspace#setInputInBlocks}).
   */
  private final class FillTask implements WorkerPool.RangeTask {

    int[] rows;
    int start;
    int count;
    boolean byHalves;

    @Override
    public void run(int from, int to) {
      if (byHalves) {
        for (int half = from; half < to; half++) {
          copyHalf(half, rows, start, count);
        }
        return;
      }
      DenseRowSource source = data.rowSource();
      double[] xb = ws.activations(0);
      if (source != null) {
        source.fill(rows, start + from, to - from, xb, from);
        return;
      }
      int in = net.inputs();
      double[] x = data.x();
      for (int r = from; r < to; r++) {
        System.arraycopy(x, rows[start + r] * in, xb, r * in, in);
      }
    }
  }

  private final FillTask fillTask = new FillTask();

  /**
   * Input half {@code half} of data rows {@code rows[start .. start + count)} from the encoded
   * copy into its block of the input batch ({@link Workspace#setInputInBlocks}), on the thread
   * that will compute with it.
   */
  private void copyHalf(int half, int[] rows, int start, int count) {
    int in = net.inputs();
    double[] x = data.x();
    double[] xb = ws.activations(0);
    int c0 = net.firstLayer().halfStart(half);
    int width = net.firstLayer().halfWidth(half);
    int block = ws.inputHalfOffset(half);
    int stride = ws.inputRowStride(half);
    for (int r = 0; r < count; r++) {
      System.arraycopy(x, rows[start + r] * in + c0, xb, block + r * stride, width);
    }
  }
}
