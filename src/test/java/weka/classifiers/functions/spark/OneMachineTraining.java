package weka.classifiers.functions.spark;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Instances;

/**
 * The single-machine baselines for the cluster job, on the same partition files and holdout:
 * <ul>
 *   <li>{@code stream}: one BackpropMLP fed every row through {@code updateClassifier} (the
 *       partition files one after the other, as Weka's command line streams a file), then
 *       {@code batchFinished}; with several passes each pass continues from the last, as the
 *       cluster's rounds do. Memory stays bounded whatever the number of rows.</li>
 *   <li>{@code batch}: the first {@code maxRows} rows loaded as {@code Instances} and given to
 *       {@code buildClassifier}: only for sets that fit the heap.</li>
 * </ul>
 * Usage: {@code OneMachineTraining stream|batch <dataDir> <partitions> <attributes> <maxRows>
 * <passes> -- <BackpropMLP options>}.
 */
public final class OneMachineTraining {

  private OneMachineTraining() {}

  /**
   * Runs one baseline and prints its time, rows per second and holdout accuracy.
   *
   * @param args see the class comment
   * @throws Exception if reading or training fails
   */
  public static void main(String[] args) throws Exception {
    int dash = Arrays.asList(args).indexOf("--");
    if (dash != 6 || !(args[0].equals("stream") || args[0].equals("batch"))) {
      throw new IllegalArgumentException("usage: OneMachineTraining stream|batch <dataDir>"
          + " <partitions> <attributes> <maxRows> <passes> -- <BackpropMLP options>");
    }
    String mode = args[0];
    Path dir = Paths.get(args[1]);
    int partitions = Integer.parseInt(args[2]);
    int attributes = Integer.parseInt(args[3]);
    long maxRows = Long.parseLong(args[4]);
    int passes = Integer.parseInt(args[5]);
    String[] options = Arrays.copyOfRange(args, dash + 1, args.length);
    Instances header = SyntheticRows.header(attributes);
    Instances holdout = SyntheticRows.read(dir.resolve("holdout.csv"), header, Long.MAX_VALUE);
    BackpropMLP model = new BackpropMLP();
    model.setOptions(options.clone());
    long t0 = System.nanoTime();
    long rows = 0;
    if (mode.equals("batch")) {
      Instances data = new Instances(header, 0);
      for (int p = 0; p < partitions && data.numInstances() < maxRows; p++) {
        Instances part = SyntheticRows.read(dir.resolve(SyntheticRows.partFile(p)), header,
            maxRows - data.numInstances());
        data.addAll(part);
      }
      long loaded = System.nanoTime();
      model.buildClassifier(data);
      rows = data.numInstances();
      System.out.printf(Locale.ROOT, "batch: loaded %,d rows in %.1f s, built in %.1f s%n", rows,
          (loaded - t0) / 1e9, (System.nanoTime() - loaded) / 1e9);
    } else {
      model.buildClassifier(header);
      for (int pass = 1; pass <= passes; pass++) {
        long inPass = 0;
        for (int p = 0; p < partitions && inPass < maxRows; p++) {
          try (BufferedReader in = Files.newBufferedReader(
              dir.resolve(SyntheticRows.partFile(p)), StandardCharsets.US_ASCII)) {
            String line;
            while (inPass < maxRows && (line = in.readLine()) != null) {
              model.updateClassifier(SyntheticRows.parse(line, header));
              inPass++;
            }
          }
        }
        model.batchFinished();
        rows += inPass;
        System.out.printf(Locale.ROOT, "stream pass %d: %,d rows, %.1f s so far, holdout"
            + " accuracy %.2f %%%n", pass, inPass, (System.nanoTime() - t0) / 1e9,
            ModelCheck.accuracy(model, holdout));
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "RESULT mode=%s rows_trained=%d passes=%d seconds=%.1f"
        + " rows_per_s=%.0f holdout_accuracy=%.2f fingerprint=%s options=%s%n", mode, rows,
        mode.equals("batch") ? 1 : passes, seconds, rows / seconds,
        ModelCheck.accuracy(model, holdout), ModelCheck.fingerprint(model),
        String.join(" ", options));
  }
}
