package weka.classifiers.functions.backpropmlp;

import java.util.Arrays;
import weka.classifiers.functions.backprop.model.SparseRows;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Encodes instances into their non-zeros for the sparse route ({@link SparseEncoding}), with the
 * column layout and values of an {@link InstanceEncoder} on that route, never densifying a row:
 * only the values an instance stores are visited ({@code numValues()}, {@code index(i)}, {@code
 * valueSparse(i)}; for a {@code SparseInstance} its non-zeros), plus the few slots whose encoding
 * of an absent value is not zero.
 *
 * <p>Per stored value of slot {@code j} (an absent value is a present 0):
 *
 * <ul>
 *   <li>numeric: {@code v / maxAbs} (or {@code v} for NONE), kept if non-zero, so an absent
 *       value encodes as 0 and is skipped; a centred slot ({@link SparseEncoding#route})
 *       is standardized as on the dense route and visited on every row;
 *   <li>two-valued nominal: its 0/1 column;
 *   <li>k-valued nominal: the 1 of its one-hot column. Such a slot is visited on every row, since
 *       value 0 (left out of a sparse row) still sets column 0;
 *   <li>missing (NaN, stored by Weka as a non-zero; ±∞ at prediction): the imputed encoded values
 *       as on the dense route (training mean over the rows of positive weight, zeros included;
 *       value frequencies),
 *       and a 1 in the slot's missing-value indicator column when it has one;
 *   <li>a slot without any value in training is encoded as missing on every row, as densely;
 *   <li>a value the training rows never held ({@link InstanceEncoder#isKnownValue}) is encoded
 *       as the slot's imputed values, as densely, without the indicator.
 * </ul>
 *
 * The result equals the dense encoding of the same instance with its zeros left out, columns in
 * increasing order.
 */
public final class SparseRowEncoder {

  private final InstanceEncoder enc;
  /** Slots visited on every row (see the constructor), in increasing order. */
  private final int[] always;
  /** Most encoded columns one slot can produce (its values and its indicator). */
  private final int maxPerSlot;

  /**
   * An encoder of rows into their non-zeros; it notes once the slots whose absent value does not
   * encode as 0, since a sparse row leaves them out but they must still be set.
   *
   * @param enc an encoder on the sparse route ({@link InstanceEncoder#isSparse()})
   * @throws IllegalArgumentException for an encoder on the dense route
   */
  public SparseRowEncoder(InstanceEncoder enc) {
    if (!enc.isSparse()) {
      throw new IllegalArgumentException("the encoder is on the dense route");
    }
    this.enc = enc;
    int[] a = new int[enc.slots()];
    int n = 0;
    int most = 1;
    for (int j = 0; j < enc.slots(); j++) {
      // a slot whose absent (zero) value does not encode as 0: k-valued, never seen, centred
      // (standardized), or a two-valued one that was 1 in every training row (so a 0 now
      // encodes as that 1)
      if (enc.isOneHot(j) || enc.isUnseen(j) || enc.isCentred(j)
          || (!enc.isKnownValue(j, 0) && enc.imputedOf(j)[0] != 0)) {
        a[n++] = j;
      }
      most = Math.max(most, enc.imputedOf(j).length + 1);
    }
    this.always = Arrays.copyOf(a, n);
    this.maxPerSlot = most;
  }

  /**
   * An upper bound on the encoded non-zeros of {@code inst}.
   *
   * @param inst the instance
   * @return the bound
   */
  public int maxNonZeros(Instance inst) {
    return (inst.numValues() + always.length) * maxPerSlot;
  }

  /**
   * The encoded non-zeros of {@code data} estimated from the values its instances store (plus
   * the slots visited on every row), in time proportional to the rows: what the memory check
   * counts before encoding.
   *
   * @param data instances
   * @return the estimate
   */
  public long estimateNonZeros(Instances data) {
    return estimateNonZeros(data, 0, data.numInstances());
  }

  /** {@link #estimateNonZeros(Instances)} of rows {@code [from, to)}. */
  private long estimateNonZeros(Instances data, int from, int to) {
    long nnz = 0;
    for (int i = from; i < to; i++) {
      nnz += data.instance(i).numValues() + always.length;
    }
    return nnz;
  }

  /**
   * Encodes one instance into {@code cols[at ..]} and {@code vals[at ..]}, columns increasing.
   *
   * @param inst the instance (training header)
   * @param cols column indices, room for {@link #maxNonZeros} entries from {@code at}
   * @param vals values, likewise
   * @param at first entry to write
   * @return the entry after the last one written
   */
  public int encode(Instance inst, int[] cols, double[] vals, int at) {
    int[] slotOf = enc.slotOfAttribute();
    int m = inst.numValues();
    int p = 0;
    int q = 0;
    int k = at;
    // merge the stored values (by attribute) with the always-visited slots (by slot): both run
    // in attribute order, and slot columns increase with the attribute
    while (p < m || q < always.length) {
      int jp = Integer.MAX_VALUE;
      if (p < m) {
        int a = inst.index(p);
        int j = a < slotOf.length ? slotOf[a] : -1;
        if (j < 0) {
          p++;
          continue;
        }
        jp = j;
      }
      int jq = q < always.length ? always[q] : Integer.MAX_VALUE;
      if (jp <= jq) {
        k = slot(jp, inst.valueSparse(p), cols, vals, k);
        p++;
        if (jp == jq) {
          q++;
        }
      } else {
        k = slot(jq, 0, cols, vals, k);
        q++;
      }
    }
    return k;
  }

  /** Writes the encoded non-zeros of value {@code v} of slot {@code j} from entry {@code k}. */
  private int slot(int j, double v, int[] cols, double[] vals, int k) {
    boolean missing =
        enc.isUnseen(j) || enc.neverPresent(j) || Double.isNaN(v) || Double.isInfinite(v);
    boolean unknown = missing || !enc.isKnownValue(j, v); // as InstanceEncoder.encode
    int c = enc.columnOf(j);
    double[] imputed = enc.imputedOf(j);
    if (enc.isNumeric(j)) {
      k = put(c, unknown ? imputed[0] : enc.scaled(j, v), cols, vals, k);
    } else if (!enc.isOneHot(j)) {
      k = put(c, unknown ? imputed[0] : v, cols, vals, k);
    } else if (unknown) {
      for (int i = 0; i < imputed.length; i++) {
        k = put(c + i, imputed[i], cols, vals, k);
      }
    } else {
      int idx = (int) v;
      if (idx >= 0 && idx < imputed.length) {
        k = put(c + idx, 1, cols, vals, k);
      }
    }
    int ind = enc.indicatorOf(j);
    if (ind >= 0 && missing) {
      k = put(ind, 1, cols, vals, k);
    }
    return k;
  }

  private static int put(int c, double v, int[] cols, double[] vals, int k) {
    if (v != 0) {
      cols[k] = c;
      vals[k] = v;
      k++;
    }
    return k;
  }

  /**
   * Encodes rows {@code [from, to)} of {@code data} into one matrix (no dense row is ever
   * formed), whose arrays are sized once from {@link #estimateNonZeros}, the figure the memory
   * check counts. Why: grown by half as rows came, the old and the new arrays had been held
   * together, up to 2.5 times that figure at the peak, and builds the check had passed ran out
   * of memory here. Each row is encoded into a scratch row first (its bound,
   * {@link #maxNonZeros}, over-reserves), then copied; only rows with more non-zeros than they
   * store (a missing value with an indicator counts two) can outgrow the estimate, and the
   * arrays then grow once to the rest's estimate.
   *
   * @param data instances
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @return the encoded rows
   */
  public SparseRows encodeAll(Instances data, int from, int to) {
    int rows = to - from;
    int[] start = new int[rows + 1];
    NonZeros all = new NonZeros();
    all.resize(capacity(estimateNonZeros(data, from, to)));
    RowNonZeros row = new RowNonZeros();
    int k = 0;
    for (int i = 0; i < rows; i++) {
      int nnz = row.encode(this, data.instance(from + i));
      if (k + nnz > all.cols.length) {
        all.resize(capacity(k + nnz + estimateNonZeros(data, from + i + 1, to) * 9 / 8));
      }
      System.arraycopy(row.cols, 0, all.cols, k, nnz);
      System.arraycopy(row.vals, 0, all.vals, k, nnz);
      k += nnz;
      start[i + 1] = k;
    }
    // trim only where explicit zeros stored in the rows made the estimate over twice too high:
    // the copy is held beside the arrays the check counted
    if (all.cols.length > 2L * k + 16) {
      all.resize(k);
    }
    return SparseRows.wrap(enc.width(), rows, start, all.cols, all.vals);
  }

  /**
   * The column and value arrays of encoded non-zeros, (re)allocated in one piece or refused with
   * the figures. Why: the memory check counts these arrays, but each must be found in one piece,
   * and a heap that holds their bytes can be too fragmented for that; an {@link
   * OutOfMemoryError} of these allocations leaves nothing half-built, so it is turned into the
   * refusal the check would have given (seen at -Xmx200m with 6 million non-zeros: 1 run in 3).
   */
  private static final class NonZeros {
    int[] cols = new int[0];
    double[] vals = new double[0];

    /** New arrays of {@code n} entries beginning with the old ones' entries. */
    void resize(int n) {
      try {
        int[] c = Arrays.copyOf(cols, n);
        double[] v = Arrays.copyOf(vals, n);
        cols = c;
        vals = v;
      } catch (OutOfMemoryError e) {
        throw notInOnePiece(n);
      }
    }
  }

  private static IllegalArgumentException notInOnePiece(int n) {
    long need = (long) n * SparseMemoryCheck.BYTES_PER_NON_ZERO;
    long available = HeapRoom.available();
    return new IllegalArgumentException(String.format(java.util.Locale.ROOT, "BackpropMLP: the"
        + " encoded sparse rows (%,d non-zeros, %,d MB) could not be allocated in the %,d MB of"
        + " heap left; start Java with a larger -Xmx (e.g. -Xmx%dm), or train row by row"
        + " (updateClassifier), which keeps at most -reservoir rows", n, NetworkFactory.mb(need),
        available >> 20, NetworkFactory.suggestedXmxMb(available, need)));
  }

  /** @return {@code n} as an array length, refusing what no Java array can hold */
  private static int capacity(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "BackpropMLP: the"
          + " sparse rows hold about %,d non-zeros, more than one Java array can (2^31 - 9):"
          + " train on fewer rows, or row by row (updateClassifier) with a smaller -reservoir", n));
    }
    return (int) Math.max(16, n);
  }
}
