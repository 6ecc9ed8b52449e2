package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instances;

/**
 * A classifier trained with the inputs encoded per mini-batch ({@code
 * weka.backpropmlp.inputCopy=lazy}) equals, bit for bit, one trained on the encoded copy
 * ({@code eager}): parameters, curves and predictions, for numeric and nominal attributes,
 * missing values, a numeric class, λ₂ candidates trained side by side, and 1 or 2 threads.
 */
class LazyInputsTest {

  /** Trains on {@code data} with the property set to {@code copy}, restoring it afterwards. */
  static BackpropMLP train(Instances data, String copy, String hidden, String l2, int threads)
      throws Exception {
    String old = System.getProperty(InputCopy.PROPERTY);
    System.setProperty(InputCopy.PROPERTY, copy);
    try {
      BackpropMLP c = new BackpropMLP();
      c.setHiddenLayers(hidden);
      c.setL2(l2);
      c.setMaxEpochs(6);
      c.setThreads(threads);
      c.setValidationPercent(20);
      c.buildClassifier(data);
      return c;
    } finally {
      if (old == null) {
        System.clearProperty(InputCopy.PROPERTY);
      } else {
        System.setProperty(InputCopy.PROPERTY, old);
      }
    }
  }

  @ParameterizedTest(name = "{0}, hidden {1}, l2 {2}, {3} thread(s)")
  @CsvSource({
      // numeric attributes: the column plan
      "diabetes, '16', '0.001', 1", "iris, '8,4', '0.01,0.0001', 1", "cpu, '8', '0', 1",
      // nominal attributes and missing values: encoded per row by the encoder
      "labor, '8', '0.001', 1", "soybean, '32', '0.01,0.0001', 1", "vote, '8', '0', 1",
      "credit-g, '16', '0.001', 1",
      // large enough for a second thread (see Trainer.threadsWorthUsing)
      "diabetes, '512,64', '0.001', 2", "soybean, '512,64', '0.01,0.0001', 2"
  })
  void lazyAndEagerInputsGiveTheSameModel(String set, String hidden, String l2, int threads)
      throws Exception {
    Instances data = TestData.load(set);
    BackpropMLP eager = train(data, "eager", hidden, l2, threads);
    BackpropMLP lazy = train(data, "lazy", hidden, l2, threads);
    assertArrayEquals(eager.getModelView().parameters(), lazy.getModelView().parameters());
    assertEquals(eager.getModelView().l2(), lazy.getModelView().l2(), 0.0);
    assertEquals(eager.getModelView().epochs(), lazy.getModelView().epochs());
    for (int e = 0; e < eager.getModelView().epochs(); e++) {
      assertEquals(eager.getModelView().trainLoss(e), lazy.getModelView().trainLoss(e), 0.0);
      assertEquals(eager.getModelView().validationLoss(e), lazy.getModelView().validationLoss(e),
          0.0);
    }
    double[][] a = eager.distributionsForInstances(data);
    double[][] b = lazy.distributionsForInstances(data);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0.0, "instance " + i);
    }
  }

  @Test
  void changesToTheCallersDataBetweenEpochsDoNotReachLazyTraining() throws Exception {
    Instances data = TestData.load("diabetes");
    BackpropMLP reference = train(data, "eager", "8", "0.001", 1);
    Instances changing = new Instances(data);
    String old = System.getProperty(InputCopy.PROPERTY);
    System.setProperty(InputCopy.PROPERTY, "lazy");
    BackpropMLP c = new BackpropMLP();
    try {
      c.setHiddenLayers("8");
      c.setL2("0.001");
      c.setMaxEpochs(6);
      c.setThreads(1);
      c.setValidationPercent(20);
      c.initializeClassifier(changing);
    } finally {
      if (old == null) {
        System.clearProperty(InputCopy.PROPERTY);
      } else {
        System.setProperty(InputCopy.PROPERTY, old);
      }
    }
    // Weka's instances copy their values on write, so the training copy keeps the old ones
    for (int i = 0; i < changing.numInstances(); i++) {
      changing.instance(i).setValue(0, 1e6);
    }
    while (c.next()) {
      // the epochs, after the caller changed its data
    }
    c.done();
    assertArrayEquals(reference.getModelView().parameters(), c.getModelView().parameters());
  }
}
