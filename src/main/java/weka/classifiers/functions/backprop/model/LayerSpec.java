package weka.classifiers.functions.backprop.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hidden layers of a network, parsed from the compact text {@code "64:RELU,32:TANH"}: a
 * comma-separated list of layer widths, each optionally followed by {@code :ACTIVATION}
 * (any case). A layer without its own activation uses the default one. The empty string means
 * no hidden layer (a linear or softmax model).
 */
public final class LayerSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Largest width accepted for one layer; wider layers are almost certainly typos. */
  public static final int MAX_WIDTH = 1 << 20;

  private final int[] widths;
  private final Activation[] activations;

  private LayerSpec(int[] widths, Activation[] activations) {
    this.widths = widths;
    this.activations = activations;
  }

  /**
   * The width of a layer whose caller chooses it from the data ({@code -hidden auto}); see
   * {@link #parse(String, Activation, int)}.
   */
  public static final String AUTO = "auto";

  /**
   * Parses a layer specification with numeric widths only ({@value #AUTO} is refused).
   *
   * @param spec text such as {@code "64,32"} or {@code "128:GELU, 64:TANH"}; empty for none
   * @param defaultActivation activation of layers that name none
   * @return the parsed specification
   * @throws IllegalArgumentException naming the faulty element and what is allowed
   */
  public static LayerSpec parse(String spec, Activation defaultActivation) {
    return parse(spec, defaultActivation, 0);
  }

  /**
   * Parses a layer specification in which a width may be {@value #AUTO} (any case, e.g. {@code
   * "auto"} or {@code "auto:TANH,8"}), which then takes {@code autoWidth}.
   *
   * @param spec text such as {@code "64,32"}, {@code "128:GELU, 64:TANH"} or {@code "auto"};
   *     empty for none
   * @param defaultActivation activation of layers that name none
   * @param autoWidth the width of an {@value #AUTO} layer, or 0 to refuse {@value #AUTO}
   * @return the parsed specification
   * @throws IllegalArgumentException naming the faulty element and what is allowed
   */
  public static LayerSpec parse(String spec, Activation defaultActivation, int autoWidth) {
    String text = spec == null ? "" : spec.trim();
    if (text.isEmpty()) {
      return new LayerSpec(new int[0], new Activation[0]);
    }
    List<Integer> sizes = new ArrayList<>();
    List<Activation> acts = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      String widthText = widthText(p);
      Activation act = defaultActivation;
      int colon = p.indexOf(':');
      if (colon >= 0) {
        String name = p.substring(colon + 1).trim();
        try {
          act = Activation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "hidden layer '" + p + "': unknown activation '" + name + "'; allowed: "
                  + Arrays.stream(Activation.values()).map(Enum::name)
                      .collect(java.util.stream.Collectors.joining(", ")));
        }
      }
      int width;
      try {
        width = autoWidth > 0 && isAuto(widthText) ? autoWidth : Integer.parseInt(widthText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "hidden layer '" + p + "' in \"" + spec + "\": expected a positive layer width such as"
                + " 64 or 64:RELU" + (autoWidth > 0 ? ", or " + AUTO + " for a width from the"
                + " inputs" : "") + " (comma-separated; empty for no hidden layer)");
      }
      if (width < 1 || width > MAX_WIDTH) {
        throw new IllegalArgumentException(
            "hidden layer width " + width + " in \"" + spec + "\" is out of range 1.." + MAX_WIDTH);
      }
      sizes.add(width);
      acts.add(act);
    }
    int[] w = new int[sizes.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = sizes.get(i);
    }
    return new LayerSpec(w, acts.toArray(new Activation[0]));
  }

  /**
   * Whether some layer of {@code spec} leaves its width to the caller ({@value #AUTO}), read as
   * {@link #parse(String, Activation, int)} reads it.
   *
   * @param spec a layer specification
   * @return whether a width is {@value #AUTO}
   */
  public static boolean namesAuto(String spec) {
    String text = spec == null ? "" : spec.trim();
    if (text.isEmpty()) {
      return false;
    }
    for (String part : text.split(",", -1)) {
      if (isAuto(widthText(part.trim()))) {
        return true;
      }
    }
    return false;
  }

  /** The width part of one layer's text: before its {@code :activation}, if any. */
  private static String widthText(String layer) {
    int colon = layer.indexOf(':');
    return colon >= 0 ? layer.substring(0, colon).trim() : layer;
  }

  private static boolean isAuto(String widthText) {
    // "automatic" too: the property sheet's other automatic fields show and take that word
    return widthText.equalsIgnoreCase(AUTO) || widthText.equalsIgnoreCase("automatic");
  }

  /** Number of hidden layers. */
  public int depth() {
    return widths.length;
  }

  /** Width of hidden layer {@code i}. */
  public int width(int i) {
    return widths[i];
  }

  /** Activation of hidden layer {@code i}. */
  public Activation activation(int i) {
    return activations[i];
  }

  /** Canonical text form, every layer with its activation: {@code "64:RELU,32:TANH"}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(widths[i]).append(':').append(activations[i]);
    }
    return sb.toString();
  }

  /**
   * The network these layers make between {@code inputs} and {@code outputs} units, as a
   * model's description writes its architecture ({@link Network#toString} without the output
   * layer's activation): {@code 4-[16 RELU]-[8 TANH]-3}. Why: a memory refusal had written
   * {@code 8-1048576:RELU-3} where the description writes {@code 4-[16 RELU]-3}.
   *
   * @param inputs input units
   * @param outputs output units
   * @return the text
   */
  public String between(int inputs, int outputs) {
    return architecture(inputs, widths, 0, activations, outputs);
  }

  /**
   * The architecture's text, {@code 4-[16 RELU]-[8 TANH]-3}, for {@link #between} and {@link
   * Network#toString}.
   *
   * @param inputs input units
   * @param widths the hidden layers' widths, from {@code from}
   * @param from index in {@code widths} of the first hidden layer's width
   * @param acts the hidden layers' activations, one per layer
   * @param outputs output units
   * @return the text
   */
  static String architecture(int inputs, int[] widths, int from, Activation[] acts, int outputs) {
    StringBuilder sb = new StringBuilder().append(inputs);
    for (int i = 0; i < acts.length; i++) {
      sb.append("-[").append(widths[from + i]).append(' ').append(acts[i]).append(']');
    }
    return sb.append('-').append(outputs).toString();
  }
}
