package weka.classifiers.functions;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/**
 * Wrote the serialized-model compatibility files of {@code src/test/resources/compat/}: a small
 * BackpropMLP trained on all of iris with {@value #OPTIONS}, saved with {@link
 * SerializationHelper#write}, and its predictions (distributionsForInstances) on all 150 iris
 * rows, every double as its {@link Double#doubleToLongBits} in hex.
 *
 * <p>The files record version 1.0.0 of the package: do not rerun this to "fix" them after a
 * change; a model saved by a released version must keep loading and predicting the same.
 */
public final class BackpropMLPCompatModelWriter {

  /** The options of the saved model. */
  public static final String OPTIONS = "-epochs 20 -seed 3";

  /** The serialized model. */
  public static final String MODEL = "src/test/resources/compat/backpropmlp-1.0.0.model";

  /** Its expected predictions on the iris rows, in file order. */
  public static final String EXPECTED = "src/test/resources/compat/backpropmlp-1.0.0.expected";

  private BackpropMLPCompatModelWriter() {}

  /**
   * Trains the model and writes {@value #MODEL} and {@value #EXPECTED}. Run from the project
   * root.
   *
   * @param args ignored
   * @throws Exception if training or writing fails
   */
  public static void main(String[] args) throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP model = new BackpropMLP();
    model.setOptions(Utils.splitOptions(OPTIONS));
    model.buildClassifier(iris);
    Path modelFile = Paths.get(MODEL);
    Files.createDirectories(modelFile.getParent());
    SerializationHelper.write(MODEL, model);

    double[][] dists = model.distributionsForInstances(iris);
    try (Writer w = Files.newBufferedWriter(Paths.get(EXPECTED), StandardCharsets.UTF_8)) {
      w.write("# Predictions of backpropmlp-1.0.0.model (BackpropMLP " + OPTIONS + ", trained on"
          + " all of test-data/iris.arff)\n");
      w.write("# on test-data/iris.arff, class = last attribute, by distributionsForInstances:\n");
      w.write("# iris row (0-based, file order) TAB Double.doubleToLongBits in hex, one per"
          + " class value.\n");
      for (int r = 0; r < dists.length; r++) {
        StringBuilder sb = new StringBuilder().append(r).append('\t');
        for (int k = 0; k < dists[r].length; k++) {
          if (k > 0) {
            sb.append(',');
          }
          sb.append(Long.toHexString(Double.doubleToLongBits(dists[r][k])));
        }
        w.write(sb.append('\n').toString());
      }
    }
    System.out.println("wrote " + MODEL + " (" + Files.size(modelFile) + " bytes) and " + EXPECTED);
  }
}
