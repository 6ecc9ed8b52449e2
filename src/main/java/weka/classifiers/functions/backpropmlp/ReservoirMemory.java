package weka.classifiers.functions.backpropmlp;

import java.util.Locale;
import weka.classifiers.functions.backprop.model.MemoryEstimate;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Keeps a stream's reservoir within the heap: rows of a wide header that are mostly zeros are
 * kept as {@link SparseInstance}s, and a reservoir about to outgrow the heap is refused with the
 * figures and the ways out, instead of an {@link OutOfMemoryError} in the middle of the stream.
 *
 * <p>Why: the reservoir keeps up to {@code -reservoir} rows (10,000 by default) as the stream
 * hands them over. A bag of words saved without the sparse ARFF syntax arrives as dense rows:
 * 12,000 rows of 5,000 columns, 2 % non-zero, filled 400 MB of reservoir and ran out of a 256 MB
 * heap on the command line's row-by-row route; kept sparse the same rows take 12 MB.
 */
final class ReservoirMemory {

  /** Bytes of an instance object besides its values (header, array headers, weight). */
  static final long ROW_OVERHEAD = 80;

  /** Share of the heap free now that the reservoir's next doubling may claim. */
  static final double BUDGET = 0.5;

  /** Whether the header is wide, so that mostly-zero rows are kept sparse ({@link #compact}). */
  private final boolean wideHeader;
  /** Whether the stream takes the sparse route, whose epochs at the end encode every row. */
  private final boolean sparseRoute;
  /** Values per encoded target row (the network's outputs). */
  private final int outputs;
  private long bytes;
  private long encodedBytes;

  /**
   * @param header the stream's header
   * @param sparseRoute whether the stream's encoder takes the sparse route
   * @param outputs the network's output units
   */
  ReservoirMemory(Instances header, boolean sparseRoute, int outputs) {
    wideHeader = SparseEncoding.encodedColumns(header) >= SparseEncoding.WIDE_COLUMNS;
    this.sparseRoute = sparseRoute;
    this.outputs = outputs;
  }

  /**
   * The row as the reservoir keeps it: a dense row of a wide header (at least {@value
   * SparseEncoding#WIDE_COLUMNS} encoded columns, which takes the sparse route from either kind
   * of row, see {@link SparseEncoding#chooses}) with fewer non-zeros than half its values becomes
   * a {@link SparseInstance} with the same values and weight; any other row as it is. Only the
   * storage changes: every encoder reads the same values from either.
   *
   * @param row the streamed row
   * @return the row to keep
   */
  Instance compact(Instance row) {
    if (!wideHeader || row instanceof SparseInstance
        || 2 * SparseEncoding.nonZeroInputs(row, -1) >= row.numAttributes()) {
      return row;
    }
    SparseInstance sparse = new SparseInstance(row);
    sparse.setDataset(row.dataset());
    return sparse;
  }

  /** @return the bytes a kept row takes, about: 12 per stored value if sparse, 8 if dense */
  static long bytes(Instance row) {
    return ROW_OVERHEAD + (long) row.numValues() * (row instanceof SparseInstance ? 12 : 8);
  }

  /**
   * The bytes of a row's encoded copy, which the epochs over the reservoir at the stream's end
   * make of every row at once: on the sparse route its non-zeros (about one per stored value,
   * {@link SparseMemoryCheck#BYTES_PER_NON_ZERO} each) and row start, on either route its
   * targets, weight and indices ({@link MemoryEstimate#bytesPerRow}); dense rows are encoded
   * per mini-batch where a copy would not fit ({@link InputCopy}).
   */
  long encodedBytes(Instance row) {
    return (sparseRoute ? (long) row.numValues() * SparseMemoryCheck.BYTES_PER_NON_ZERO
        + Integer.BYTES : 0) + MemoryEstimate.bytesPerRow(outputs);
  }

  /**
   * Counts a row the reservoir adds and, when it reaches a power of two (from the first row:
   * rows of 60,000 dense values filled a 256 MB heap within 429 rows), refuses if the next
   * doubling (up to {@code size} rows, at the mean size so far) would claim more than
   * {@value #BUDGET} of the heap free now ({@link HeapRoom#check}).
   *
   * @param row the row added (as {@link #compact} made it)
   * @param rows rows in the reservoir with it
   * @param size the reservoir's capacity ({@code -reservoir})
   * @throws IllegalArgumentException when it would not fit, with the figures and the ways out
   */
  void added(Instance row, int rows, int size) {
    bytes += bytes(row);
    encodedBytes += encodedBytes(row);
    if (Integer.bitCount(rows) != 1 || rows >= size) {
      return;
    }
    long sum = bytes;
    long encoded = encodedBytes;
    HeapRoom.check(available -> refuse(sum, encoded, rows, size, available));
  }

  /**
   * The check of {@link #added} on its figures (the free heap passed in, so tests can stand in
   * for a small {@code -Xmx}). It counts the encoded copy of the reservoir that the epochs at the
   * stream's end make all at once ({@code encoded} bytes for the {@code rows} so far, 0 where
   * none is made): the check had counted the rows alone, and a 20,000-word stream ran out of a
   * 64 MB heap at its end, after the whole pass, where a refusal with the figures belonged.
   *
   * @param bytes bytes of the {@code rows} rows kept so far
   * @param encoded bytes of their encoded copy
   * @param rows rows kept
   * @param size the reservoir's capacity
   * @param available free heap in bytes
   * @throws IllegalArgumentException when the next doubling and its copy would not fit
   */
  static void refuse(long bytes, long encoded, int rows, int size, long available) {
    long perRow = bytes / rows;
    long copyPerRow = encoded / rows;
    long target = Math.min(size, 2L * rows);
    long more = (target - rows) * perRow + target * copyPerRow;
    if (more > BUDGET * available) {
      // (fit - rows) perRow + fit copyPerRow = BUDGET available
      long fit = (long) ((BUDGET * available + (double) rows * perRow)
          / Math.max(1, perRow + copyPerRow));
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "BackpropMLP: the row-by-row reservoir (%s %,d rows of about %,d bytes each%s) would"
              + " outgrow the heap at %,d rows: growing to them takes %,d MB more, beyond %s;"
              + " use a smaller %s (e.g. %,d, or 0 for a single pass) or start Java with a larger"
              + " -Xmx",
          OptionChecks.name("reservoir", "reservoirSize"), size, perRow,
          copyPerRow > 0 ? String.format(Locale.ROOT, ", and %,d each encoded for the epochs at"
              + " the stream's end", copyPerRow) : "",
          target, NetworkFactory.mb(more),
          NetworkFactory.budget(available, BUDGET),
          OptionChecks.name("reservoir", "reservoirSize"),
          fit >= 1000 ? fit / 1000 * 1000 : Math.max(1, fit / 10 * 10)));
    }
  }
}
