package weka.classifiers.functions.backpropmlp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.core.Instances;

/**
 * The checks before training that the classifier-level tests do not reach: a {@code
 * -curve-file} that cannot be written is refused before any epoch runs, not after all of them.
 */
class DataChecksTest {

  @Test
  void anUnwritableCurveFileIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
    Instances iris = TestData.load("iris");
    BackpropMLP mlp = new BackpropMLP();
    mlp.setCurveFile(dir.resolve("no-such-folder").resolve("curve.csv").toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertTrue(e.getMessage().startsWith("BackpropMLP: -curve-file (curveFile) ")
        && e.getMessage().contains("no-such-folder does not exist"), e.getMessage());
    mlp.setCurveFile(dir.toString());
    e = assertThrows(IllegalArgumentException.class, () -> mlp.buildClassifier(iris));
    assertTrue(e.getMessage().contains(": it is a folder"), e.getMessage());
  }

  @Test
  void aWritableCurveFileIsWrittenAfterTraining(@TempDir Path dir) throws Exception {
    File curve = dir.resolve("curve.csv").toFile();
    assertDoesNotThrow(() -> DataChecks.checkCurveFile(curve.getPath()));
    assertDoesNotThrow(() -> DataChecks.checkCurveFile(""));
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(new String[] {"-epochs", "3", "-curve-file", curve.getPath()});
    mlp.buildClassifier(TestData.load("iris"));
    assertTrue(Files.readAllLines(curve.toPath()).size() == 4, "a header and 3 epochs");
  }
}
