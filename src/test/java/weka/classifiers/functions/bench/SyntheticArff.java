package weka.classifiers.functions.bench;

import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a large synthetic ARFF file for the streaming demo: {@code features} standard normal
 * numeric attributes and a two-valued class given by a non-linear rule of the first four
 * ({@code x0·x1 + x2² − 1 + 0.5·x3 + noise > 0}), so a linear model cannot reach the accuracy an
 * MLP can.
 *
 * <p>Usage: {@code SyntheticArff <file.arff> <rows> <features> <seed>}
 */
public final class SyntheticArff {

  private SyntheticArff() {}

  /**
   * @param args output file, rows, features, seed
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: SyntheticArff <file.arff> <rows> <features> <seed>");
      System.exit(1);
    }
    String file = args[0];
    long rows = Long.parseLong(args[1]);
    int features = Integer.parseInt(args[2]);
    Random r = new Random(Long.parseLong(args[3]));
    try (BufferedWriter w = new BufferedWriter(new FileWriter(file), 1 << 20)) {
      w.write("@relation synthetic-" + rows + "x" + features + "\n\n");
      for (int f = 0; f < features; f++) {
        w.write("@attribute x" + f + " numeric\n");
      }
      w.write("@attribute class {negative,positive}\n\n@data\n");
      StringBuilder line = new StringBuilder();
      double[] x = new double[features];
      for (long i = 0; i < rows; i++) {
        line.setLength(0);
        for (int f = 0; f < features; f++) {
          x[f] = r.nextGaussian();
          line.append(String.format(Locale.ROOT, "%.4f", x[f])).append(',');
        }
        double score = x[0] * x[1] + x[2] * x[2] - 1 + 0.5 * x[3] + 0.3 * r.nextGaussian();
        line.append(score > 0 ? "positive" : "negative").append('\n');
        w.write(line.toString());
      }
    }
  }
}
