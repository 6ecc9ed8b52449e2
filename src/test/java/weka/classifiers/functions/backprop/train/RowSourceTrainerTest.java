package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * A {@link Trainer} over a {@link Dataset} whose dense rows come from a {@link DenseRowSource}
 * leaves exactly the bits of the same data held as a matrix (parameters, curves, holdout
 * errors), with 1 or 2 threads; the source is asked only for the rows of each mini-batch.
 */
class RowSourceTrainerTest {

  /** A source over a row-major matrix that counts the rows it was asked for. */
  static final class MatrixSource implements DenseRowSource {
    final double[] x;
    final int rows;
    final int columns;
    final AtomicLong filled = new AtomicLong();
    final AtomicInteger largestRequest = new AtomicInteger();

    MatrixSource(double[] x, int rows, int columns) {
      this.x = x;
      this.rows = rows;
      this.columns = columns;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public int columns() {
      return columns;
    }

    @Override
    public void fill(int[] rowIds, int from, int count, double[] out, int outRow) {
      for (int k = 0; k < count; k++) {
        System.arraycopy(x, rowIds[from + k] * columns, out, (outRow + k) * columns, columns);
      }
      filled.addAndGet(count);
      largestRequest.accumulateAndGet(count, Math::max);
    }
  }

  /** The dense dataset of {@code data} with its rows behind a {@link MatrixSource}. */
  static Dataset lazy(Dataset data) {
    return new Dataset(new MatrixSource(data.x().clone(), data.rows(), data.features()),
        data.y().clone(), data.targets(), data.weights().clone(), data.labels().clone());
  }

  @ParameterizedTest(name = "{0} rows, {1} inputs, [{2}], {3}, dropout {4}, holdout {5}")
  @CsvSource({
      "120, 30, '16', ADAM, 0, 0.2", "90, 50, '8:TANH,6', SGD, 0.2, 0",
      "200, 12, '24', RMSPROP, 0.3, 0.1", "7, 3, '', ADAM, 0, 0"
  })
  void rowsOnDemandGiveTheBitsOfTheMatrix(int n, int in, String hidden, OptimizerType optimizer,
      double dropout, double holdout) throws Exception {
    Dataset eager = SparseTrainerTest.denseAndSparse(n, in, 0.4, n + in)[0];
    Dataset lazy = lazy(eager);
    TrainerConfig cfg = TrainerConfig.builder().epochs(4).miniBatch(16).learningRate(0.01)
        .optimizer(optimizer).dropout(dropout).validationFraction(holdout).seed(3).threads(1)
        .build();
    Trainer a = SparseTrainerTest.train(eager, hidden, cfg);
    Trainer b = SparseTrainerTest.train(lazy, hidden, cfg);
    assertArrayEquals(a.network().parameters(), b.network().parameters());
    assertEquals(a.history().epochs(), b.history().epochs());
    for (int e = 0; e < a.history().epochs(); e++) {
      assertEquals(a.history().trainLoss(e), b.history().trainLoss(e), 0.0);
      assertEquals(a.history().validationLoss(e), b.history().validationLoss(e), 0.0);
    }
    assertArrayEquals(a.validationRowErrors(), b.validationRowErrors());
    // every epoch asks for each training row once and each holdout row once, batch by batch
    MatrixSource source = (MatrixSource) lazy.rowSource();
    long perEpoch = b.trainingRows() + b.validationRows();
    assertEquals(4 * perEpoch + b.validationRows(), source.filled.get());
    assertTrue(source.largestRequest.get() <= 16);
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() throws Exception {
    Dataset lazy = lazy(SparseTrainerTest.denseAndSparse(300, 400, 0.3, 5)[0]);
    TrainerConfig.Builder b = TrainerConfig.builder().epochs(2).miniBatch(64).learningRate(0.01)
        .dropout(0.2).validationFraction(0.1).seed(4);
    Trainer one = SparseTrainerTest.train(lazy, "64", b.threads(1).build());
    Trainer two = SparseTrainerTest.train(lazy, "64", b.threads(2).build());
    assertArrayEquals(one.network().parameters(), two.network().parameters());
  }

  @Test
  void aDatasetOfRowsOnDemandHoldsNoMatrix() {
    Dataset eager = SparseTrainerTest.denseAndSparse(10, 4, 0.5, 1)[0];
    Dataset lazy = lazy(eager);
    assertNull(eager.rowSource());
    assertSame(lazy.rowSource(), lazy.rowSource());
    assertFalse(lazy.isSparse());
    assertEquals(4, lazy.features());
    assertEquals(10, lazy.rows());
    IllegalStateException e = assertThrows(IllegalStateException.class, lazy::x);
    assertTrue(e.getMessage().contains("on demand"), e.getMessage());
    MatrixSource nine = new MatrixSource(new double[36], 9, 4);
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(nine, new double[30], 3, new double[10], null));
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(nine, new double[27], 3, new double[9], new int[8]));
  }
}
