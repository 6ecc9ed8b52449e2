package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns Weka instances into the dense feature rows the engine trains on. Its tables are learned
 * from the training header and data once ({@link #fit}, {@link #fitScanned}, {@link #forStream},
 * which {@link EncoderFitting} carries out), then applied to every instance, at training and at
 * prediction.
 *
 * <ul>
 *   <li>Numeric and date attributes: one column, rescaled per {@link Normalization}; a missing
 *       value becomes the encoded training mean.
 *   <li>Nominal attributes with two values: one 0/1 column; with k ≠ 2 values: k one-hot
 *       columns. A missing value becomes the training frequency of each value (mean
 *       imputation).
 *   <li>An attribute with no value at all in the training data is always encoded as missing:
 *       the network never learned what its values mean, so at prediction they are ignored.
 *       Likewise a value the training rows never held ({@link #isKnownValue}: any value of an
 *       attribute constant in training, a nominal value no row held) is encoded as the
 *       attribute's imputed value, without the indicator.
 *   <li>Rows of weight 0 set none of these statistics ({@link ColumnScan#counts}).
 *   <li>Every attribute with a missing value in the training data gets one more column, 1 when
 *       the value is missing, so the network can learn what missingness means.
 * </ul>
 *
 * At prediction, numeric values that are not finite (±∞) are treated as missing; during
 * training they are refused with an error naming the attribute.
 */
public final class InstanceEncoder implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int NUMERIC = 0;
  private static final int BINARY = 1;
  private static final int ONE_HOT = 2;

  private final int[] attribute;
  private final int[] kind;
  private final int[] column;
  private final int[] indicator;
  private final double[] center;
  private final double[] scale;
  private final double[][] imputed;
  private final boolean[] unseen;
  private int width;
  private final Normalization normalization;
  /** Slot of each attribute index, built on first use ({@link #slotOfAttribute}). */
  private transient int[] slotOf;
  /** The sparse route's row encoder, built on first use ({@link #sparseRows()}). */
  private transient SparseRowEncoder rowEncoder;
  /** Per attribute slot, running statistics of a numeric attribute in streaming mode. */
  private final RunningStats[] running;
  /**
   * Whether rows take the sparse route ({@link SparseEncoding}): AUTO then means MAXABS, and
   * {@link SparseRowEncoder} encodes rows into their non-zeros. False in models saved before.
   */
  private boolean sparse;
  /**
   * The numeric fast path of {@link #encode}, set with {@link #fastPathDecided} on first use when
   * every slot is numeric ({@link #allPlainNumeric}) and the encoder is fitted, else null: a cache,
   * not part of the model (a fitted encoder's tables no longer change).
   */
  private transient NumericFastPath fastPath;
  /** Whether {@link #fastPath} was decided; written after it, so readers see it set. */
  private transient volatile boolean fastPathDecided;
  /**
   * Per slot, whether its present training values were all equal (a numeric or two-valued
   * nominal attribute); {@link #encode} then gives every present value the encoding of that
   * value. Null in models saved before (none is constant).
   */
  private final boolean[] constant;
  /**
   * Per slot, whether a numeric slot on the sparse route is standardized as on the dense route
   * (centred, so stored in every row by {@link SparseRowEncoder}); null when none is, and in
   * models saved before. Why: see {@link SparseEncoding#route}.
   */
  private boolean[] centred;

  /** Empty tables for the non-class attributes of {@code header}; the factories fill them. */
  private InstanceEncoder(Instances header, Normalization normalization, boolean streaming) {
    int count = header.numAttributes() - (header.classIndex() >= 0 ? 1 : 0);
    this.normalization = normalization;
    this.attribute = new int[count];
    this.kind = new int[count];
    this.column = new int[count];
    this.indicator = new int[count];
    this.center = new double[count];
    this.scale = new double[count];
    this.imputed = new double[count][];
    this.unseen = new boolean[count];
    this.constant = new boolean[count];
    this.running = streaming ? new RunningStats[count] : null;
  }

  /**
   * Sets the centre, scale and imputed value of numeric slot {@code j} from its statistics per
   * the normalization (AUTO resolved for the route); a zero or non-finite spread leaves the
   * values unscaled.
   */
  void setScaling(int j, double mean, double std, double min, double range, boolean any,
      double maxAbs) {
    switch (isCentred(j) ? Normalization.STANDARDIZE : normalization.resolve(sparse)) {
      case STANDARDIZE:
        center[j] = mean;
        scale[j] = ColumnStats.divisor(std, maxAbs);
        break;
      case MINMAX:
        center[j] = any ? min : 0;
        scale[j] = ColumnStats.divisor(range, maxAbs);
        break;
      case MAXABS:
        center[j] = 0;
        scale[j] = ColumnStats.divisor(maxAbs, maxAbs);
        break;
      default:
        center[j] = 0;
        scale[j] = 1;
    }
    imputed[j][0] = scale(mean, center[j], scale[j]);
  }

  /**
   * Learns the encoding from training data, from the rows of positive weight ({@link
   * ColumnScan#counts}).
   *
   * @param data training instances (class attribute set)
   * @param normalization rescaling of numeric attributes
   * @return the encoder
   * @throws IllegalArgumentException if a numeric training value is infinite
   */
  public static InstanceEncoder fit(Instances data, Normalization normalization) {
    return EncoderFitting.fit(data, normalization);
  }

  /**
   * Learns the encoding for the sparse route from a one-pass {@link ColumnScan}: numeric columns
   * scaled without centring, so that a raw zero encodes as zero ({@link
   * EncoderFitting#fitScanned}).
   *
   * @param data training instances (class attribute set)
   * @param normalization AUTO, MAXABS or NONE
   * @param scan the data's column scan
   * @param centreNumbers whether numeric columns are standardized as on the dense route ({@link
   *     SparseEncoding#route})
   * @return the encoder, on the sparse route
   * @throws IllegalArgumentException for a normalization that centres the values
   */
  public static InstanceEncoder fitScanned(Instances data, Normalization normalization,
      ColumnScan scan, boolean centreNumbers) {
    return EncoderFitting.fitScanned(data, normalization, scan, centreNumbers);
  }

  /**
   * An encoder for data that will arrive row by row, built from the header alone, rescaling
   * with running statistics ({@link EncoderFitting#forStream}).
   *
   * @param header the data's header (class attribute set)
   * @param normalization rescaling of numeric attributes
   * @return the encoder
   */
  public static InstanceEncoder forStream(Instances header, Normalization normalization) {
    return EncoderFitting.forStream(header, normalization);
  }

  /**
   * An encoder whose tables {@link EncoderFitting} fills slot by slot ({@link #nominalSlot},
   * {@link #numericSlot}, {@link #indicatorSlot}, {@link #setWidth}).
   *
   * @param header the data's header (class attribute set)
   * @param normalization rescaling of numeric attributes
   * @param streaming whether numeric slots keep running statistics
   * @param sparse whether rows take the sparse route
   * @return the empty encoder
   */
  static InstanceEncoder empty(Instances header, Normalization normalization, boolean streaming,
      boolean sparse) {
    InstanceEncoder e = new InstanceEncoder(header, normalization, streaming);
    e.sparse = sparse;
    return e;
  }

  /**
   * Lays out slot {@code j} as nominal attribute {@code a} of {@code k} values from column {@code
   * col}: one 0/1 column for two values, else {@code k} one-hot columns.
   *
   * @param j slot
   * @param a attribute index in the header
   * @param col its first column
   * @param k number of values
   * @param frequencies imputed encoding of a missing value (one value for two values, else k)
   * @param isConstant whether every present training value was the same (two values only)
   * @param isUnseen whether the training data held no value of it
   * @return the next free column
   */
  int nominalSlot(int j, int a, int col, int k, double[] frequencies, boolean isConstant,
      boolean isUnseen) {
    attribute[j] = a;
    column[j] = col;
    unseen[j] = isUnseen;
    kind[j] = k == 2 ? BINARY : ONE_HOT;
    imputed[j] = frequencies;
    constant[j] = isConstant;
    scale[j] = 1;
    return col + (k == 2 ? 1 : k);
  }

  /**
   * Lays out slot {@code j} as numeric (or date) attribute {@code a} in column {@code col},
   * unscaled until {@link #setScaling} (or, streaming, {@link #observe}) sets its scale.
   *
   * @param j slot
   * @param a attribute index in the header
   * @param col its column
   * @param isConstant whether every present training value was the same
   * @param isUnseen whether the training data held no value of it
   * @return the next free column
   */
  int numericSlot(int j, int a, int col, boolean isConstant, boolean isUnseen) {
    attribute[j] = a;
    column[j] = col;
    unseen[j] = isUnseen;
    kind[j] = NUMERIC;
    imputed[j] = new double[1];
    constant[j] = isConstant;
    scale[j] = 1;
    if (running != null) {
      running[j] = new RunningStats();
    }
    return col + 1;
  }

  /**
   * Gives slot {@code j} a missing-value indicator in column {@code col}, or none.
   *
   * @param j slot
   * @param col the next free column
   * @param wanted whether the slot gets an indicator
   * @return the next free column
   */
  int indicatorSlot(int j, int col, boolean wanted) {
    indicator[j] = wanted ? col : -1;
    return wanted ? col + 1 : col;
  }

  /** Sets the number of encoded columns once every slot is laid out. */
  void setWidth(int columns) {
    width = columns;
  }

  /**
   * Puts a streaming encoder on the sparse route before its first row (a wide stream chooses it
   * from its first rows, {@code StreamingSession}): AUTO then scales by max-abs, and rows are
   * observed and encoded through their stored values only.
   *
   * @param centreNumbers whether the numeric slots are standardized as on the dense route
   *     ({@link SparseEncoding#route(Normalization, Instances, ColumnScan)}), and so
   *     observed and stored in every row
   * @throws IllegalStateException if rows were observed already, or the normalization centres
   */
  public void useSparseRoute(boolean centreNumbers) {
    if (!normalization.keepsZeros()) {
      throw new IllegalStateException("normalization " + normalization + " centres the values");
    }
    if (hasObserved()) {
      throw new IllegalStateException("the route is chosen before the first row");
    }
    sparse = true;
    for (int j = 0; j < attribute.length && centreNumbers; j++) {
      if (kind[j] == NUMERIC) {
        centre(j);
      }
    }
  }

  /**
   * Standardizes numeric slot {@code j} on the sparse route (see {@link #centred}); its scaling
   * is set afterwards ({@link #setScaling}, or the running statistics).
   */
  void centre(int j) {
    if (centred == null) {
      centred = new boolean[attribute.length];
    }
    centred[j] = true;
  }

  /**
   * Whether any numeric slot is standardized on the sparse route ({@link #centre}, which alone
   * creates {@link #centred}): such data train as on the dense route ({@link
   * SparseEncoding#route(Normalization, Instances, ColumnScan)}).
   *
   * @return whether some slot is centred
   */
  public boolean centresNumbers() {
    return centred != null;
  }

  /** Whether numeric slot {@code j} is standardized on the sparse route ({@link #centre}). */
  boolean isCentred(int j) {
    return centred != null && centred[j];
  }

  /** Whether a streaming encoder has running statistics from any row yet. */
  public boolean hasObserved() {
    if (running != null) {
      for (RunningStats r : running) {
        if (r != null && r.count() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether rows take the sparse route (encoded by {@link SparseRowEncoder}). */
  public boolean isSparse() {
    return sparse;
  }

  /**
   * The encoder of rows into their non-zeros, for an encoder on the sparse route (built once and
   * shared; it holds no per-row state).
   *
   * @return the row encoder
   * @throws IllegalArgumentException on the dense route
   */
  public SparseRowEncoder sparseRows() {
    SparseRowEncoder r = rowEncoder;
    if (r == null) {
      r = new SparseRowEncoder(this);
      rowEncoder = r;
    }
    return r;
  }

  /** The normalization as set (AUTO unresolved). */
  public Normalization normalization() {
    return normalization;
  }

  /** Whether this encoder adapts to the data as it arrives ({@link #forStream}). */
  public boolean isStreaming() {
    return running != null;
  }

  /**
   * Streaming mode: adds the instance's finite numeric values to the running statistics and
   * rescales those attributes accordingly. Does nothing for an encoder fitted in one pass, or for
   * a row of weight 0, which trains nothing and so scales nothing ({@link ColumnScan#counts}).
   *
   * @param inst a training instance
   */
  public void observe(Instance inst) {
    if (running == null || !(inst.weight() > 0)) {
      return;
    }
    if (sparse) {
      observeStored(inst);
      return;
    }
    for (int j = 0; j < attribute.length; j++) {
      if (running[j] != null) {
        observe(j, inst.value(attribute[j]), true);
      }
    }
  }

  /**
   * Sparse streaming route: only the values the instance stores (a {@code SparseInstance}'s
   * non-zeros) enter the running statistics. The max-abs scale is exact; the mean, used only to
   * impute a missing value, is then the mean of the non-zero values. A centred slot observes
   * every row's value, zeros included, as on the dense route.
   */
  private void observeStored(Instance inst) {
    int[] slotOf = slotOfAttribute();
    for (int p = 0, m = inst.numValues(); p < m; p++) {
      int a = inst.index(p);
      int j = a < slotOf.length ? slotOf[a] : -1;
      if (j >= 0 && running[j] != null && !isCentred(j)) {
        observe(j, inst.valueSparse(p), false);
      }
    }
    for (int j = 0; j < attribute.length && centred != null; j++) {
      if (centred[j]) {
        observe(j, inst.value(attribute[j]), true);
      }
    }
  }

  /** Adds value {@code v} of numeric slot {@code j} to its running statistics, if finite. */
  private void observe(int j, double v, boolean zeros) {
    if (Double.isFinite(v) && (zeros || v != 0)) {
      running[j].add(v);
      refresh(j);
    }
  }

  /** Recomputes centre, scale and imputed value of numeric slot {@code j} from its statistics. */
  private void refresh(int j) {
    RunningStats s = running[j];
    setScaling(j, s.mean(), s.std(), s.min(), s.max() - s.min(), s.count() > 0, s.maxAbs());
  }

  /** Number of attribute slots (non-class attributes). */
  public int slots() {
    return attribute.length;
  }

  /** Whether slot {@code j} is a numeric (rescaled) attribute. */
  public boolean isNumeric(int j) {
    return kind[j] == NUMERIC;
  }

  /** Encoded column of slot {@code j} (its first column for one-hot attributes). */
  public int columnOf(int j) {
    return column[j];
  }

  /** Centre subtracted from numeric slot {@code j}. */
  public double center(int j) {
    return center[j];
  }

  /** Divisor of numeric slot {@code j}. */
  public double scale(int j) {
    return scale[j];
  }

  /** Attribute index (in the header) of slot {@code j}. */
  int attributeOf(int j) {
    return attribute[j];
  }

  /** Missing-value indicator column of slot {@code j}, or −1 if it has none. */
  int indicatorOf(int j) {
    return indicator[j];
  }

  /** Encoded value that stands for a missing value of numeric slot {@code j}. */
  double imputedNumeric(int j) {
    return imputed[j][0];
  }

  /** Whether slot {@code j} had no value in the training data (always encoded as missing). */
  boolean isUnseen(int j) {
    return unseen[j];
  }

  /** Running statistics of numeric slot {@code j} (streaming mode), else null. */
  public RunningStats runningStats(int j) {
    return running == null ? null : running[j];
  }

  /**
   * Replaces the running statistics of numeric slot {@code j} (after pooling across models) and
   * rescales it.
   *
   * @param j numeric slot
   * @param stats pooled statistics
   */
  public void setRunningStats(int j, RunningStats stats) {
    running[j] = stats.copy();
    refresh(j);
  }

  /**
   * Slot of each attribute index, −1 for the class (built on first use; not saved, so models saved
   * before have it too).
   */
  int[] slotOfAttribute() {
    int[] m = slotOf;
    if (m == null) {
      int max = 0;
      for (int a : attribute) {
        max = Math.max(max, a + 1);
      }
      m = new int[max];
      java.util.Arrays.fill(m, -1);
      for (int j = 0; j < attribute.length; j++) {
        m[attribute[j]] = j;
      }
      slotOf = m;
    }
    return m;
  }

  /** Whether slot {@code j} is a nominal attribute with k ≠ 2 one-hot columns. */
  boolean isOneHot(int j) {
    return kind[j] == ONE_HOT;
  }

  /** Imputed encoded value(s) of slot {@code j} (live array). */
  double[] imputedOf(int j) {
    return imputed[j];
  }

  /** The encoded value of present value {@code v} of numeric slot {@code j}. */
  double scaled(int j, double v) {
    return scale(v, center[j], scale[j]);
  }

  /** {@code (v − c) / s}, computed as {@code v/s − c/s} so that huge values cannot overflow. */
  private static double scale(double v, double c, double s) {
    return v / s - c / s;
  }

  /** Number of encoded columns per instance. */
  public int width() {
    return width;
  }

  /**
   * The input count the automatic rules (hidden width, dropout) follow: the width, less, on a
   * stream's encoder, its missing-value indicators. Why: a stream gives an indicator to every
   * column it cannot know to be complete, where a batch build gives one only to a column with a
   * missing value; counted, they doubled letter's 16 inputs to 32, which turned the automatic
   * dropout on and the width up, and the streamed model scored 77.9 % on a held-out quarter
   * against 94.3 % for the batch model. So a stream of complete data gets the batch build's
   * automatic settings.
   *
   * @return the inputs for the automatic rules
   */
  public int automaticInputs() {
    if (!isStreaming()) {
      return width;
    }
    int indicators = 0;
    for (int i : indicator) {
      indicators += i >= 0 ? 1 : 0;
    }
    return width - indicators;
  }

  /**
   * Encodes one instance into {@code out[off .. off + width())}, without allocating.
   *
   * @param inst the instance (same header as the training data)
   * @param out destination
   * @param off offset of the row
   */
  public void encode(Instance inst, double[] out, int off) {
    encode(inst, out, off, true);
  }

  /**
   * As {@link #encode}, except that a dense row of plain numeric inputs may be copied without
   * looking for missing or infinite values, which then stay NaN or ±∞ where {@link #encode}
   * would have imputed them. A caller must find such rows and encode them again with {@link
   * #encode}: any NaN or ±∞ input makes every first-layer pre-activation of its row non-finite
   * (NaN·w and ∞·0 are NaN, ±∞·w is ±∞, and a sum with a NaN or ∞ term is not finite), so one
   * unit's value a row tells them. Why: for the 784 inputs of Fashion-MNIST the check took about
   * a tenth of {@code distributionsForInstances}' time (bench/README.md, "Prediction rows copied
   * unchecked").
   *
   * @param inst the instance (same header as the training data)
   * @param out destination
   * @param off offset of the row
   */
  public void encodeUnchecked(Instance inst, double[] out, int off) {
    encode(inst, out, off, false);
  }

  /** {@link #encode}, or with {@code checked} false {@link #encodeUnchecked}. */
  private void encode(Instance inst, double[] out, int off, boolean checked) {
    NumericFastPath fast = numericFastPath();
    if (fast != null) {
      fast.encode(inst, out, off, checked);
      return;
    }
    encodeByKind(inst, out, off);
  }

  /** @return the numeric fast path, built on first use, or null where it does not apply */
  private NumericFastPath numericFastPath() {
    if (!fastPathDecided && running == null) {
      if (allPlainNumeric()) {
        double[] mean = new double[attribute.length];
        for (int j = 0; j < mean.length; j++) {
          mean[j] = imputed[j][0];
        }
        fastPath = new NumericFastPath(attribute, column, indicator, unseen,
            constant != null ? constant : new boolean[attribute.length], center, scale, mean);
      }
      fastPathDecided = true; // published after fastPath: concurrent callers see it set or not
    }
    return fastPathDecided ? fastPath : null;
  }

  /** {@link #encode}'s general loop: each slot by its attribute's kind. */
  private void encodeByKind(Instance inst, double[] out, int off) {
    for (int j = 0; j < attribute.length; j++) {
      double v = inst.value(attribute[j]);
      boolean missing = unseen[j] || neverPresent(j) || Double.isNaN(v) || Double.isInfinite(v);
      // a value the training rows never held carries nothing learnt: its slot's imputed encoding
      boolean unknown = missing || !isKnownValue(j, v);
      int c = off + column[j];
      switch (kind[j]) {
        case NUMERIC:
          out[c] = unknown ? imputed[j][0] : scale(v, center[j], scale[j]);
          break;
        case BINARY:
          out[c] = unknown ? imputed[j][0] : v;
          break;
        default:
          double[] freq = imputed[j];
          if (unknown) {
            System.arraycopy(freq, 0, out, c, freq.length);
          } else {
            java.util.Arrays.fill(out, c, c + freq.length, 0.0);
            int idx = (int) v;
            if (idx >= 0 && idx < freq.length) {
              out[c + idx] = 1;
            }
          }
      }
      if (indicator[j] >= 0) {
        out[off + indicator[j]] = missing ? 1 : 0;
      }
    }
  }

  /**
   * Whether every slot is a numeric attribute seen in training without a missing value (no
   * indicator column): then each value maps to one column by {@link #scale} alone.
   */
  private boolean allPlainNumeric() {
    for (int j = 0; j < attribute.length; j++) {
      if (kind[j] != NUMERIC) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@link #encode} takes the numeric fast path: a fitted (not streaming) encoder whose
   * slots are all numeric attributes (missing-value indicators and unseen attributes allowed).
   */
  public boolean hasNumericFastPath() {
    return running == null && allPlainNumeric();
  }

  /**
   * Whether numeric slot {@code j} of a dense stream (or a centred one) has had no value yet: it
   * is then encoded as missing, as a batch build encodes an attribute without a training value.
   * A training row is observed before it is encoded, so its own value counts; only prediction
   * meets this.
   */
  boolean neverPresent(int j) {
    return running != null && (!sparse || isCentred(j)) && running[j] != null
        && running[j].count() == 0;
  }

  /**
   * Whether present value {@code v} of slot {@code j} is one the training rows could have taught
   * the network anything about. Not so: any value of a slot whose training values were all equal
   * (its first-layer weights saw one value, so a different one would meet weights that never
   * learnt from a difference, random ones under {@code -l2 0}: iris with a constant column
   * scored 33 % when that column read 20 at test), and a value of a k-valued nominal slot that no
   * training row held (its one-hot column was always 0). Such a value is encoded as the slot's
   * imputed value, which for a constant slot is that constant's own encoding; Logistic removes
   * such columns for the same reason ({@code RemoveUseless}). A streaming encoder on the dense
   * route applies the numeric rule to the rows seen so far (a row is observed before it is
   * encoded, so a new value is known by then, and a constant's running mean is exactly it); on
   * the sparse route its statistics see only non-zeros (but for a centred slot), and its nominal
   * imputation is uniform, so it knows every such value there.
   */
  boolean isKnownValue(int j, double v) {
    if (kind[j] == ONE_HOT) {
      int idx = (int) v;
      return running != null || idx < 0 || idx >= imputed[j].length || imputed[j][idx] > 0;
    }
    if (running != null) {
      RunningStats r = running[j];
      return sparse && !isCentred(j) || r == null
          || !(r.count() > 0 && r.min() == r.max());
    }
    return constant == null || !constant[j];
  }

  /**
   * Encodes all instances into one row-major matrix.
   *
   * @param data instances
   * @return {@code numInstances × width()} values
   */
  public double[] encodeAll(Instances data) {
    double[] x = new double[data.numInstances() * width];
    for (int i = 0; i < data.numInstances(); i++) {
      encode(data.instance(i), x, i * width);
    }
    return x;
  }
}
