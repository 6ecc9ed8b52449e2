package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.GradientStepTest.Batch;

/**
 * {@link StreamingTrainer} against a second network stepped by hand with its own {@link
 * GradientStep} on the same rows, compared bit for bit (SGD with momentum, so the optimizer
 * state must also carry over from step to step): rows are only buffered, the parameters
 * untouched, until the mini-batch is full; every full buffer is exactly one {@code run} on those
 * rows at the configured learning rate; {@link StreamingTrainer#flush()} trains a partial batch
 * and does nothing on an empty buffer; {@link StreamingTrainer#meanLoss()} is NaN before the
 * first step and afterwards the weighted loss summed over the trained rows (computed here from
 * the network's outputs) divided by their number, buffered rows excluded;
 * an interrupted thread makes {@code flush}
 * throw {@link InterruptedBeforeStepException} with the parameters unchanged and the buffered
 * rows kept, while {@code add} is never interrupted; a non-finite row raises a {@link
 * DivergenceException} reported as a streaming update (epoch 0); equal weights far from 1 step
 * exactly as unweighted rows.
 */
class StreamingTrainerTest {

  static final double ETA = 0.05;

  static TrainerConfig config(int miniBatch) {
    return TrainerTest.config().optimizer(OptimizerType.SGD).momentum(0.9).learningRate(ETA)
        .miniBatch(miniBatch).l2(0.01).build();
  }

  static Network network() {
    return GradientStepTest.Shape.SMALL.network(1);
  }

  /** Adds row {@code i} of {@code b}, read at offsets into the batch's arrays. */
  static void add(StreamingTrainer t, Batch b, int i, Network net) throws InterruptedException {
    t.add(b.x, i * net.inputs(), b.y, i * net.outputs(), b.w[i]);
  }

  /** Rows {@code [from, to)} of {@code b} as a batch of their own. */
  static Batch rows(Batch b, Network net, int from, int to) {
    int in = net.inputs();
    int k = net.outputs();
    return new Batch(to - from, Arrays.copyOfRange(b.x, from * in, to * in),
        Arrays.copyOfRange(b.y, from * k, to * k), Arrays.copyOfRange(b.w, from, to));
  }

  /**
   * One manual step of {@code step} on rows {@code [from, to)}, each weight divided by the
   * largest of rows {@code [0, to)} as the stream counts them; returns its loss sum.
   */
  static double manualStep(GradientStep step, Batch b, Network net, int from, int to) {
    GradientStepTest.fill(step.workspace(), scaledRows(b, net, 0, from, to));
    return step.run(to - from, ETA, null, 0);
  }

  /**
   * Rows {@code [from, to)} with each weight divided by the largest of rows {@code [since,
   * to)}, as a stream that started at row {@code since} counts them.
   */
  static Batch scaledRows(Batch b, Network net, int since, int from, int to) {
    double largest = 0;
    for (int i = since; i < to; i++) {
      largest = Math.max(largest, b.w[i]);
    }
    Batch rows = rows(b, net, from, to);
    for (int i = 0; i < rows.w.length; i++) {
      rows.w[i] /= largest;
    }
    return rows;
  }

  /**
   * The step a growing trainer makes on its first new row topped up with the first three
   * earlier rows: those four rows, each weight divided by the largest of them.
   */
  static Batch newRowAndThreeEarlier(Network net, Batch fresh, Batch earlier) {
    int in = net.inputs();
    int k = net.outputs();
    double[] x = new double[4 * in];
    double[] y = new double[4 * k];
    double[] w = new double[4];
    System.arraycopy(fresh.x, 0, x, 0, in);
    System.arraycopy(fresh.y, 0, y, 0, k);
    w[0] = fresh.w[0];
    System.arraycopy(earlier.x, 0, x, in, 3 * in);
    System.arraycopy(earlier.y, 0, y, k, 3 * k);
    System.arraycopy(earlier.w, 0, w, 1, 3);
    double largest = Arrays.stream(w).max().getAsDouble();
    for (int i = 0; i < 4; i++) {
      w[i] /= largest;
    }
    return new Batch(4, x, y, w);
  }

  // ------------------------------------------------------------------------------------------

  @Test
  void rowsAreBufferedUntilTheMiniBatchIsFull() throws InterruptedException {
    Network net = network();
    Network manual = net.copy();
    GradientStep manualStep = new GradientStep(manual, config(4), 4);
    StreamingTrainer t = new StreamingTrainer(net, config(4));
    Batch b = GradientStepTest.batch(net, 4, 2);
    double[] before = net.parameters().clone();
    for (int i = 0; i < 3; i++) {
      add(t, b, i, net);
      assertArrayEquals(before, net.parameters(), 0.0, "changed after " + (i + 1) + " rows");
      assertTrue(Double.isNaN(t.meanLoss()), "meanLoss before any step: " + t.meanLoss());
    }
    add(t, b, 3, net);
    manualStep(manualStep, b, manual, 0, 4);
    assertFalse(Arrays.equals(before, net.parameters()), "a full buffer did not train");
    assertArrayEquals(manual.parameters(), net.parameters(), 0.0);
  }

  /**
   * A growing batch ({@code growingFrom(295)}, full batch 4) over 1,000 rows, by hand: rows
   * 296-599 of the stream step one by one (304 steps), 600-899 in pairs (150), 900-1199 in
   * threes (100), 1200-1295 in fours (24); each step equal bit for bit to a manual step on the
   * same rows, and nothing trained between steps.
   */
  @Test
  void aGrowingBatchStepsOnTheRowsItsScheduleGives() throws InterruptedException {
    Network net = network();
    Network manual = net.copy();
    GradientStep manualStep = new GradientStep(manual, config(4), 4);
    StreamingTrainer t = new StreamingTrainer(net, config(4)).growingFrom(295, null);
    Batch b = GradientStepTest.batch(net, 1000, 5);
    int[][] groups = {{1, 304}, {2, 150}, {3, 100}, {4, 24}}; // {size, how many}
    int row = 0;
    for (int[] g : groups) {
      for (int k = 0; k < g[1]; k++) {
        double[] before = net.parameters().clone();
        for (int i = 0; i < g[0] - 1; i++) {
          add(t, b, row++, net);
        }
        assertArrayEquals(before, net.parameters(), 0.0, "trained before row " + row);
        add(t, b, row++, net);
        manualStep(manualStep, b, manual, row - g[0], row);
        assertArrayEquals(manual.parameters(), net.parameters(), 0.0, "after row " + row);
      }
    }
    assertEquals(1000, row);
  }

  /**
   * A growing batch's step is topped up to the full mini-batch with earlier rows: the first
   * streamed row (a step of one new row) trains together with three earlier rows, bit for bit as
   * a manual step on those four rows (weights divided by the largest of them), and the mean loss
   * counts all four rows.
   */
  @Test
  void aGrowingBatchIsToppedUpWithEarlierRows() throws InterruptedException {
    Network net = network();
    Network manual = net.copy();
    GradientStep manualStep = new GradientStep(manual, config(4), 4);
    Batch earlier = GradientStepTest.batch(net, 3, 7);
    Batch fresh = GradientStepTest.batch(net, 1, 8);
    int in = net.inputs();
    int k = net.outputs();
    int[] asked = new int[1];
    StreamingTrainer t = new StreamingTrainer(net, config(4)).growingFrom(0, (trainer, rows) -> {
      if (asked[0] > 0) {
        return; // no rows for the replay steps that follow (aStreamsFirstRowsAreRehearsed)
      }
      asked[0] = rows;
      for (int i = 0; i < rows; i++) {
        assertTrue(trainer.addEarlier(earlier.x, i * in, earlier.y, i * k, earlier.w[i]));
      }
      assertFalse(trainer.addEarlier(earlier.x, 0, earlier.y, 0, 1), "a full batch took a row");
    });
    add(t, fresh, 0, net);
    assertEquals(3, asked[0], "rows asked to fill a batch of 4");
    GradientStepTest.fill(manualStep.workspace(), newRowAndThreeEarlier(net, fresh, earlier));
    double loss = manualStep.run(4, ETA, null, 0);
    assertArrayEquals(manual.parameters(), net.parameters(), 0.0);
    assertEquals(loss / 4, t.meanLoss(), 1e-15 * loss);
  }

  /**
   * Each step of a growing stream's first rows is followed by three steps on earlier rows
   * alone: after the first new row, the parameters equal four manual steps, the first on the new
   * row and three earlier rows, then three on four earlier rows each; from row 600 on no replay
   * follows.
   */
  @Test
  void aStreamsFirstRowsAreRehearsed() throws InterruptedException {
    Network net = network();
    Network manual = net.copy();
    GradientStep manualStep = new GradientStep(manual, config(4), 4);
    Batch earlier = GradientStepTest.batch(net, 4, 9);
    Batch fresh = GradientStepTest.batch(net, 1, 10);
    int in = net.inputs();
    int k = net.outputs();
    StreamingTrainer t = new StreamingTrainer(net, config(4)).growingFrom(0, (trainer, rows) -> {
      for (int i = 0; i < rows; i++) {
        trainer.addEarlier(earlier.x, i * in, earlier.y, i * k, earlier.w[i]);
      }
    }).rehearsing(true);
    add(t, fresh, 0, net);
    GradientStepTest.fill(manualStep.workspace(), newRowAndThreeEarlier(net, fresh, earlier));
    double loss = manualStep.run(4, ETA, null, 0);
    double largest = Math.max(fresh.w[0], Arrays.stream(earlier.w).max().getAsDouble());
    for (int r = 0; r < 3; r++) { // by hand: three replay steps
      double[] ew = earlier.w.clone();
      for (int i = 0; i < 4; i++) {
        ew[i] /= largest;
      }
      GradientStepTest.fill(manualStep.workspace(), new Batch(4, earlier.x, earlier.y, ew));
      manualStep.run(4, ETA, null, 0);
    }
    assertArrayEquals(manual.parameters(), net.parameters(), 0.0);
    assertEquals(loss / 4, t.meanLoss(), 1e-15 * loss, "the replay steps' loss is not counted");
    assertEquals(0, AutoSettings.streamReplaySteps(600));
    assertEquals(3, AutoSettings.streamReplaySteps(599));
  }

  /**
   * Which rows a growing, rehearsing trainer asks its source for, by hand, for a batch of 4
   * growing from 597 earlier rows: rows 598 and 599 each make a step topped up by 3 earlier rows
   * and 3 replay steps of 4; row 600 waits (2 new rows per step from there); row 601's step is
   * topped up by 2, with no replay; without {@code rehearsing} only the top-ups are asked.
   */
  @Test
  void theRowsAskedForFollowTheScheduleAcrossTheEndOfTheReplay() throws InterruptedException {
    for (boolean replay : new boolean[] {true, false}) {
      Network net = network();
      Batch b = GradientStepTest.batch(net, 4, 11);
      List<Integer> asked = new ArrayList<>();
      StreamingTrainer t = new StreamingTrainer(net, config(4)).growingFrom(597, (tr, rows) -> {
        asked.add(rows);
        for (int i = 0; i < rows; i++) {
          tr.addEarlier(b.x, 0, b.y, 0, 1);
        }
      }).rehearsing(replay);
      for (int i = 0; i < 4; i++) {
        add(t, b, i, net);
      }
      assertEquals(replay ? List.of(3, 4, 4, 4, 3, 4, 4, 4, 2) : List.of(3, 3, 2), asked);
    }
  }

  /** A trainer of sparse rows takes no earlier (dense) rows: its batch has no dense inputs. */
  @Test
  void aSparseTrainerTakesNoEarlierRows() throws InterruptedException {
    Network net = network();
    int in = net.inputs();
    int[] cols = new int[in];
    double[] vals = new double[in];
    for (int j = 0; j < in; j++) {
      cols[j] = j;
      vals[j] = 1 + j;
    }
    double[] y = new double[net.outputs()];
    y[0] = 1;
    boolean[] taken = {true};
    StreamingTrainer t = new StreamingTrainer(net, config(4), in).growingFrom(0, (tr, rows) -> {
      taken[0] = tr.addEarlier(vals, 0, y, 0, 1);
    });
    t.addSparse(cols, vals, 0, in, y, 0, 1);
    assertFalse(taken[0], "a sparse trainer took a dense earlier row");
    assertTrue(t.hasStepped(), "the new row did not step");
  }

  /** A batch growing from 597 earlier rows: the stream's rows 598 and 599 step alone, then 2s. */
  @Test
  void aGrowingBatchGoesOnFromTheRowsTheStreamHad() throws InterruptedException {
    Network net = network();
    StreamingTrainer t = new StreamingTrainer(net, config(4)).growingFrom(597, null);
    Batch b = GradientStepTest.batch(net, 4, 6);
    double[] before = net.parameters().clone();
    add(t, b, 0, net);
    assertFalse(Arrays.equals(before, net.parameters()), "row 598 did not step alone");
    before = net.parameters().clone();
    add(t, b, 1, net);
    assertFalse(Arrays.equals(before, net.parameters()), "row 599 did not step alone");
    before = net.parameters().clone();
    add(t, b, 2, net);
    assertArrayEquals(before, net.parameters(), 0.0, "row 600 stepped alone");
    add(t, b, 3, net);
    assertFalse(Arrays.equals(before, net.parameters()), "a pair did not step");
  }

  /**
   * A stream of 19 rows: after every row the parameters equal the manual replica's, which steps
   * on each full group of {@code miniBatch} rows; {@code flush} then trains the remainder (or
   * nothing); {@code meanLoss} is the sum of the manual steps' losses over 19.
   */
  @ParameterizedTest(name = "mini-batch {0}")
  @ValueSource(ints = {1, 3, 4, 7, 19, 25})
  void eachFullBufferIsOneStepAndFlushTrainsTheRest(int miniBatch)
      throws InterruptedException {
    int n = 19;
    Network net = network();
    Network manual = net.copy();
    GradientStep manualStep = new GradientStep(manual, config(miniBatch), miniBatch);
    StreamingTrainer t = new StreamingTrainer(net, config(miniBatch));
    Batch b = GradientStepTest.batch(net, n, 3);
    double lossSum = 0;
    int stepsTaken = 0;
    for (int i = 0; i < n; i++) {
      add(t, b, i, net);
      if ((i + 1) % miniBatch == 0) {
        lossSum += manualStep(manualStep, b, manual, i + 1 - miniBatch, i + 1);
        stepsTaken++;
      }
      assertArrayEquals(manual.parameters(), net.parameters(), 0.0, "after row " + i);
    }
    assertEquals(n / miniBatch, stepsTaken);
    double[] beforeFlush = net.parameters().clone();
    t.flush();
    int rest = n % miniBatch;
    if (rest > 0) {
      lossSum += manualStep(manualStep, b, manual, n - rest, n);
      assertFalse(Arrays.equals(beforeFlush, net.parameters()), "flush did not train");
    }
    assertArrayEquals(manual.parameters(), net.parameters(), 0.0, "after flush");
    assertEquals(lossSum / n, t.meanLoss(), 1e-15 * lossSum);
  }

  @Test
  void flushOnAnEmptyBufferDoesNothing() throws InterruptedException {
    Network net = network();
    StreamingTrainer t = new StreamingTrainer(net, config(3));
    double[] before = net.parameters().clone();
    t.flush();
    assertArrayEquals(before, net.parameters(), 0.0);
    assertTrue(Double.isNaN(t.meanLoss()), "meanLoss of an empty flush: " + t.meanLoss());

    Batch b = GradientStepTest.batch(net, 3, 4);
    for (int i = 0; i < 3; i++) {
      add(t, b, i, net); // the third row trains and empties the buffer
    }
    double[] afterStep = net.parameters().clone();
    double loss = t.meanLoss();
    assertFalse(Arrays.equals(before, afterStep));
    t.flush();
    t.flush();
    assertArrayEquals(afterStep, net.parameters(), 0.0);
    assertEquals(loss, t.meanLoss(), 0.0);
  }

  /**
   * The mean weighted loss per trained row, each batch's loss taken before its update and
   * computed here from the network's outputs; rows still buffered do not count.
   */
  @Test
  void meanLossIsTheWeightedLossPerTrainedRow() throws InterruptedException {
    Network net = network();
    StreamingTrainer t = new StreamingTrainer(net, config(4));
    Batch b = GradientStepTest.batch(net, 6, 5);
    double first = GradientStepTest.weightedLoss(net, net.parameters().clone(),
        scaledRows(b, net, 0, 0, 4));
    for (int i = 0; i < 4; i++) {
      add(t, b, i, net);
    }
    assertEquals(first / 4, t.meanLoss(), 1e-12);
    double second = GradientStepTest.weightedLoss(net, net.parameters().clone(),
        scaledRows(b, net, 0, 4, 6));
    add(t, b, 4, net);
    add(t, b, 5, net);
    assertEquals(first / 4, t.meanLoss(), 1e-12, "buffered rows counted before training");
    t.flush();
    assertEquals((first + second) / 6, t.meanLoss(), 1e-12);
    assertTrue(Math.abs((first + second) / 6 - first / 4) > 1e-6,
        "the second batch left the mean unchanged: the last check proves nothing");
  }

  /**
   * The {@code add} that fills the buffer trains it even with the interrupt flag set: a row is
   * taken whole or not at all, and the caller checks for an interrupt before each row.
   */
  @Test
  void addIsNeverInterrupted() {
    Network net = network();
    Network manual = net.copy();
    GradientStep manualStep = new GradientStep(manual, config(4), 4);
    StreamingTrainer t = new StreamingTrainer(net, config(4));
    Batch b = GradientStepTest.batch(net, 4, 7);
    Thread.currentThread().interrupt();
    try {
      for (int i = 0; i < 4; i++) {
        t.add(b.x, i * net.inputs(), b.y, i * net.outputs(), b.w[i]);
      }
      assertTrue(Thread.currentThread().isInterrupted(), "add cleared the interrupt flag");
    } finally {
      Thread.interrupted();
    }
    manualStep(manualStep, b, manual, 0, 4);
    assertArrayEquals(manual.parameters(), net.parameters(), 0.0);
  }

  @Test
  void nonFiniteRowRaisesDivergenceAsAStreamingUpdate() {
    Network net = network();
    StreamingTrainer t = new StreamingTrainer(net, config(2));
    Batch b = GradientStepTest.batch(net, 2, 8);
    b.x[net.inputs() + 2] = Double.NaN;
    double[] before = net.parameters().clone();
    DivergenceException e = assertThrows(DivergenceException.class, () -> {
      add(t, b, 0, net);
      add(t, b, 1, net);
    });
    assertEquals(DivergenceException.Kind.LOSS_NOT_FINITE, e.kind());
    assertEquals(0, e.epoch());
    assertEquals(ETA, e.learningRate(), 0.0);
    assertTrue(e.getMessage().contains("a streaming update"), e.getMessage());
    assertArrayEquals(before, net.parameters(), 0.0);
    // the diverged batch is dropped: the trainer goes on with the next rows
    b.x[net.inputs() + 2] = 0.5;
    assertDoesNotThrow(() -> {
      add(t, b, 0, net);
      add(t, b, 1, net);
    });
    assertFalse(Arrays.equals(before, net.parameters()));
  }

  /**
   * The rows of {@link TrainerTest#linearProblem} (class: the sign of the first input) as a
   * stream, the classes swapped from row {@code flip} on (an abrupt drift), for a network of 3
   * inputs and 2 classes.
   */
  static void streamSignRows(StreamingTrainer t, int rows, int flip) {
    Dataset d = TrainerTest.linearProblem(rows, false);
    double[] y = new double[2];
    for (int i = 0; i < rows; i++) {
      int label = i < flip ? d.labels()[i] : 1 - d.labels()[i];
      y[label] = 1;
      y[1 - label] = 0;
      t.add(d.x(), 3 * i, y, 0, 1);
    }
  }

  /** A trainer of {@code net} by Adam at {@code rate}, mini-batches of 8 rows. */
  static StreamingTrainer adam(Network net, double rate) {
    return new StreamingTrainer(net, TrainerTest.config().optimizer(OptimizerType.ADAM)
        .learningRate(rate).miniBatch(8).build());
  }

  /**
   * Adam moves every weight by about the rate at each step, so at 1e10 nothing overflows: the
   * loss is about 1e20 a row from the second step on (or exactly 0 where the huge logits happen
   * to be right on a whole mini-batch), and the tenth such step reports the divergence (the
   * stream used to go on to a model that calls every row one class), for both cross-entropies.
   */
  @ParameterizedTest(name = "sigmoid outputs {0}")
  @ValueSource(booleans = {false, true})
  void aFiniteDivergenceStopsAClassifyingStream(boolean sigmoid) {
    Network net = TrainerTest.network(3, "8:RELU", 2, sigmoid ? TrainerTest.BCE : TrainerTest.CE,
        1);
    StreamingTrainer t = adam(net, 1e10);
    DivergenceException e =
        assertThrows(DivergenceException.class, () -> streamSignRows(t, 400, 400));
    assertEquals(DivergenceException.Kind.LOSS_FAR_ABOVE_UNINFORMED, e.kind());
    assertEquals(0, e.epoch());
    assertTrue(e.value() > 1e4 * (sigmoid ? 2 : 1) * Math.log(2), "loss " + e.value());
    assertTrue(e.getMessage().startsWith("training diverged in a streaming update: the loss per"
        + " row stayed over 10,000 times the " + (sigmoid ? "1.386" : "0.6931") + " of outputs"
        + " that give every class the same probability in 10 of the last 20 mini-batches,"
        + " reaching"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("at learning rate 1.00e+10"), e.getMessage());
  }

  /**
   * The same for a numeric target: at 1e10 the outputs reach about 1e10, a squared error of
   * about 1e20 a row against about ½ for predicting the targets' mean.
   */
  @Test
  void aFiniteDivergenceStopsANumericStream() {
    Network net = TrainerTest.network(3, "8:RELU", 1, TrainerTest.MSE, 1);
    StreamingTrainer t = adam(net, 1e10);
    Random rnd = new Random(4);
    double[] x = new double[3];
    double[] y = new double[1];
    DivergenceException e = assertThrows(DivergenceException.class, () -> {
      for (int i = 0; i < 400; i++) {
        x[0] = rnd.nextGaussian();
        y[0] = x[0];
        t.add(x, 0, y, 0, 1);
      }
    });
    assertEquals(DivergenceException.Kind.LOSS_FAR_ABOVE_MEAN, e.kind());
    assertEquals(0, e.epoch());
    assertTrue(e.getMessage().contains("stayed over 10,000 times 1.000 (the loss of predicting"
        + " the mean of the targets so far, or 1 if that is less) in 10 of the last 20"
        + " mini-batches, reaching"), e.getMessage());
  }

  /**
   * Mini-batches whose first input is 1e8 (an outlier, or a sensor's fault) put the outputs of
   * a network of standardized inputs about 1e7 off, far above the uninformed outputs' loss for
   * as many steps as they last, since Adam at 0.01 moves each weight by about 0.01 a step. Fewer
   * than {@link StreamingTrainer#STEPS_FAR_ABOVE} of them, between ordinary rows, are taken;
   * that many stop the stream.
   */
  @ParameterizedTest(name = "{0} outlier steps, numeric target {1}")
  @CsvSource({"1, false", "9, false", "10, false", "1, true", "9, true", "10, true"})
  void onlyManyStepsFarAboveStopAStream(int outlierSteps, boolean numeric) {
    Network net = TrainerTest.network(3, "8:RELU", numeric ? 1 : 2,
        numeric ? TrainerTest.MSE : TrainerTest.CE, 1);
    StreamingTrainer t = adam(net, 0.01);
    Random rnd = new Random(5);
    double[] x = new double[3];
    double[] y = new double[net.outputs()];
    Runnable stream = () -> {
      int outliersFrom = 80;
      int outliersTo = outliersFrom + 8 * outlierSteps;
      for (int i = 0; i < outliersTo + 80; i++) {
        for (int j = 0; j < 3; j++) {
          x[j] = rnd.nextGaussian();
        }
        boolean outlier = i >= outliersFrom && i < outliersTo;
        if (outlier) {
          x[0] = 1e8;
        }
        if (numeric) {
          y[0] = outlier ? 0 : x[0];
        } else {
          int label = outlier ? i % 2 : x[0] > 0 ? 1 : 0;
          y[label] = 1;
          y[1 - label] = 0;
        }
        t.add(x, 0, y, 0, 1);
      }
    };
    if (outlierSteps < StreamingTrainer.STEPS_FAR_ABOVE) {
      assertDoesNotThrow(stream::run);
    } else {
      DivergenceException e = assertThrows(DivergenceException.class, stream::run);
      assertEquals(numeric ? DivergenceException.Kind.LOSS_FAR_ABOVE_MEAN
          : DivergenceException.Kind.LOSS_FAR_ABOVE_UNINFORMED, e.kind());
    }
  }

  /**
   * No false alarm: a stream at a high but sane rate whose classes swap half-way (the network
   * is confidently wrong on every row after the swap), and a numeric stream whose targets jump
   * by 1,000 standard deviations (its error jumps with them, and so does the mean's), both go
   * on.
   */
  @Test
  void aDriftingOrNumericStreamIsNotStopped() {
    Network net = TrainerTest.network(3, "8:RELU", 2, TrainerTest.CE, 1);
    StreamingTrainer t = adam(net, 0.1);
    assertDoesNotThrow(() -> streamSignRows(t, 4000, 2000));
    assertTrue(t.meanLoss() < 1, "mean loss " + t.meanLoss());

    Network reg = TrainerTest.network(3, "8:RELU", 1, TrainerTest.MSE, 1);
    StreamingTrainer r = adam(reg, 0.1);
    Random rnd = new Random(4);
    double[] x = new double[3];
    for (int i = 0; i < 400; i++) { // targets 1e3 units away from the first ones
      x[0] = rnd.nextGaussian();
      double[] y = {i < 200 ? x[0] : 1e3 + x[0]};
      assertDoesNotThrow(() -> r.add(x, 0, y, 0, 1));
    }
  }

  @ParameterizedTest(name = "every weight {0}")
  @ValueSource(doubles = {1e160, 1e300, 1e4, 0.5, 1e-3, 1e-170, 1e-310})
  void equalWeightsOfAnySizeStepExactlyAsUnweightedRows(double weight)
      throws InterruptedException {
    // raw, their squared gradients overflowed, Adam's epsilon swallowed them, or they scaled the
    // step against the penalty (1e-3: nothing learnt); as w / M they are 1
    Network net = network();
    Network unweighted = net.copy();
    TrainerConfig cfg = TrainerTest.config().optimizer(OptimizerType.ADAM).learningRate(ETA)
        .miniBatch(4).build();
    StreamingTrainer t = new StreamingTrainer(net, cfg);
    StreamingTrainer u = new StreamingTrainer(unweighted, cfg);
    Batch b = GradientStepTest.batch(net, 10, 3);
    for (int i = 0; i < 10; i++) {
      t.add(b.x, i * net.inputs(), b.y, i * net.outputs(), weight);
      u.add(b.x, i * net.inputs(), b.y, i * net.outputs(), 1);
    }
    t.flush();
    u.flush();
    assertArrayEquals(unweighted.parameters(), net.parameters());
  }
}
