import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The sparse first layer's two loops on a batch of 32 rows, each in two memory shapes, with the
 * same sums in the same order (the program checks the bits): why the weight gradient by columns
 * reads Δ one array per row and sums each column's run in a buffer at index 0
 * ({@code SparseKernels.addTransposedProductByColumn}), and why the forward product stays by
 * rows.
 *
 * <ul>
 *   <li>forward {@code Z = X·W} with W stored by input: {@code cur} walks each row's non-zeros
 *       and adds four runs of W into the row of Z, every array flat at an offset of its own (the
 *       engine's {@code multiplyByInput}); {@code col} walks the batch by columns, copies the
 *       column's run of W to index 0 and adds it into one array per row of Z;
 *   <li>gradient {@code G += Δᵀ·X} by columns: {@code cur} with G and Δ flat at offsets of their
 *       own (the engine's loop before), {@code acc} with the column's run of G copied to a buffer
 *       and Δ one array per row, every loop from index 0 (the engine's loop now).
 * </ul>
 *
 * C2 (Java 17 and 25) vectorizes a loop over two {@code double[]} at different offsets only if
 * it can tell the arrays apart, which it cannot for parameters, so the flat loops run scalar.
 * Arguments: inputs, density, units (e.g. {@code 180 0.25 64} as dna, {@code 20000 0.005 64} as
 * a bag of words); bench/README.md, "The sparse gradient's rows at offset 0".
 *
 * <pre>java bench/kernel-shape/SparseShapes.java 180 0.25 64</pre>
 */
public class SparseShapes {

  /** Forward, by rows: four runs of W (flat, by input) per pass into Z's flat row. */
  static void forwardCur(int[] rowStart, int[] cols, double[] vals, double[] wt, int ldw,
      double[] c, int rows, int units) {
    for (int i = 0; i < rows; i++) {
      int ci = i * units;
      int k = rowStart[i];
      int k1 = rowStart[i + 1];
      Arrays.fill(c, ci, ci + units, 0.0);
      for (; k + 3 < k1; k += 4) {
        int q0 = cols[k] * ldw;
        int q1 = cols[k + 1] * ldw;
        int q2 = cols[k + 2] * ldw;
        int q3 = cols[k + 3] * ldw;
        double v0 = vals[k];
        double v1 = vals[k + 1];
        double v2 = vals[k + 2];
        double v3 = vals[k + 3];
        for (int j = 0; j < units; j++) {
          c[ci + j] = Math.fma(v3, wt[q3 + j], Math.fma(v2, wt[q2 + j],
              Math.fma(v1, wt[q1 + j], Math.fma(v0, wt[q0 + j], c[ci + j]))));
        }
      }
      for (; k < k1; k++) {
        int q = cols[k] * ldw;
        double v = vals[k];
        for (int j = 0; j < units; j++) {
          c[ci + j] = Math.fma(v, wt[q + j], c[ci + j]);
        }
      }
    }
  }

  /** Forward, by columns: the column's run of W copied to index 0, Z one array per row. */
  static void forwardCol(Batch b, double[] wt, int ldw, double[] run, double[][] z, int units) {
    for (double[] row : z) {
      Arrays.fill(row, 0, units, 0.0);
    }
    for (int t = 0; t < b.present; t++) {
      System.arraycopy(wt, b.columns[t] * ldw, run, 0, units);
      int e = b.starts[t];
      int e1 = b.starts[t + 1];
      for (; e + 1 < e1; e += 2) {
        double[] z0 = z[b.rows[e]];
        double[] z1 = z[b.rows[e + 1]];
        double v0 = b.values[e];
        double v1 = b.values[e + 1];
        for (int j = 0; j < units; j++) {
          z0[j] = Math.fma(v0, run[j], z0[j]);
          z1[j] = Math.fma(v1, run[j], z1[j]);
        }
      }
      for (; e < e1; e++) {
        double[] z0 = z[b.rows[e]];
        double v0 = b.values[e];
        for (int j = 0; j < units; j++) {
          z0[j] = Math.fma(v0, run[j], z0[j]);
        }
      }
    }
  }

  /** Gradient by columns, G and Δ flat at offsets of their own (the engine's loop before). */
  static void gradientCur(double[] d, Batch b, double[] g, int units) {
    for (int t = 0; t < b.present; t++) {
      int q = b.columns[t] * units;
      int e = b.starts[t];
      int e1 = b.starts[t + 1];
      for (; e + 3 < e1; e += 4) {
        int d0 = b.rows[e] * units;
        int d1 = b.rows[e + 1] * units;
        int d2 = b.rows[e + 2] * units;
        int d3 = b.rows[e + 3] * units;
        double v0 = b.values[e];
        double v1 = b.values[e + 1];
        double v2 = b.values[e + 2];
        double v3 = b.values[e + 3];
        for (int j = 0; j < units; j++) {
          g[q + j] = Math.fma(d[d3 + j], v3, Math.fma(d[d2 + j], v2,
              Math.fma(d[d1 + j], v1, Math.fma(d[d0 + j], v0, g[q + j]))));
        }
      }
      for (; e < e1; e++) {
        int di = b.rows[e] * units;
        double v = b.values[e];
        for (int j = 0; j < units; j++) {
          g[q + j] = Math.fma(d[di + j], v, g[q + j]);
        }
      }
    }
  }

  /** Gradient by columns, the run of G in a buffer, Δ one array per row (the engine's now). */
  static void gradientAcc(double[][] d, Batch b, double[] g, double[] run, int units) {
    for (int t = 0; t < b.present; t++) {
      int q = b.columns[t] * units;
      int e = b.starts[t];
      int e1 = b.starts[t + 1];
      System.arraycopy(g, q, run, 0, units);
      for (; e + 3 < e1; e += 4) {
        double[] d0 = d[b.rows[e]];
        double[] d1 = d[b.rows[e + 1]];
        double[] d2 = d[b.rows[e + 2]];
        double[] d3 = d[b.rows[e + 3]];
        double v0 = b.values[e];
        double v1 = b.values[e + 1];
        double v2 = b.values[e + 2];
        double v3 = b.values[e + 3];
        for (int j = 0; j < units; j++) {
          run[j] = Math.fma(d3[j], v3,
              Math.fma(d2[j], v2, Math.fma(d1[j], v1, Math.fma(d0[j], v0, run[j]))));
        }
      }
      for (; e < e1; e++) {
        double[] d0 = d[b.rows[e]];
        double v = b.values[e];
        for (int j = 0; j < units; j++) {
          run[j] = Math.fma(d0[j], v, run[j]);
        }
      }
      System.arraycopy(run, 0, g, q, units);
    }
  }

  /** A batch by columns: the present columns, and for each its rows and values. */
  static final class Batch {
    final int present;
    final int[] columns;
    final int[] starts;
    final int[] rows;
    final double[] values;

    Batch(int inputs, int n, int[] rowStart, int[] cols, double[] vals) {
      int[] count = new int[inputs];
      for (int c : cols) {
        count[c]++;
      }
      int p = 0;
      for (int c = 0; c < inputs; c++) {
        p += count[c] > 0 ? 1 : 0;
      }
      present = p;
      columns = new int[p];
      starts = new int[p + 1];
      int[] next = new int[inputs];
      for (int c = 0, t = 0; c < inputs; c++) {
        if (count[c] > 0) {
          columns[t] = c;
          starts[t + 1] = starts[t] + count[c];
          next[c] = starts[t];
          t++;
        }
      }
      rows = new int[cols.length];
      values = new double[cols.length];
      for (int i = 0; i < n; i++) {
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          int e = next[cols[k]]++;
          rows[e] = i;
          values[e] = vals[k];
        }
      }
    }
  }

  public static void main(String[] args) {
    int inputs = Integer.parseInt(args[0]);
    double density = Double.parseDouble(args[1]);
    int units = Integer.parseInt(args[2]);
    int n = 32;
    Random rnd = new Random(1);
    int[] rowStart = new int[n + 1];
    ArrayList<Integer> at = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < inputs; p++) {
        if (rnd.nextDouble() < density) {
          at.add(p);
        }
      }
      rowStart[i + 1] = at.size();
    }
    int nnz = at.size();
    int[] cols = new int[nnz];
    double[] vals = new double[nnz];
    for (int k = 0; k < nnz; k++) {
      cols[k] = at.get(k);
      vals[k] = rnd.nextDouble();
    }
    Batch batch = new Batch(inputs, n, rowStart, cols, vals);
    double[] wt = gaussian(rnd, inputs * units);
    double[] d = gaussian(rnd, n * units);
    double[][] dRows = new double[n][units];
    double[] z = new double[n * units];
    double[][] zRows = new double[n][units];
    double[] run = new double[units];
    double[] g1 = new double[inputs * units];
    double[] g2 = new double[inputs * units];
    int reps = (int) Math.max(200, 2e8 / ((double) nnz * units));
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        forwardCur(rowStart, cols, vals, wt, units, z, n, units);
      }
      long t1 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        forwardCol(batch, wt, units, run, zRows, units);
      }
      long t2 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        gradientCur(d, batch, g1, units);
      }
      long t3 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        for (int i = 0; i < n; i++) {
          System.arraycopy(d, i * units, dRows[i], 0, units);
        }
        gradientAcc(dRows, batch, g2, run, units);
      }
      long t4 = System.nanoTime();
      System.out.printf(Locale.ROOT, "inputs %d, %d non-zeros, %d units: forward cur %.2f"
          + " / col %.2f us, gradient cur %.2f / acc %.2f us%n", inputs, nnz, units,
          (t1 - t0) / 1e3 / reps, (t2 - t1) / 1e3 / reps, (t3 - t2) / 1e3 / reps,
          (t4 - t3) / 1e3 / reps);
    }
    boolean same = true;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < units; j++) {
        same &= Double.doubleToRawLongBits(z[i * units + j])
            == Double.doubleToRawLongBits(zRows[i][j]);
      }
    }
    System.out.println("the same bits: forward " + same + ", gradient " + Arrays.equals(g1, g2));
  }

  private static double[] gaussian(Random rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextGaussian();
    }
    return a;
  }
}
