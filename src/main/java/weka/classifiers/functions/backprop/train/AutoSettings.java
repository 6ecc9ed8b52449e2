package weka.classifiers.functions.backprop.train;

/**
 * The settings chosen from the data when the user leaves them automatic: mini-batch size and
 * learning rate from the number of training rows, dropout from the number of encoded inputs.
 * One place for these rules, so that training, the memory estimate and the model's description
 * agree on them. How each rule was measured is in {@code doc/defaults.md}.
 */
public final class AutoSettings {

  private AutoSettings() {}

  /** The row count of row-by-row training, where the number of rows is not known. */
  public static final int UNKNOWN_ROWS = -1;

  /** Training sets with fewer rows than this get the small-data step settings. */
  public static final int SMALL_DATA_ROWS = 500;

  /** Encoded inputs from which the automatic dropout is on. */
  public static final int DROPOUT_INPUTS = 20;

  /** Dropout probability of the automatic choice. */
  public static final double DROPOUT = 0.3;

  /**
   * Mini-batch size for {@code rows} training rows: 8 below {@value #SMALL_DATA_ROWS} rows, else
   * 32 (and 32 for {@link #UNKNOWN_ROWS}). Why: with 32-row batches a set of a few hundred rows
   * gets too few updates per epoch to converge in the default epochs; four times as many, noisier
   * steps at a larger rate do, and cost no more time per epoch on such data, while on large sets
   * the small-data setting is worse.
   *
   * @param rows training rows, or {@link #UNKNOWN_ROWS}
   * @return examples per step
   */
  public static int miniBatch(int rows) {
    return isSmallData(rows) ? 8 : 32;
  }

  /**
   * Learning rate for {@code rows} training rows: 0.01 below {@value #SMALL_DATA_ROWS} rows, else
   * 0.003 (and 0.003 for {@link #UNKNOWN_ROWS}); see {@link #miniBatch(int)} for why.
   *
   * @param rows training rows, or {@link #UNKNOWN_ROWS}
   * @return the base learning rate
   */
  public static double learningRate(int rows) {
    return isSmallData(rows) ? 0.01 : 0.003;
  }

  /**
   * Dropout probability for a network with {@code inputs} encoded columns: {@value #DROPOUT} from
   * {@value #DROPOUT_INPUTS} inputs on, else 0. Why the number of inputs: dropout regularizes by
   * keeping units from co-adapting (Srivastava et al. 2014), which needs many inputs to co-adapt
   * over; with few inputs the hidden layer's width is the model's capacity rather than its
   * redundancy, and dropout costs accuracy (and time per step).
   *
   * @param inputs encoded input columns
   * @return the drop probability
   */
  public static double dropout(int inputs) {
    return inputs >= DROPOUT_INPUTS ? DROPOUT : 0;
  }

  private static boolean isSmallData(int rows) {
    return rows >= 0 && rows < SMALL_DATA_ROWS;
  }
}
