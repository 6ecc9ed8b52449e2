package weka.classifiers.functions.backprop;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import weka.classifiers.functions.backprop.optim.Optimizer;

/**
 * One optimizer step on the mini-batch held in a {@link Workspace}: forward pass, backward pass,
 * regularization gradient, divergence check, optional clipping of the global gradient norm
 * (Pascanu, Mikolov &amp; Bengio 2013), update. Shared by the epoch-based {@link Trainer} and the
 * row-by-row {@link StreamingTrainer}; owns the gradient buffer, the optimizer state and the
 * per-layer gradient-norm accumulators, all allocated once.
 */
public final class GradientStep {

  private final Network net;
  private final Workspace ws;
  private final double[] grad;
  private final Optimizer optimizer;
  private final Regularizer regularizer;
  private final double clipNorm;
  private final double dropout;
  private final RandomGenerator dropoutRng;
  private final double[] layerNormSq;
  private int steps;

  /**
   * @param net network to update in place
   * @param cfg hyper-parameters (optimizer, penalties, clipping, dropout, seed)
   * @param capacity largest mini-batch
   */
  public GradientStep(Network net, TrainerConfig cfg, int capacity) {
    this.net = net;
    this.ws = new Workspace(net, capacity, true);
    if (cfg.dropout > 0) {
      ws.allocateDropout(net);
    }
    this.grad = new double[net.numParameters()];
    boolean decoupled = cfg.optimizer.decouplesWeightDecay();
    this.optimizer = cfg.optimizer.create(net.numParameters(), cfg.momentum, cfg.nesterov,
        cfg.l2, Regularizer.weightRanges(net));
    this.regularizer = new Regularizer(net, cfg.l1, decoupled ? 0 : cfg.l2);
    this.clipNorm = cfg.clipNorm;
    this.dropout = cfg.dropout;
    this.dropoutRng = Seeds.stream(cfg.seed, Seeds.DROPOUT);
    this.layerNormSq = new double[net.numLayers()];
  }

  /** The workspace whose input, target and weight buffers the caller fills before a step. */
  public Workspace workspace() {
    return ws;
  }

  /**
   * Trains on the first {@code rows} rows of the workspace.
   *
   * @param rows rows filled in the workspace
   * @param lr learning rate
   * @param pool threads, or null
   * @param epoch 1-based epoch for error messages, 0 for streaming updates
   * @return {@code Σ_i w_i · loss_i} over the batch (before the update)
   * @throws DivergenceException if the loss or the gradient is not finite
   */
  public double run(int rows, double lr, WorkerPool pool, int epoch) {
    ws.drawDropoutMasks(net, dropout, rows, dropoutRng);
    Arrays.fill(grad, 0.0);
    net.forward(ws, 0, rows, pool);
    double loss = net.backward(ws, 0, rows, rows, grad, pool);
    ws.disableDropout();
    for (int l = 0; l < layerNormSq.length; l++) {
      layerNormSq[l] += Kernels.squaredNorm(grad, net.weightOffset(l), net.biasOffset(l));
    }
    steps++;
    regularizer.addGradient(net.parameters(), grad);
    double norm = Math.sqrt(Kernels.squaredNorm(grad, 0, grad.length));
    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
      throw new DivergenceException(String.format(Locale.ROOT,
          "training diverged in %s: the loss became %s at learning rate %.3g; use a lower -lr"
              + " (e.g. %.3g) or clip gradients with -clip 1",
          epoch > 0 ? "epoch " + epoch : "a streaming update", Double.isFinite(loss) ? "finite but its gradient " + norm : "" + loss, lr,
          lr / 10));
    }
    if (clipNorm > 0 && norm > clipNorm) {
      double s = clipNorm / norm;
      for (int p = 0; p < grad.length; p++) {
        grad[p] *= s;
      }
    }
    optimizer.step(net.parameters(), grad, lr);
    return loss;
  }

  /**
   * Root-mean-square gradient norm of each weight layer over the steps since the last call,
   * then starts a new accumulation.
   *
   * @param out receives one value per weight layer
   */
  public void drainLayerNorms(double[] out) {
    for (int l = 0; l < layerNormSq.length; l++) {
      out[l] = steps == 0 ? 0 : Math.sqrt(layerNormSq[l] / steps);
    }
    Arrays.fill(layerNormSq, 0.0);
    steps = 0;
  }

  /** Forgets the optimizer's state (after parameters were replaced, e.g. by averaging). */
  public void resetOptimizer() {
    optimizer.reset();
  }
}
