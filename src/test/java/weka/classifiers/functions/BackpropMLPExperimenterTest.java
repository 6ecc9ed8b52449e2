package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.functions.bench.ExperimentBuilder;
import weka.core.Instances;
import weka.core.Range;
import weka.experiment.Experiment;
import weka.experiment.PairedCorrectedTTester;
import weka.experiment.ResultMatrixPlainText;

/**
 * The Experimenter without its GUI: an experiment comparing BackpropMLP with Weka's own
 * learners is saved as XML, loaded back and run, and the corrected paired t-test reads the
 * results, which include BackpropMLP's additional measures as columns.
 */
class BackpropMLPExperimenterTest {

  private static final java.util.regex.Pattern WEKA_NOTES = java.util.regex.Pattern.compile(
      "WARNING: unknown property '__root__\\.classFirst'!"
          + "|CrossValidationResultProducer: setting additional measures for split evaluator");

  @Test
  void savedExperimentRunsAndFeedsThePairedCorrectedTTester(@TempDir Path dir) throws Exception {
    File results = dir.resolve("results.arff").toFile();
    File xml = dir.resolve("experiment.xml").toFile();
    Classifier[] schemes = ExperimentBuilder.classifiers();
    Experiment built = ExperimentBuilder.build(results, 10, schemes,
        new File("test-data/iris.arff"), new File("test-data/labor.arff"));
    // Weka's XML serializer and result producer print notes ("unknown property
    // '__root__.classFirst'", "setting additional measures"): quiet unless something fails
    LibraryChatter.quiet(WEKA_NOTES, () -> {
      Experiment.write(xml.getPath(), built);
      Experiment exp = Experiment.read(xml.getPath());
      exp.initialize();
      exp.runExperiment();
      exp.postProcess();
      return null;
    });

    Instances res = new Instances(new BufferedReader(new FileReader(results)));
    assertEquals(2 * schemes.length * 10, res.numInstances());
    assertNotNull(res.attribute("measureEpochsRun"), "additional measures become columns");
    assertNotNull(res.attribute("measureNumParameters"));

    PairedCorrectedTTester tester = new PairedCorrectedTTester();
    tester.setInstances(res);
    tester.setRunColumn(res.attribute("Key_Run").index());
    tester.setFoldColumn(res.attribute("Key_Fold").index());
    tester.setDatasetKeyColumns(new Range("" + (res.attribute("Key_Dataset").index() + 1)));
    tester.setResultsetKeyColumns(new Range((res.attribute("Key_Scheme").index() + 1) + ","
        + (res.attribute("Key_Scheme_options").index() + 1) + ","
        + (res.attribute("Key_Scheme_version_ID").index() + 1)));
    tester.setSignificanceLevel(0.05);
    tester.setResultMatrix(new ResultMatrixPlainText());
    String table = tester.multiResultsetFull(0, res.attribute("Percent_correct").index());
    assertTrue(table.contains("BackpropMLP") && table.contains("iris")
        && table.contains("labor") && table.contains("(v/ /*)"), table);
    assertEquals(schemes.length, tester.getNumResultsets());
  }
}
