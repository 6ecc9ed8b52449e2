package weka.classifiers.functions.spark;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import weka.classifiers.Classifier;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Instances;
import weka.distributed.WekaClassifierReduceTask;

/**
 * A Spark job that trains BackpropMLP the way distributedWekaSpark's classifier job does, for
 * {@code scripts/spark-cluster.sh}: every round, one map task per partition file
 * ({@link PartitionTrainer}: distributedWekaBase's map task, row by row), the driver reduces the
 * partition models with distributedWekaBase's reduce task ({@code aggregate} /
 * {@code finalizeAggregation}: the row-weighted average), and the next round starts every
 * partition from that average. BackpropMLP's classes reach the executors only through the jars
 * shipped with the job ({@code --jars}), as a Weka package install ships them.
 *
 * <p>The reduce orders the partition models by partition number before aggregating
 * ({@link #reduce}), so the model depends neither on the order in which results arrive nor on
 * which attempt of a task produced them: a run in which an executor is killed and Spark re-runs
 * its tasks ends with the same bits as a run without failures, which
 * {@link ModelCheck#fingerprint} shows.
 *
 * <p>Usage (under spark-submit): {@code <dataDir> <partitions> <rounds> <attributes>
 * [--mark <dir> <round> <rows>] -- <BackpropMLP options>}.
 */
public final class ClusterTrainingJob {

  private ClusterTrainingJob() {}

  /**
   * The reduce step: aggregates one model per partition in partition order, whatever order the
   * list is in, through distributedWekaBase's {@code WekaClassifierReduceTask}.
   *
   * @param results the partition models, in any order
   * @return the aggregated model
   * @throws Exception if a partition is missing or given twice, or aggregation fails
   */
  public static BackpropMLP reduce(List<PartitionModel> results) throws Exception {
    List<PartitionModel> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingInt(r -> r.partition));
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).partition != i) {
        throw new IllegalArgumentException("expected one model for each of partitions 0.."
            + (sorted.size() - 1) + ", got partitions "
            + sorted.stream().map(r -> "" + r.partition).collect(Collectors.joining(",")));
      }
    }
    List<Classifier> models = new ArrayList<>();
    for (PartitionModel r : sorted) {
      models.add(PartitionModel.classifier(r.model));
    }
    Classifier reduced = new WekaClassifierReduceTask().aggregate(models);
    if (!(reduced instanceof BackpropMLP)) {
      throw new IllegalStateException("the reduce fell back to " + reduced.getClass().getName()
          + " instead of averaging BackpropMLP models");
    }
    return (BackpropMLP) reduced;
  }

  /**
   * Runs the job.
   *
   * @param args see the class comment
   * @throws Exception if the job fails
   */
  public static void main(String[] args) throws Exception {
    int dash = Arrays.asList(args).indexOf("--");
    if (dash < 4) {
      throw new IllegalArgumentException("usage: ClusterTrainingJob <dataDir> <partitions> <rounds>"
          + " <attributes> [--mark <dir> <round> <rows>] -- <BackpropMLP options>");
    }
    String dataDir = Paths.get(args[0]).toAbsolutePath().toString();
    int partitions = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int attributes = Integer.parseInt(args[3]);
    String markDir = null;
    int markRound = 0;
    long markRows = 0;
    if (dash == 8 && args[4].equals("--mark")) {
      markDir = args[5];
      markRound = Integer.parseInt(args[6]);
      markRows = Long.parseLong(args[7]);
    }
    String[] options = Arrays.copyOfRange(args, dash + 1, args.length);
    PartitionTrainer trainer =
        new PartitionTrainer(dataDir, attributes, options, markDir, markRound, markRows);
    Instances holdout = SyntheticRows.read(Paths.get(dataDir, "holdout.csv"),
        SyntheticRows.header(attributes), Long.MAX_VALUE);

    try (JavaSparkContext sc = new JavaSparkContext()) {
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      sc.sc().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.taskInfo().failed() || end.taskInfo().killed()) {
            failures.add("partition " + end.taskInfo().index() + " attempt "
                + end.taskInfo().attemptNumber() + " on executor " + end.taskInfo().executorId()
                + ": " + end.reason());
          }
        }
      });
      System.out.printf(Locale.ROOT, "job: %d partitions of %s, %d rounds, BackpropMLP %s%n",
          partitions, dataDir, rounds, String.join(" ", options));
      JavaRDD<Integer> parts = sc.parallelize(
          IntStream.range(0, partitions).boxed().collect(Collectors.toList()), partitions);
      BackpropMLP model = null;
      long rows = 0;
      double taskSeconds = 0;
      long t0 = System.nanoTime();
      for (int round = 1; round <= rounds; round++) {
        long r0 = System.nanoTime();
        final int thisRound = round;
        Broadcast<byte[]> start =
            sc.broadcast(model == null ? new byte[0] : PartitionModel.bytes(model));
        List<PartitionModel> results = parts.map(p -> trainer.train(p, thisRound, start.value(),
            TaskContext.get().attemptNumber(), SparkEnv.get().executorId())).collect();
        model = reduce(results);
        start.destroy();
        Map<String, Long> perExecutor = new TreeMap<>();
        long roundRows = 0;
        double roundSeconds = 0;
        for (PartitionModel r : results) {
          roundRows += r.rows;
          roundSeconds += r.seconds;
          perExecutor.merge("executor " + r.executor, 1L, Long::sum);
        }
        rows += roundRows;
        taskSeconds += roundSeconds;
        List<String> lost = new ArrayList<>(failures);
        failures.clear();
        System.out.printf(Locale.ROOT, "round %d: %.1f s, %.0f rows/s per executor (rows / task"
            + " seconds), tasks by executor %s, attempts %s, failed task attempts %d%s;"
            + " holdout accuracy %.2f %%%n", round, (System.nanoTime() - r0) / 1e9,
            roundRows / roundSeconds, perExecutor,
            results.stream().map(r -> "" + r.attempt).collect(Collectors.joining("")),
            lost.size(), lost.isEmpty() ? "" : " " + lost, ModelCheck.accuracy(model, holdout));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "RESULT partitions=%d rounds=%d rows_read=%d"
          + " training_s=%.1f rows_per_s_per_executor=%.0f holdout_accuracy=%.2f"
          + " fingerprint=%s%n", partitions, rounds, rows, seconds, rows / taskSeconds,
          ModelCheck.accuracy(model, holdout), ModelCheck.fingerprint(model));
    }
  }
}
