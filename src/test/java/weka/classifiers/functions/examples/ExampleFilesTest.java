package weka.classifiers.functions.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.core.Environment;
import weka.core.OptionHandler;
import weka.core.converters.ArffLoader;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.knowledgeflow.Flow;
import weka.knowledgeflow.StepManagerImpl;
import weka.knowledgeflow.steps.Classifier;
import weka.knowledgeflow.steps.Loader;

/**
 * The example files shipped in the package zip ({@code weka-package/examples/}): they are what
 * {@link ExampleFilesBuilder} writes (regenerate them with it after a change), Weka's own
 * readers load them, and they hold BackpropMLP with the defaults and read the package's
 * iris.arff. Running them against the installed package is {@code BackpropMLPPackageIT}'s job.
 */
class ExampleFilesTest {

  private static final Path DIR = Paths.get("weka-package", "examples");

  private static String committed(String name) throws Exception {
    return new String(Files.readAllBytes(DIR.resolve(name)), StandardCharsets.UTF_8);
  }

  @Test
  void committedFilesAreWhatTheBuilderWrites() throws Exception {
    String regenerate = " differs from ExampleFilesBuilder's output: regenerate it with mvn -q"
        + " test-compile exec:java -Dexec.mainClass=" + ExampleFilesBuilder.class.getName()
        + " -Dexec.args=weka-package/examples";
    assertEquals(ExampleFilesBuilder.flowText(), committed(ExampleFilesBuilder.FLOW),
        ExampleFilesBuilder.FLOW + regenerate);
    assertEquals(ExampleFilesBuilder.streamFlowText(), committed(ExampleFilesBuilder.STREAM_FLOW),
        ExampleFilesBuilder.STREAM_FLOW + regenerate);
    assertEquals(ExampleFilesBuilder.experimentText(), committed(ExampleFilesBuilder.EXPERIMENT),
        ExampleFilesBuilder.EXPERIMENT + regenerate);
    assertTrue(Files.isRegularFile(DIR.resolve("README.md")));
  }

  @Test
  void flowLoadsWithTwoDefaultBackpropMLPsReadingThePackagesIris() throws Exception {
    Flow flow = Flow.loadFlow(DIR.resolve(ExampleFilesBuilder.FLOW).toFile(), null);
    assertEquals(11, flow.size());
    List<String> mlps = new ArrayList<>();
    for (StepManagerImpl step : flow.getSteps()) {
      if (step.getManagedStep() instanceof Classifier) {
        weka.classifiers.Classifier c = ((Classifier) step.getManagedStep()).getClassifier();
        assertTrue(c instanceof BackpropMLP, step.getName());
        assertArrayEquals(new BackpropMLP().getOptions(), ((OptionHandler) c).getOptions());
        mlps.add(step.getName());
      }
    }
    assertEquals(List.of("BackpropMLP", "BackpropMLP on all data"), mlps);
    Loader loader = (Loader) flow.findStep("iris").getManagedStep();
    assertEquals(ExampleFilesBuilder.DATA,
        ((ArffLoader) loader.getLoader()).retrieveFile().getPath());
    assertTrue(flow.findStep("CrossValidationFoldMaker").getOutgoingConnections()
        .containsKey("testSet"));
  }

  @Test
  void streamFlowLoadsWithADefaultBackpropMLPAndNaiveBayesOnAnIncrementalGenerator()
      throws Exception {
    Flow flow = Flow.loadFlow(DIR.resolve(ExampleFilesBuilder.STREAM_FLOW).toFile(), null);
    weka.classifiers.Classifier mlp =
        ((Classifier) flow.findStep("BackpropMLP").getManagedStep()).getClassifier();
    assertArrayEquals(new BackpropMLP().getOptions(), ((OptionHandler) mlp).getOptions());
    assertTrue(((Classifier) flow.findStep("NaiveBayesUpdateable").getManagedStep())
        .getClassifier() instanceof weka.classifiers.bayes.NaiveBayesUpdateable);
    assertTrue(flow.findStep("RandomRBF").getOutgoingConnections().containsKey("instance"),
        "the generator does not stream its rows");
    for (String learner : new String[] {"BackpropMLP", "NaiveBayesUpdateable"}) {
      List<String> targets = new ArrayList<>();
      for (weka.knowledgeflow.StepManager m
          : flow.findStep(learner).getOutgoingConnections().get("incrementalClassifier")) {
        targets.add(m.getName());
      }
      assertEquals(List.of("Evaluate " + learner), targets);
    }
  }

  @Test
  void experimentLoadsComparingDefaultBackpropMLPWithThreeWekaSchemes() throws Exception {
    Experiment exp = Experiment.read(DIR.resolve(ExampleFilesBuilder.EXPERIMENT).toString());
    assertTrue(exp.getUsePropertyIterator());
    Object[] schemes = (Object[]) exp.getPropertyArray();
    assertEquals(4, schemes.length);
    assertTrue(schemes[0] instanceof BackpropMLP);
    assertArrayEquals(new BackpropMLP().getOptions(), ((BackpropMLP) schemes[0]).getOptions());
    assertEquals(1, exp.getDatasets().size());
    assertEquals(ExampleFilesBuilder.DATA, ((File) exp.getDatasets().get(0)).getPath());
    assertEquals(10, ((CrossValidationResultProducer) exp.getResultProducer()).getNumFolds());
    assertEquals(ExampleFilesBuilder.RESULTS,
        ((InstancesResultListener) exp.getResultListener()).getOutputFile().getPath());
    assertEquals(1, exp.getRunLower());
    assertEquals(1, exp.getRunUpper());
  }

  @Test
  void wekaExpandsTheDataPathToTheInstalledPackage() throws Exception {
    Environment env = new Environment();
    env.addVariable("WEKA_HOME", "/home/user/wekafiles");
    assertEquals("/home/user/wekafiles/packages/backpropMLP/examples/iris.arff",
        env.substitute(ExampleFilesBuilder.DATA));
  }
}
