package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.functions.backprop.kernel.Seeds;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.optim.OptimizerType;
import weka.classifiers.functions.backprop.train.StreamingTrainer;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.Instance;
import weka.core.Instances;

/**
 * {@link ReservoirRehearsal} tops a step up with the reservoir rows its seeded random stream
 * draws (uniformly, with replacement), encoded by the model's encoders, with their weights: a
 * step it topped up equals, bit for bit, one topped up by hand with those rows.
 */
class ReservoirRehearsalTest {

  @Test
  void aStepIsToppedUpWithTheSeededDrawsOfTheReservoirEncoded() throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP options = new BackpropMLP();
    options.setHiddenLayers("3");
    FittedModel model = StreamingSession.untrainedModel(options, iris);
    for (Instance row : iris) { // statistics of the moment, as a stream would have them
      model.encoder().observe(row);
      model.target().observe(row.classValue(), row.weight());
    }
    Instances reservoir = new Instances(iris, 0);
    for (int i : new int[] {3, 60, 120, 140}) {
      reservoir.add(iris.instance(i));
    }
    reservoir.instance(2).setWeight(2.5);
    TrainerConfig cfg = TrainerConfig.builder().optimizer(OptimizerType.SGD).learningRate(0.05)
        .miniBatch(6).build();
    int in = model.encoder().width();
    int out = model.network().outputs();
    long seed = 7;

    Network net = model.network();
    Network manual = net.copy();
    StreamingTrainer rehearsed = new StreamingTrainer(net, cfg).growingFrom(0,
        new ReservoirRehearsal(() -> reservoir, model.encoder(), model.target(), out, seed));
    RandomGenerator draws = Seeds.stream(seed, Seeds.SHUFFLE + 101);
    StreamingTrainer byHand = new StreamingTrainer(manual, cfg).growingFrom(0, (t, rows) -> {
      double[] x = new double[in];
      double[] y = new double[out];
      for (int k = 0; k < rows; k++) {
        Instance row = reservoir.instance(draws.nextInt(reservoir.numInstances()));
        model.encoder().encode(row, x, 0);
        model.target().encode(row.classValue(), y, 0);
        t.addEarlier(x, 0, y, 0, row.weight());
      }
    });
    double[] before = net.parameters().clone();
    double[] x = new double[in];
    double[] y = new double[out];
    for (int i : new int[] {10, 75}) { // two steps of one new row, each topped up by five
      Instance row = iris.instance(i);
      model.encoder().encode(row, x, 0);
      model.target().encode(row.classValue(), y, 0);
      rehearsed.add(x, 0, y, 0, 1);
      byHand.add(x, 0, y, 0, 1);
      assertArrayEquals(manual.parameters(), net.parameters(), 0.0, "after row " + i);
    }
    assertFalse(Arrays.equals(before, net.parameters()), "no step was made");
  }
}
