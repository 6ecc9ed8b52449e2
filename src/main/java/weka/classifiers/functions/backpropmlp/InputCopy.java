package weka.classifiers.functions.backpropmlp;

import java.util.Locale;
import weka.classifiers.functions.backprop.model.MemoryEstimate;

/**
 * Whether batch training holds an encoded copy of the training inputs ({@link #EAGER}: one
 * {@code rows × columns} matrix of doubles, encoded once) or encodes each mini-batch's rows from
 * Weka's {@code Instances} as they are drawn ({@link #LAZY}: {@link InstanceRowSource}, no copy;
 * the same model to the bit). The copy saves the re-encoding, a small share of an epoch's work,
 * but doubles the memory of data that is dense: 60,000 × 784 images are 376 MB in Weka's {@code
 * Instances} and 376 MB more as a copy.
 *
 * <p>{@link #AUTO} (the default) copies when the matrix takes at most {@value #EAGER_SHARE} of
 * the free heap and fits one Java array, and encodes lazily otherwise. The system property
 * {@value #PROPERTY} ({@code eager}, {@code lazy} or {@code auto}, e.g. {@code java
 * -Dweka.backpropmlp.inputCopy=lazy ...}) forces a choice, for measurements or to save memory.
 */
public enum InputCopy {
  /** Always the encoded copy; refused, with the figures, when it cannot fit. */
  EAGER,
  /** Always rows encoded per mini-batch. */
  LAZY,
  /** The copy when it is small beside the free heap, else rows per mini-batch. */
  AUTO;

  /** The system property that forces a choice. */
  public static final String PROPERTY = "weka.backpropmlp.inputCopy";

  /** Largest share of the free heap the automatic choice lets the copy take. */
  public static final double EAGER_SHARE = 0.25;

  /** Most elements of one Java array (a little under 2³¹, as the JDK's own collections use). */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * The choice the system property {@value #PROPERTY} names.
   *
   * @return the choice; {@link #AUTO} when the property is not set
   * @throws IllegalArgumentException for any other value, naming the property
   */
  public static InputCopy fromProperty() {
    return parse(System.getProperty(PROPERTY));
  }

  /**
   * Reads a value of {@value #PROPERTY}, case and surrounding blanks ignored.
   *
   * @param value the value, or null/blank for the default
   * @return the choice
   * @throws IllegalArgumentException for a value other than eager, lazy or auto
   */
  public static InputCopy parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "eager":
        return EAGER;
      case "lazy":
        return LAZY;
      case "auto":
        return AUTO;
      default:
        throw new IllegalArgumentException("BackpropMLP: system property " + PROPERTY + "="
            + value + " is not one of eager, lazy, auto");
    }
  }

  /**
   * Whether to hold the encoded copy of {@code rows × columns} inputs.
   *
   * @param rows training rows
   * @param columns encoded columns per row
   * @param available free heap in bytes
   * @return true for the copy, false for rows encoded per mini-batch
   * @throws IllegalArgumentException for {@link #EAGER} when the copy does not fit one array or
   *     {@link NetworkFactory#HEAP_BUDGET} of the free heap, with the figures and the way out
   */
  public boolean eager(long rows, int columns, long available) {
    long bytes = MemoryEstimate.denseCopyBytes(rows, columns);
    boolean oneArray = rows * columns <= MAX_ARRAY;
    switch (this) {
      case LAZY:
        return false;
      case AUTO:
        return oneArray && bytes <= EAGER_SHARE * available;
      default:
        if (!oneArray || bytes > NetworkFactory.HEAP_BUDGET * available) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "BackpropMLP: %s=eager asks for an encoded copy of the training inputs (%,d rows"
                  + " × %,d columns: %,d MB%s), more than %s; drop the property (or set it to"
                  + " lazy) to encode the rows per mini-batch, or start Java with a larger -Xmx",
              PROPERTY, rows, columns,
              NetworkFactory.mb(bytes), oneArray ? "" : ", more than one Java array holds",
              NetworkFactory.budget(available)));
        }
        return true;
    }
  }
}
