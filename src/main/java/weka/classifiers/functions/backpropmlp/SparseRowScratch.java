package weka.classifiers.functions.backpropmlp;

import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.classifiers.functions.backprop.model.Workspace;
import weka.core.Instance;

/**
 * One thread's buffers for predicting one instance on the sparse route: the instance's encoded
 * non-zeros and a one-row workspace with a sparse input, kept between calls and grown when an
 * instance has more non-zeros than any before. Why: a workspace and two arrays made per call
 * (about 2 KB with 5,000 inputs) were garbage on every {@code distributionForInstance}, where
 * the dense route allocates nothing but its result (the style rule: no allocation per example).
 */
final class SparseRowScratch {

  private int[] cols = new int[0];
  private double[] vals;
  private Workspace ws;

  private void grow(Network net, int nonZeros) {
    cols = new int[nonZeros];
    vals = new double[nonZeros];
    ws = new Workspace(net, 1, false, nonZeros);
  }

  /**
   * Runs {@code instance} through the network. The network is passed in, not kept: a thread's
   * buffers outlive a discarded model until the thread cleans its table, and should not keep its
   * weights alive meanwhile.
   *
   * @param net the model's network (always the same one for these buffers)
   * @param encoder the model's sparse-route row encoder
   * @param instance the instance
   * @return the output layer's activations (live: valid until this thread's next call)
   */
  double[] predict(Network net, SparseRowEncoder encoder, Instance instance) {
    int bound = encoder.maxNonZeros(instance);
    // ws == null: a first row that stores no value (every input 0) bounds its non-zeros by 0,
    // which had left the buffers unmade and thrown a NullPointerException
    if (ws == null || bound > cols.length) {
      grow(net, Math.max(Math.max(bound, 64), 2 * cols.length));
    }
    int nnz = encoder.encode(instance, cols, vals, 0);
    double[] out = ws.activations(net.numLayers());
    ExtremeInputs.predict(() -> forward(net, nnz), out, net.outputs(), vals, nnz);
    return out;
  }

  private void forward(Network net, int nnz) {
    SparseRows input = ws.sparseInput();
    input.clear();
    input.appendRow(cols, vals, 0, nnz);
    net.forward(ws, 0, 1);
  }
}
