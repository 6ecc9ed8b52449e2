import weka.classifiers.functions.backprop.kernel.Kernels;
import java.util.*;
import java.util.concurrent.atomic.*;

/**
 * How much a second thread could gain on 784-64-10 at batch 32 if the two threads split the
 * first layer over its inputs (p) instead of over its units or rows: each thread owns half of the
 * 784 inputs, i.e. its columns of the mini-batch, of W, of the gradient and of the momentum, and
 * only the 32×64 partial sums and deltas cross between the cores (two barriers a step). One
 * thread's step (copy the batch, Z = X·Wᵀ + b, a stand-in for the small layers, G = Δᵀ·X,
 * momentum SGD on W) is timed against the split one, 20,000 steps, four rounds.
 *
 * <p>With the argument {@code middle}, the stand-in for the small layers is one of their size
 * (ReLU, a 64×10 layer and the delta back through it), run on one thread between the barriers
 * as above or split by rows over both threads, each variant timed in six rounds.
 *
 * <p>A probe, not product code. The engine has since adopted the split for first layers of 256
 * or more inputs ({@code Network.inputSplit}, {@code GradientStep.enterEpochLayout}); what it
 * gained there, and why less than here: bench/README.md, "Inputs split in two"; the middle
 * variants: "The update and the batch's copy folded into the passes".
 *
 * <pre>mvn -q compile && java -cp target/classes bench/kernel-shape/InputSplitCeiling.java [middle]</pre>
 */
public class InputSplitCeiling {
  static final int B = 32, IN = 784, H = 64, HALF = 392, ROWS = 10000;
  static double[] data = new double[ROWS * IN];
  // spin barrier for 2 threads
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
      Arrays.fill(g, 0.0);
      Kernels.addTransposedProduct(d, 0, H, x, 0, in, g, 0, in, 0, H, in, B, true);
      for (int i = 0; i < w.length; i++) { v[i] = 0.9 * v[i] + g[i]; w[i] -= 0.01 * v[i]; }
    }
  }
  static void small(double[] z, double[] d) { for (int i = 0; i < B * H; i++) d[i] = Math.max(0, z[i]) * 1e-3 - 1e-4; }
  static final int O = 10;
  static final double[] w2 = new double[O * H];
  /** Rows [r0, r1): a = relu(z0 + z1 + b), out = a W2^T, d = (1e-3 out W2) where a > 0. */
  static void middle(double[] z0, double[] z1, double[] bias, double[] d, int r0, int r1) {
    double[] a = new double[H], o = new double[O];
    for (int i = r0; i < r1; i++) {
      for (int j = 0; j < H; j++) { double z = (z0[i * H + j] + z1[i * H + j]) + bias[j]; a[j] = z > 0 ? z : 0; }
      for (int u = 0; u < O; u++) { double t = 0; for (int j = 0; j < H; j++) t += a[j] * w2[u * H + j]; o[u] = t * 1e-3; }
      for (int j = 0; j < H; j++) { double t = 0; for (int u = 0; u < O; u++) t += o[u] * w2[u * H + j]; d[i * H + j] = a[j] > 0 ? t : 0; }
    }
  }

  /** Two threads split over p, the middle on thread 0 alone or (byRows) split by rows; us/step. */
  static double twoWithMiddle(int[][] batches, double[] bias, boolean byRows) throws InterruptedException {
    int steps = batches.length;
    Part p0 = new Part(HALF, 0, new Random(3)), p1 = new Part(IN - HALF, HALF, new Random(4));
    double[] z0 = new double[B * H], z1 = new double[B * H], d2 = new double[B * H];
    Thread worker = new Thread(() -> {
      for (int s = 0; s < steps; s++) {
        p1.load(batches[s]); p1.forward(z1, null);
        await();
        if (byRows) middle(z0, z1, bias, d2, B / 2, B);
        await();
        p1.gradientAndUpdate(d2);
      }
    });
    worker.start();
    long t0 = System.nanoTime();
    for (int s = 0; s < steps; s++) {
      p0.load(batches[s]); p0.forward(z0, null);
      await();
      middle(z0, z1, bias, d2, 0, byRows ? B / 2 : B);
      await();
      p0.gradientAndUpdate(d2);
    }
    worker.join();
    return (System.nanoTime() - t0) / 1e3 / steps;
  }

  public static void main(String[] a) throws Exception {
    Random r = new Random(1);
    for (int i = 0; i < data.length; i++) data[i] = r.nextDouble();
    int steps = 20000;
    int[][] batches = new int[steps][B];
    for (int[] b : batches) for (int i = 0; i < B; i++) b[i] = r.nextInt(ROWS);
    double[] bias = new double[H];
    if (a.length > 0 && a[0].equals("middle")) {
      for (int i = 0; i < w2.length; i++) w2[i] = r.nextGaussian();
      double[] zero = new double[B * H];
      for (int round = 0; round < 6; round++) {
        Part full = new Part(IN, 0, new Random(2));
        double[] z = new double[B * H], d = new double[B * H];
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) { full.load(batches[s]); full.forward(z, null); middle(z, zero, bias, d, 0, B); full.gradientAndUpdate(d); }
        double one = (System.nanoTime() - t0) / 1e3 / steps;
        double serial = twoWithMiddle(batches, bias, false), rows = twoWithMiddle(batches, bias, true);
        System.out.printf(Locale.ROOT, "round %d: 1 thread %.1f us/step; 2 threads, middle on one %.1f (%.2fx), middle split by rows %.1f (%.2fx)%n", round, one, serial, one / serial, rows, one / rows);
      }
      return;
    }
    for (int round = 0; round < 4; round++) {
      // one thread, full width
      Part full = new Part(IN, 0, new Random(2));
      double[] z = new double[B * H], d = new double[B * H];
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) { full.load(batches[s]); full.forward(z, bias); small(z, d); full.gradientAndUpdate(d); }
      double one = (System.nanoTime() - t0) / 1e3 / steps;
      // two threads, split over p
      Part p0 = new Part(HALF, 0, new Random(3)), p1 = new Part(IN - HALF, HALF, new Random(4));
      double[] z0 = new double[B * H], z1 = new double[B * H], d2 = new double[B * H];
      Thread worker = new Thread(() -> {
        for (int s = 0; s < steps; s++) {
          p1.load(batches[s]); p1.forward(z1, null);
          await(); // partial sums ready
          await(); // deltas ready
          p1.gradientAndUpdate(d2);
        }
      });
      worker.start();
      t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        p0.load(batches[s]); p0.forward(z0, null);
        await();
        for (int i = 0; i < B * H; i++) z0[i] = (z0[i] + z1[i]) + bias[i % H];
        small(z0, d2);
        await();
        p0.gradientAndUpdate(d2);
      }
      worker.join();
      double two = (System.nanoTime() - t0) / 1e3 / steps;
      System.out.printf(Locale.ROOT, "round %d: 1 thread %.1f us/step, 2 threads split over p %.1f us/step, speed-up %.2f%n", round, one, two, one / two);
    }
  }
}
