package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instance;
import weka.core.Instances;
import weka.distributed.WekaClassifierMapTask;
import weka.distributed.WekaClassifierReduceTask;

/**
 * BackpropMLP trained over a Spark RDD in {@code local[2]} mode, the way distributedWekaSpark's
 * WekaClassifierSparkJob drives a classifier: each partition runs a distributedWekaBase
 * {@code WekaClassifierMapTask} (build on the header, {@code updateClassifier} per row,
 * {@code batchFinished}), the driver reduces the models with {@code WekaClassifierReduceTask},
 * and every further round starts the map tasks from the aggregated model. Skipped, with the
 * reason, where a Spark context cannot start.
 */
class BackpropMLPSparkTest {

  private static final int ROUNDS = 15;
  private static final int LOCAL_EPOCHS = 3;

  private static JavaSparkContext spark;
  private static String unavailable;

  @BeforeAll
  static void startSpark() {
    try {
      SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("BackpropMLPSparkTest")
          .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
      spark = new JavaSparkContext(conf);
    } catch (Throwable e) {
      unavailable = "Spark local[2] could not start here: " + e;
    }
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void federatedTrainingOverAnRddMatchesSingleMachineTraining() throws Exception {
    Assumptions.assumeTrue(spark != null, () -> unavailable);
    Instances data = TestData.load("diabetes");
    data.randomize(new Random(42));
    data.stratify(3);
    int cut = data.numInstances() * 2 / 3;
    Instances train = new Instances(data, 0, cut);
    Instances test = new Instances(data, cut, data.numInstances() - cut);
    Instances header = new Instances(train, 0);
    List<Instance> rows = new ArrayList<>(train);
    JavaRDD<Instance> rdd = spark.parallelize(rows, 2).cache();

    Classifier model = null;
    String[] options = {"-hidden", "16", "-lr", "0.01", "-schedule", "CONSTANT", "-threads", "1",
        "-epochs", "" + LOCAL_EPOCHS};
    for (int round = 0; round < ROUNDS; round++) {
      final Classifier start = model;
      // the map tasks print their memory use from Spark's threads: quiet unless a task fails
      List<Classifier> partitionModels = LibraryChatter.quiet(LibraryChatter.MAP_TASK,
          () -> rdd.mapPartitions((Iterator<Instance> it) -> {
            WekaClassifierMapTask map = new WekaClassifierMapTask();
            if (start == null) {
              BackpropMLP fresh = new BackpropMLP();
              fresh.setOptions(options.clone());
              map.setClassifier(fresh);
            } else {
              map.setClassifier(AbstractClassifier.makeCopy(start));
              map.setContinueTrainingUpdateableClassifier(true);
            }
            map.setup(header);
            while (it.hasNext()) {
              map.processInstance(it.next());
            }
            map.finalizeTask();
            List<Classifier> out = new ArrayList<>();
            out.add(map.getClassifier());
            return out.iterator();
          }).collect());
      assertEquals(2, partitionModels.size());
      model = new WekaClassifierReduceTask().aggregate(new ArrayList<>(partitionModels));
      assertTrue(model instanceof BackpropMLP, "reduce fell back to " + model.getClass());
    }

    BackpropMLP single = new BackpropMLP();
    single.setOptions(
        new String[] {"-hidden", "16", "-lr", "0.01", "-schedule", "CONSTANT", "-threads", "1"});
    single.buildClassifier(train);
    double fed = BackpropMLPDistributedTest.accuracy(model, train, test);
    double one = BackpropMLPDistributedTest.accuracy(single, train, test);
    System.out.printf("diabetes holdout accuracy: Spark local[2] (2 partitions, %d rounds of %d"
        + " local epochs) %.2f%%, single machine %.2f%%%n", ROUNDS, LOCAL_EPOCHS, fed, one);
    assertTrue(fed >= one - 2, "Spark " + fed + " vs single " + one);
  }
}
