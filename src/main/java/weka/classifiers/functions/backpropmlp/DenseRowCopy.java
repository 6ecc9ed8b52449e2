package weka.classifiers.functions.backpropmlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import weka.core.AbstractInstance;
import weka.core.DenseInstance;
import weka.core.Instance;

/**
 * The fast path of {@link InstanceEncoder} for rows of plain numeric attributes whose inputs are
 * one contiguous run of the instance's values (the class attribute first or last): it reads
 * a {@link DenseInstance}'s value array itself, checks the whole row for missing or infinite
 * values with vectorized loops, and copies or rescales it in loops that HotSpot's C2
 * vectorizes, instead of calling {@link Instance#value(int)} once per attribute. Prediction
 * copies such rows without the check ({@link #copy}) and finds the rare bad row afterwards.
 *
 * <p>Why: with 784 inputs the per-value loop was about 30 % of {@code distributionsForInstances}'
 * time with the Vector API kernels and 17 % with the pure-Java ones, most of it the calls and,
 * for standardized inputs, a scalar division per value (bench/README.md, "Reading dense rows
 * whole").
 *
 * <p>Weka keeps a dense instance's values in {@code AbstractInstance.m_AttValues}, a protected
 * field with no public accessor ({@link Instance#toDoubleArray()} copies it, which costs more
 * than it saves); it is read here through a {@link VarHandle} found once. The field is only
 * read, never written, and only for instances whose class is exactly {@code DenseInstance},
 * whose {@code value(i)} is {@code m_AttValues[i]}. Where the handle cannot be had (a Weka
 * without that field, a security manager that refuses it), {@link #available()} is false and
 * the encoder keeps its per-value loop: the values, and so the models' bits, are the same
 * either way.
 */
final class DenseRowCopy {

  /** {@code AbstractInstance.m_AttValues}, or null where it cannot be read. */
  private static final VarHandle VALUES = findValues();

  /**
   * Per thread: a row of rescaled values and a row of {@code v − v} (0, or NaN if bad), as wide
   * as the widest row this thread has copied (see {@link #scratch()}). One for all instances,
   * not one per instance: an encoder is made per build, and a {@code ThreadLocal} per build
   * filled the thread's table with stale entries until a lookup took the table's other path,
   * which the JIT compiler had compiled as a trap: in the timed runs after a warm-up it threw
   * away and recompiled {@link #encode} and its callers (about 25 ms of compilation, some 2 % of
   * ten 10-fold runs of a 200-row set; bench/README.md, "Copies of an untrained classifier").
   */
  private static final ThreadLocal<double[][]> SCRATCH = new ThreadLocal<>();
  /** {@code width} zeros, to compare the {@code v − v} row against. */
  private final double[] zeros;
  private final int first;
  private final int width;

  /**
   * @param first index of the first input attribute (0 with the class last, 1 with it first)
   * @param width number of input attributes, which follow each other from {@code first}
   */
  DenseRowCopy(int first, int width) {
    this.first = first;
    this.width = width;
    this.zeros = new double[width];
  }

  /** The calling thread's two scratch rows, at least {@link #width} long. */
  private double[][] scratch() {
    double[][] rows = SCRATCH.get();
    if (rows == null || rows[0].length < width) {
      rows = new double[2][width];
      SCRATCH.set(rows);
    }
    return rows;
  }

  /** @return whether this JVM lets the value arrays of dense instances be read */
  static boolean available() {
    return VALUES != null;
  }

  /**
   * Encodes {@code inst}'s inputs as {@code out[off + j] = v / scale[j] − shift[j]} (or
   * {@code v} when {@code unscaled}), the very expression of the encoder's per-value loop, when
   * it is a {@link DenseInstance} without a missing or infinite input.
   *
   * @param inst the instance
   * @param scale divisor per input
   * @param shift {@code centre / scale} per input
   * @param unscaled whether every input has centre 0 and scale 1 (the values are copied)
   * @param out destination
   * @param off offset of the row in {@code out}
   * @return false, with nothing written, where the caller must encode the row value by value:
   *     another kind of instance, or a missing or infinite value (which the caller imputes)
   */
  boolean encode(Instance inst, double[] scale, double[] shift, boolean unscaled, double[] out,
      int off) {
    double[] values = values(inst);
    if (values == null) {
      return false;
    }
    double[][] rows = scratch();
    double[] row = rows[0];
    double[] check = rows[1];
    int w = width;
    System.arraycopy(values, first, row, 0, w);
    // v − v is +0 for every finite v and NaN for NaN (Weka's missing value) and ±∞; one
    // vectorized comparison of the bits then finds any of them
    for (int j = 0; j < w; j++) {
      check[j] = row[j] - row[j];
    }
    if (Arrays.mismatch(check, 0, w, zeros, 0, w) >= 0) {
      return false;
    }
    if (!unscaled) {
      rescale(row, scale, shift);
    }
    System.arraycopy(row, 0, out, off, w);
    return true;
  }

  /**
   * As {@link #encode}, without looking for missing or infinite values: a NaN or ±∞ is copied
   * (or rescaled) as it is, where {@link #encode} leaves the row to the caller's imputation, so
   * the caller must find such rows afterwards and encode them again (see {@link
   * InstanceEncoder#encodeUnchecked}). Why: the check read the row twice more, over a third of
   * a 784-input row's encoding, for rows that are nearly always complete.
   *
   * @return false, with nothing written, for another kind of instance than {@link DenseInstance}
   */
  boolean copy(Instance inst, double[] scale, double[] shift, boolean unscaled, double[] out,
      int off) {
    double[] values = values(inst);
    if (values == null) {
      return false;
    }
    if (unscaled) {
      System.arraycopy(values, first, out, off, width);
    } else {
      double[] row = scratch()[0];
      System.arraycopy(values, first, row, 0, width);
      rescale(row, scale, shift);
      System.arraycopy(row, 0, out, off, width);
    }
    return true;
  }

  /** @return {@code inst}'s value array, or null where it cannot or must not be read */
  private static double[] values(Instance inst) {
    if (VALUES == null || inst.getClass() != DenseInstance.class) {
      return null;
    }
    return (double[]) VALUES.get((AbstractInstance) inst);
  }

  /**
   * {@code row[j] = row[j] / scale[j] − shift[j]}, in place: the encoder's expression (the scratch
   * row and the tables share offsets, which C2 needs to vectorize the loop).
   */
  private void rescale(double[] row, double[] scale, double[] shift) {
    for (int j = 0; j < width; j++) {
      row[j] = row[j] / scale[j] - shift[j];
    }
  }

  private static VarHandle findValues() {
    try {
      VarHandle h = MethodHandles.privateLookupIn(AbstractInstance.class, MethodHandles.lookup())
          .findVarHandle(AbstractInstance.class, "m_AttValues", double[].class);
      double[] probe = {1, 2};
      return h.get(new DenseInstance(1, probe)) == probe ? h : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // no such field, or not accessible: the per-value loop it is
    }
  }
}
