package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.backprop.kernel.WorkerPool;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.GradientStepTest.Batch;
import weka.classifiers.functions.backprop.train.GradientStepTest.Shape;

/**
 * {@link GradientStep#run} on more than one thread and with the first layer in two blocks: a
 * two-thread {@link WorkerPool} gives bit-identical parameters, losses and norms to the calling
 * thread alone, and the two-block layout of an epoch ({@link GradientStep#enterEpochLayout}) the
 * row-major steps' parameters on any thread count. The networks and batches are {@link
 * GradientStepTest}'s.
 */
class GradientStepThreadsTest {

  /**
   * Several ADAM steps with L1, L2 and active clipping give bit-identical parameters, returned
   * losses and layer norms on a two-thread pool and on the calling thread alone, for batches
   * split by columns (under 128 rows) and by rows.
   */
  @ParameterizedTest(name = "{0}, {1} rows")
  @MethodSource("poolCases")
  void twoThreadPoolGivesBitIdenticalResults(Shape shape, int rows) {
    TrainerConfig cfg = TrainerTest.config().optimizer(OptimizerType.ADAM).learningRate(0.01)
        .l1(0.001).l2(0.01).clipNorm(0.05).build();
    Network alone = shape.network(19);
    Network pooled = alone.copy();
    GradientStep aloneStep = new GradientStep(alone, cfg, rows);
    GradientStep pooledStep = new GradientStep(pooled, cfg, rows);
    try (WorkerPool pool = new WorkerPool(2)) {
      for (int s = 0; s < 3; s++) {
        Batch b = GradientStepTest.batch(alone, rows, 60 + s);
        GradientStepTest.fill(aloneStep.workspace(), b);
        double lossAlone = aloneStep.run(rows, 0.01, null, 1);
        GradientStepTest.fill(pooledStep.workspace(), b);
        double lossPooled = pooledStep.run(rows, 0.01, pool, 1);
        assertEquals(lossAlone, lossPooled, 0.0, "loss of step " + s);
        assertArrayEquals(alone.parameters(), pooled.parameters(), 0.0, "step " + s);
      }
    }
    double[] normsAlone = new double[alone.numLayers()];
    double[] normsPooled = new double[alone.numLayers()];
    aloneStep.drainLayerNorms(normsAlone);
    pooledStep.drainLayerNorms(normsPooled);
    assertArrayEquals(normsAlone, normsPooled, 0.0);
    assertTrue(normsAlone[0] > 0);
  }

  /**
   * With the first layer's weights in two blocks ({@link GradientStep#enterEpochLayout}) three
   * ADAM steps with L1 and L2 give, once back in row-major order, the row-major steps' parameters
   * to the bit, on 1, 2 and 3 threads and for batches split by columns and by rows; with
   * clipping, the clip scale comes from the norm summed over other chunks, so the models agree
   * to rounding across layouts and to the bit across thread counts.
   */
  @ParameterizedTest(name = "{0} rows, clip {1}")
  @CsvSource({"5, 0", "150, 0", "20, 0.05"})
  void splitLayoutGivesTheRowMajorStepsOnAnyThreadCount(int rows, double clip) {
    TrainerConfig cfg = TrainerTest.config().optimizer(OptimizerType.ADAM).learningRate(0.01)
        .l1(0.001).l2(0.01).clipNorm(clip).build();
    Network rowMajor = Shape.INPUT_HALVES.network(23);
    GradientStep rowMajorStep = new GradientStep(rowMajor, cfg, rows);
    Network[] split = new Network[3];
    GradientStep[] splitSteps = new GradientStep[3];
    for (int k = 0; k < 3; k++) {
      split[k] = rowMajor.copy();
      splitSteps[k] = new GradientStep(split[k], cfg, rows);
      splitSteps[k].enterEpochLayout();
      assertTrue(split[k].firstLayer().inSplitLayout());
    }
    for (int s = 0; s < 3; s++) {
      Batch b = GradientStepTest.batch(rowMajor, rows, 70 + s);
      GradientStepTest.fill(rowMajorStep.workspace(), b);
      double loss = rowMajorStep.run(rows, 0.01, null, 1);
      double oneThread = Double.NaN;
      for (int k = 0; k < 3; k++) {
        GradientStepTest.fill(splitSteps[k].workspace(), b);
        try (WorkerPool pool = k == 0 ? null : new WorkerPool(k + 1)) {
          double l = splitSteps[k].run(rows, 0.01, pool, 1);
          oneThread = k == 0 ? l : oneThread;
          assertEquals(oneThread, l, 0.0, "loss of step " + s + ", " + (k + 1) + " threads");
          // with clipping, the steps before this one agree with the row-major ones to rounding
          assertEquals(loss, l, clip == 0 ? 0.0 : 1e-12 * (1 + Math.abs(loss)),
              "loss of step " + s);
        }
      }
    }
    rowMajorStep.exitEpochLayout(); // nothing to undo
    for (int k = 0; k < 3; k++) {
      splitSteps[k].exitEpochLayout();
      assertFalse(split[k].firstLayer().inSplitLayout());
      if (clip == 0) {
        assertArrayEquals(rowMajor.parameters(), split[k].parameters(), 0.0, (k + 1) + " threads");
      } else {
        assertArrayEquals(split[0].parameters(), split[k].parameters(), 0.0, (k + 1) + " threads");
        double[] a = rowMajor.parameters();
        double[] b = split[k].parameters();
        for (int i = 0; i < a.length; i++) {
          assertEquals(a[i], b[i], 1e-12 * (1 + Math.abs(a[i])), "parameter " + i);
        }
      }
    }
  }

  /** Entering the split layout is a no-op for a network whose first layer is not cut. */
  @Test
  void splitLayoutNeedsACutFirstLayer() {
    Network net = Shape.MULTI_CHUNK.network(3);
    GradientStep step = new GradientStep(net, TrainerTest.config().build(), 4);
    step.enterEpochLayout();
    assertFalse(net.firstLayer().inSplitLayout());
  }

  static Stream<Arguments> poolCases() {
    return Stream.of(Shape.values()).flatMap(s -> Stream.of(
        Arguments.of(s, 5), Arguments.of(s, 150)));
  }
}
