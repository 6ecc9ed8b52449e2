package weka.classifiers.functions.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Instances;
import weka.distributed.WekaClassifierMapTask;

/**
 * The map side of one round, as distributedWekaSpark's classifier job runs it on each partition:
 * a distributedWekaBase {@code WekaClassifierMapTask} builds BackpropMLP on the header (first
 * round) or continues from the previous round's aggregate, gets every row of the partition's
 * file through {@code updateClassifier}, and ends with {@code batchFinished}. The rows are read
 * from the file as text, never held as {@code Instances}, so a partition larger than the
 * executor's heap streams through. The result depends only on the file, the options and the
 * start model: a task Spark re-runs after a failure produces the same bits.
 *
 * <p>For the fault-injection demo it can drop a marker file once a task of a given round has
 * read a given number of rows, naming the executor, so a script can kill that executor while
 * the task is provably half done.
 */
public final class PartitionTrainer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String dataDir;
  private final int attributes;
  private final String[] options;
  private final String markDir;
  private final int markRound;
  private final long markAfterRows;

  /**
   * @param dataDir directory of the {@code part-NNNNN.csv} files
   * @param attributes numeric inputs per row
   * @param options BackpropMLP's options for the first round
   * @param markDir where to drop progress markers, or null for none
   * @param markRound the round (1-based) whose tasks drop a marker
   * @param markAfterRows rows a task reads before it drops its marker
   */
  public PartitionTrainer(String dataDir, int attributes, String[] options, String markDir,
      int markRound, long markAfterRows) {
    this.dataDir = dataDir;
    this.attributes = attributes;
    this.options = options.clone();
    this.markDir = markDir;
    this.markRound = markRound;
    this.markAfterRows = markAfterRows;
  }

  /**
   * Trains one partition.
   *
   * @param partition partition number (its file is {@link SyntheticRows#partFile})
   * @param round 1-based round number
   * @param start the previous round's aggregate, serialized; null or empty in the first round
   * @param attempt Spark's attempt number of this task
   * @param executor the executor's id
   * @return the partition's model
   * @throws Exception if the file cannot be read or training fails
   */
  public PartitionModel train(int partition, int round, byte[] start, int attempt,
      String executor) throws Exception {
    long t0 = System.nanoTime();
    Instances header = SyntheticRows.header(attributes);
    WekaClassifierMapTask map = new WekaClassifierMapTask();
    if (start == null || start.length == 0) {
      BackpropMLP fresh = new BackpropMLP();
      fresh.setOptions(options.clone());
      map.setClassifier(fresh);
    } else {
      map.setClassifier(AbstractClassifier.makeCopy(PartitionModel.classifier(start)));
      map.setContinueTrainingUpdateableClassifier(true);
    }
    map.setup(header);
    long rows = 0;
    Path file = Paths.get(dataDir, SyntheticRows.partFile(partition));
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String line;
      while ((line = in.readLine()) != null) {
        map.processInstance(SyntheticRows.parse(line, header));
        if (++rows == markAfterRows && markDir != null && round == markRound) {
          mark(round, executor, partition, attempt);
        }
      }
    }
    map.finalizeTask();
    return new PartitionModel(partition, rows, (System.nanoTime() - t0) / 1e9, attempt, executor,
        PartitionModel.bytes(map.getClassifier()));
  }

  private void mark(int round, String executor, int partition, int attempt) throws IOException {
    Path marker = Paths.get(markDir, String.format(Locale.ROOT,
        "round-%d-exec-%s-part-%d-attempt-%d", round, executor, partition, attempt));
    try {
      Files.createFile(marker);
    } catch (FileAlreadyExistsException e) {
      // a marker per task attempt is enough
    }
  }
}
