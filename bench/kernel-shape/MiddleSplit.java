import weka.classifiers.functions.backprop.kernel.Kernels;
import java.util.*;
import java.util.concurrent.atomic.*;

/**
 * Whether the serial middle of a two-thread step on 784-64-10 (batch 32, the first layer cut
 * into input halves as the engine does) is worth splitting by rows: each thread copies its half
 * of the batch, computes its half's partial sums, then (A) thread 0 alone, or (B) each thread for
 * half of the rows, adds the partial sums and runs a stand-in for the rest of the network
 * (ReLU, a 64×10 layer and the delta back through it), and each thread computes its half's
 * gradient and momentum update. Two spin barriers a step, no pool. Timed against one thread
 * doing the same work, 20,000 steps, six rounds.
 *
 * <p>A probe, not product code; what it showed: bench/README.md, "The update and the batch's
 * copy folded into the passes".
 *
 * <pre>mvn -q compile && java -cp target/classes bench/kernel-shape/MiddleSplit.java</pre>
 */
public class MiddleSplit {
  static final int B = 32, IN = 784, H = 64, O = 10, HALF = 392, ROWS = 10000;
  static double[] data = new double[ROWS * IN];
  static final AtomicInteger arrived = new AtomicInteger();
  static volatile int gen;
  static void await() {
    int g = gen;
    if (arrived.incrementAndGet() == 2) { arrived.set(0); gen = g + 1; }
    else { while (gen == g) Thread.onSpinWait(); }
  }
  static final class Part {
    final int in, off; final double[] x, w, v, g;
    Part(int in, int off, Random r) { this.in = in; this.off = off; x = new double[B * in]; w = new double[H * in]; v = new double[H * in]; g = new double[H * in]; for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian() * 0.05; }
    void load(int[] rows) { for (int i = 0; i < B; i++) System.arraycopy(data, rows[i] * IN + off, x, i * in, in); }
    void forward(double[] z, double[] bias) { Kernels.multiplyTransposed(x, 0, w, 0, z, 0, 0, B, H, in, bias, 0, false); }
    void gradientAndUpdate(double[] d) {
      Kernels.addTransposedProduct(d, 0, H, x, 0, in, g, 0, in, 0, H, in, B, false);
      for (int i = 0; i < w.length; i++) { v[i] = 0.9 * v[i] + g[i]; w[i] -= 0.01 * v[i]; }
    }
  }
  static double[] w2 = new double[O * H];
  /** rows [r0, r1): z = z0 + z1, a = relu(z), out = a W2^T, d2 = out*1e-3, d1 = (d2 W2) * (z>0) */
  static void middle(double[] z0, double[] z1, double[] d1, int r0, int r1) {
    double[] a = new double[H]; double[] o = new double[O];
    for (int i = r0; i < r1; i++) {
      for (int j = 0; j < H; j++) { double z = z0[i * H + j] + z1[i * H + j]; a[j] = z > 0 ? z : 0; }
      for (int u = 0; u < O; u++) { double s = 0; for (int j = 0; j < H; j++) s += a[j] * w2[u * H + j]; o[u] = s * 1e-3; }
      for (int j = 0; j < H; j++) { double s = 0; for (int u = 0; u < O; u++) s += o[u] * w2[u * H + j]; d1[i * H + j] = a[j] > 0 ? s : 0; }
    }
  }

  public static void main(String[] args) throws Exception {
    Random r = new Random(1);
    for (int i = 0; i < data.length; i++) data[i] = r.nextDouble();
    for (int i = 0; i < w2.length; i++) w2[i] = r.nextGaussian();
    int steps = 20000;
    int[][] batches = new int[steps][B];
    for (int[] b : batches) for (int i = 0; i < B; i++) b[i] = r.nextInt(ROWS);
    double[] bias = new double[H];
    for (int round = 0; round < 6; round++) {
      Part full = new Part(IN, 0, new Random(2));
      double[] z = new double[B * H], zero = new double[B * H], d = new double[B * H];
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) { full.load(batches[s]); full.forward(z, bias); middle(z, zero, d, 0, B); full.gradientAndUpdate(d); }
      double one = (System.nanoTime() - t0) / 1e3 / steps;
      double[] res = new double[2];
      for (int variant = 0; variant < 2; variant++) {
        final boolean split = variant == 1;
        Part p0 = new Part(HALF, 0, new Random(3)), p1 = new Part(IN - HALF, HALF, new Random(4));
        double[] z0 = new double[B * H], z1 = new double[B * H], d2 = new double[B * H];
        Thread worker = new Thread(() -> {
          for (int s = 0; s < steps; s++) {
            p1.load(batches[s]); p1.forward(z1, null);
            await();
            if (split) middle(z0, z1, d2, B / 2, B);
            await();
            p1.gradientAndUpdate(d2);
          }
        });
        worker.start();
        t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          p0.load(batches[s]); p0.forward(z0, bias);
          await();
          if (split) middle(z0, z1, d2, 0, B / 2); else middle(z0, z1, d2, 0, B);
          await();
          p0.gradientAndUpdate(d2);
        }
        worker.join();
        res[variant] = (System.nanoTime() - t0) / 1e3 / steps;
      }
      System.out.printf(Locale.ROOT, "round %d: 1 thread %.1f us/step; 2 threads serial middle %.1f (%.2fx), row-split middle %.1f (%.2fx)%n", round, one, res[0], one / res[0], res[1], one / res[1]);
    }
  }
}
