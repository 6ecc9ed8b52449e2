package weka.classifiers.functions.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Instances;

/**
 * The cluster job's guarantees, checked in process and fast (the real cluster is
 * {@code scripts/spark-cluster.sh}): a re-run map task gives the same model bits, the reduce
 * does not depend on the order in which partition models arrive or on which task attempt made
 * them, models survive serialization between processes unchanged, and federated rounds learn
 * the teacher's rule.
 */
class ClusterTrainingJobTest {

  private static final int ATTRIBUTES = 10;
  private static final int PARTITIONS = 4;
  private static final String[] OPTIONS = {"-hidden", "8", "-epochs", "2", "-threads", "1",
      "-reservoir", "300", "-lr", "0.003"};

  @TempDir
  static Path dir;

  private static PartitionTrainer trainer;
  private static List<PartitionModel> round1;

  @BeforeAll
  static void trainFirstRound() throws Exception {
    new SyntheticRows(ATTRIBUTES).write(dir, 4_000, PARTITIONS, 1_000);
    trainer = new PartitionTrainer(dir.toString(), ATTRIBUTES, OPTIONS, null, 0, 0);
    round1 = quietly(() -> {
      List<PartitionModel> out = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        out.add(trainer.train(p, 1, null, 0, "a"));
      }
      return out;
    });
  }

  @ParameterizedTest(name = "arrival order seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void theReduceIgnoresArrivalOrder(int seed) throws Exception {
    List<PartitionModel> shuffled = new ArrayList<>(round1);
    Collections.shuffle(shuffled, new Random(seed));
    assertEquals(fingerprint(round1), fingerprint(shuffled));
  }

  @Test
  void aReRunTaskOnAnotherExecutorGivesTheSameModel() throws Exception {
    PartitionModel retried = quietly(() -> trainer.train(2, 1, null, 1, "b"));
    assertEquals(1, retried.attempt);
    assertArrayEquals(params(round1.get(2)), params(retried), 0.0);
    List<PartitionModel> withRetry = new ArrayList<>(round1);
    withRetry.set(2, retried);
    Collections.reverse(withRetry);
    assertEquals(fingerprint(round1), fingerprint(withRetry));
  }

  @Test
  void aSecondRoundFromTheAggregateIsRepeatableAndLearns() throws Exception {
    byte[] start = PartitionModel.bytes(ClusterTrainingJob.reduce(round1));
    List<PartitionModel> a = new ArrayList<>();
    List<PartitionModel> b = new ArrayList<>();
    quietly(() -> {
      for (int p = 0; p < PARTITIONS; p++) {
        a.add(trainer.train(p, 2, start, 0, "a"));
        b.add(trainer.train(PARTITIONS - 1 - p, 2, start, 0, "b"));
      }
      return null;
    });
    assertEquals(fingerprint(a), fingerprint(b));
    Instances holdout = SyntheticRows.read(dir.resolve("holdout.csv"),
        SyntheticRows.header(ATTRIBUTES), Long.MAX_VALUE);
    double acc = ModelCheck.accuracy(ClusterTrainingJob.reduce(a), holdout);
    assertTrue(acc > 70, "two rounds on 4,000 rows reach " + acc + " % (majority class ~50 %)");
  }

  @Test
  void serializationBetweenProcessesKeepsTheBits() throws Exception {
    BackpropMLP model = ClusterTrainingJob.reduce(round1);
    BackpropMLP copy = (BackpropMLP) PartitionModel.classifier(PartitionModel.bytes(model));
    assertEquals(ModelCheck.fingerprint(model), ModelCheck.fingerprint(copy));
  }

  @Test
  void aMissingOrDuplicatedPartitionIsRefused() {
    List<PartitionModel> missing = new ArrayList<>(round1.subList(1, PARTITIONS));
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> ClusterTrainingJob.reduce(missing));
    assertTrue(e.getMessage().contains("got partitions 1,2,3"), e.getMessage());
    List<PartitionModel> twice = new ArrayList<>(round1);
    twice.set(0, round1.get(1));
    e = assertThrows(IllegalArgumentException.class, () -> ClusterTrainingJob.reduce(twice));
    assertTrue(e.getMessage().contains("got partitions 1,1,2,3"), e.getMessage());
  }

  @Test
  void syntheticRowsAreDeterministicAndNearTheCeiling(@TempDir Path other) throws Exception {
    new SyntheticRows(ATTRIBUTES).write(other, 4_000, PARTITIONS, 1_000);
    for (int p = 0; p < PARTITIONS; p++) {
      String f = SyntheticRows.partFile(p);
      assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(other.resolve(f)));
    }
    Instances holdout = SyntheticRows.read(other.resolve("holdout.csv"),
        SyntheticRows.header(ATTRIBUTES), Long.MAX_VALUE);
    double ceiling = new SyntheticRows(ATTRIBUTES).teacherAccuracy(holdout);
    assertEquals(100 * (1 - SyntheticRows.FLIP), ceiling, 2.5, "label noise sets the ceiling");
  }

  @Test
  void aMalformedRowIsNamed() {
    Instances header = SyntheticRows.header(2);
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> SyntheticRows.parse("0.5,pos", header));
    assertTrue(e.getMessage().contains("expected 3: 0.5,pos"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SyntheticRows.parse("0.5,1.0,maybe", header));
    assertTrue(e.getMessage().contains("unknown class 'maybe'"), e.getMessage());
  }

  private static String fingerprint(List<PartitionModel> results) throws Exception {
    return ModelCheck.fingerprint(ClusterTrainingJob.reduce(results));
  }

  private static double[] params(PartitionModel r) throws Exception {
    return ((BackpropMLP) PartitionModel.classifier(r.model)).getModelView().parameters();
  }

  /** Code that may throw. */
  private interface Body<T> {
    T run() throws Exception;
  }

  /** Runs map tasks without the memory line distributedWekaBase prints for each one. */
  private static <T> T quietly(Body<T> body) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(none);
    System.setErr(none);
    try {
      return body.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
