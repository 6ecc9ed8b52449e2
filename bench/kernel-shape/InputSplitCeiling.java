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
 * <p>A probe, not product code. The engine has since adopted the split for first layers of 256
 * or more inputs ({@code Network.inputSplit}, {@code GradientStep.enterEpochLayout}); what it
 * gained there, and why less than here: bench/README.md, "Inputs split in two".
 *
 * <pre>mvn -q compile && java -cp target/classes bench/kernel-shape/InputSplitCeiling.java</pre>
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

  public static void main(String[] a) throws Exception {
    Random r = new Random(1);
    for (int i = 0; i < data.length; i++) data[i] = r.nextDouble();
    int steps = 20000;
    int[][] batches = new int[steps][B];
    for (int[] b : batches) for (int i = 0; i < B; i++) b[i] = r.nextInt(ROWS);
    double[] bias = new double[H];
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
