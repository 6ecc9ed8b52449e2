package weka.classifiers.functions.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.bayes.NaiveBayesUpdateable;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.bench.ExperimentBuilder;
import weka.classifiers.rules.ZeroR;
import weka.classifiers.trees.J48;
import weka.core.converters.ArffLoader;
import weka.datagenerators.classifiers.classification.RandomRBF;
import weka.experiment.Experiment;
import weka.gui.knowledgeflow.StepVisual;
import weka.knowledgeflow.Flow;
import weka.knowledgeflow.StepManagerImpl;
import weka.knowledgeflow.steps.ClassAssigner;
import weka.knowledgeflow.steps.Classifier;
import weka.knowledgeflow.steps.ClassifierPerformanceEvaluator;
import weka.knowledgeflow.steps.CrossValidationFoldMaker;
import weka.knowledgeflow.steps.DataGenerator;
import weka.knowledgeflow.steps.IncrementalClassifierEvaluator;
import weka.knowledgeflow.steps.Loader;
import weka.knowledgeflow.steps.ModelPerformanceChart;
import weka.knowledgeflow.steps.Note;
import weka.knowledgeflow.steps.Step;
import weka.knowledgeflow.steps.StripChart;
import weka.knowledgeflow.steps.TextViewer;
import weka.knowledgeflow.steps.TrainingSetMaker;
import weka.knowledgeflow.steps.WriteWekaLog;

/**
 * Writes the example files shipped in the package zip's {@code examples/} folder
 * ({@code weka-package/examples/} in the source tree) with Weka's own writers:
 *
 * <ul>
 *   <li>{@value #FLOW}: a KnowledgeFlow flow (Weka 3.8's JSON format) that cross-validates
 *       BackpropMLP on iris, shows/logs the evaluation and the ROC curves, and trains one model on
 *       all the data whose description (with its training curve) it shows/logs too;
 *   <li>{@value #STREAM_FLOW}: a KnowledgeFlow flow that streams 20,000 rows of Weka's RandomRBF
 *       generator into BackpropMLP and NaiveBayesUpdateable and evaluates each test-then-train
 *       (every row classified, then trained on), with a strip chart of each one's accuracy;
 *   <li>{@value #EXPERIMENT}: an Experimenter configuration (Weka's XML format, which the
 *       Experimenter GUI opens and {@code weka.experiment.Experiment -l FILE -r} runs): 10-fold
 *       cross-validation of BackpropMLP, Logistic, J48 and ZeroR on iris, results to {@value
 *       #RESULTS} in the working directory.
 * </ul>
 *
 * <p>Both read the data from the installed package, {@value #DATA}: Weka's package manager
 * defines the variable {@code WEKA_HOME} (as {@code ~/wekafiles} when the environment does not
 * set it), Weka's file loaders expand it, and so the files run from any working directory. (The
 * KnowledgeFlow's {@code ${Internal.knowledgeflow.directory}}, the flow file's folder, is not
 * usable: Weka 3.8.6's {@code FlowRunner} computes it but never hands it to the run.)
 *
 * <p>BackpropMLP is stored without options, so it runs with the defaults of the installed
 * version. {@code ExampleFilesTest} checks that the committed files are what this class writes.
 *
 * <p>Usage: {@code ExampleFilesBuilder <output-dir>}; regenerate with {@code mvn -q
 * test-compile exec:java -Dexec.mainClass=weka.classifiers.functions.examples.ExampleFilesBuilder
 * -Dexec.args=weka-package/examples}.
 */
public final class ExampleFilesBuilder {

  /** The flow's file name. */
  public static final String FLOW = "backpropmlp-crossvalidation.kf";

  /** The streaming flow's file name. */
  public static final String STREAM_FLOW = "backpropmlp-incremental.kf";

  /** The experiment's file name. */
  public static final String EXPERIMENT = "backpropmlp-experiment.xml";

  /** The experiment's results file, relative to the working directory. */
  public static final String RESULTS = "backpropmlp-experiment-results.arff";

  /** The data set both examples read: the package's own copy of iris. */
  public static final String DATA = "${WEKA_HOME}/packages/backpropMLP/examples/iris.arff";

  private ExampleFilesBuilder() {}

  /**
   * @param args the output directory
   * @throws Exception if a file cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ExampleFilesBuilder <output-dir>");
      System.exit(1);
    }
    Path dir = Files.createDirectories(Paths.get(args[0]));
    write(dir.resolve(FLOW), flowText());
    write(dir.resolve(STREAM_FLOW), streamFlowText());
    write(dir.resolve(EXPERIMENT), experimentText());
    System.out.println(
        "wrote " + FLOW + ", " + STREAM_FLOW + " and " + EXPERIMENT + " to " + dir);
  }

  private static void write(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return the flow file's text
   * @throws Exception if Weka cannot write the flow
   */
  public static String flowText() throws Exception {
    Flow flow = new Flow();
    flow.setFlowName("backpropmlp-crossvalidation");

    Loader loader = new Loader();
    ArffLoader arff = new ArffLoader();
    arff.setFile(new File(DATA));
    loader.setLoader(arff);
    StepManagerImpl load = add(flow, loader, "iris", 20, 80);

    ClassAssigner classAssigner = new ClassAssigner();
    classAssigner.setClassColumn("/last");
    StepManagerImpl cls = add(flow, classAssigner, "ClassAssigner", 120, 80);

    CrossValidationFoldMaker cv = new CrossValidationFoldMaker();
    cv.setNumFolds("10");
    cv.setSeed("1");
    StepManagerImpl folds = add(flow, cv, "CrossValidationFoldMaker", 230, 80);

    Classifier foldModels = new Classifier();
    foldModels.setClassifier(new BackpropMLP());
    StepManagerImpl mlp = add(flow, foldModels, "BackpropMLP", 350, 80);

    StepManagerImpl eval =
        add(flow, new ClassifierPerformanceEvaluator(), "ClassifierPerformanceEvaluator", 470, 80);
    StepManagerImpl chart = add(flow, new ModelPerformanceChart(), "ROC curves", 620, 20);
    StepManagerImpl text = add(flow, new TextViewer(), "TextViewer", 620, 140);
    StepManagerImpl log = add(flow, new WriteWekaLog(), "WriteWekaLog", 620, 260);

    StepManagerImpl all = add(flow, new TrainingSetMaker(), "TrainingSetMaker", 230, 200);
    Classifier fullModel = new Classifier();
    fullModel.setClassifier(new BackpropMLP());
    StepManagerImpl full = add(flow, fullModel, "BackpropMLP on all data", 350, 200);

    Note note = new Note();
    note.setNoteText("Top row: 10-fold cross-validation of BackpropMLP on iris; the TextViewer\n"
        + "and the log show the summary, \"ROC curves\" the ROC curves.\n"
        + "Bottom row: one model trained on all the data; its description, with the\n"
        + "training curve per epoch, goes to the TextViewer and the log.\n"
        + "Data: " + DATA + "\n"
        + "(edit the \"iris\" loader for your own file, a BackpropMLP step for options).");
    add(flow, note, "Note", 20, 320);

    flow.connectSteps(load, cls, "dataSet");
    flow.connectSteps(cls, folds, "dataSet");
    flow.connectSteps(folds, mlp, "trainingSet");
    flow.connectSteps(folds, mlp, "testSet");
    flow.connectSteps(mlp, eval, "batchClassifier");
    flow.connectSteps(eval, text, "text");
    flow.connectSteps(eval, log, "text");
    flow.connectSteps(eval, chart, "thresholdData");
    flow.connectSteps(cls, all, "dataSet");
    flow.connectSteps(all, full, "trainingSet");
    flow.connectSteps(full, text, "text");
    flow.connectSteps(full, log, "text");

    return withoutBackpropOptions(flow.toJSON(), 2);
  }

  /**
   * The flow's JSON with BackpropMLP's options emptied, so that it runs with the installed
   * version's defaults.
   *
   * @param json the flow as Weka writes it
   * @param steps the BackpropMLP steps it holds
   * @return the JSON without their options
   */
  private static String withoutBackpropOptions(String json, int steps) {
    Matcher m = Pattern.compile(
        "(\"class\" : \"weka\\.classifiers\\.functions\\.BackpropMLP\",\\s*\"options\" : )"
            + "\"[^\"]*\"")
        .matcher(json);
    long count = m.results().count();
    String stripped = m.reset().replaceAll("$1\"\"");
    if (count != steps) {
      throw new IllegalStateException("BackpropMLP options not found in the flow:\n" + json);
    }
    return stripped;
  }

  /**
   * @return the streaming flow's text: RandomRBF's rows (seed 1) streamed into BackpropMLP and
   *     NaiveBayesUpdateable, each evaluated test-then-train
   * @throws Exception if Weka cannot write the flow
   */
  public static String streamFlowText() throws Exception {
    Flow flow = new Flow();
    flow.setFlowName("backpropmlp-incremental");

    RandomRBF rbf = new RandomRBF();
    rbf.setNumExamples(20000);
    rbf.setNumAttributes(10);
    rbf.setNumClasses(4);
    rbf.setNumCentroids(50);
    rbf.setSeed(1);
    DataGenerator generator = new DataGenerator();
    generator.setDataGenerator(rbf);
    StepManagerImpl gen = add(flow, generator, "RandomRBF", 20, 140);
    ClassAssigner classAssigner = new ClassAssigner();
    classAssigner.setClassColumn("/last");
    StepManagerImpl cls = add(flow, classAssigner, "ClassAssigner", 100, 140);

    Classifier mlpStep = new Classifier();
    mlpStep.setClassifier(new BackpropMLP());
    StepManagerImpl mlp = add(flow, mlpStep, "BackpropMLP", 200, 60);
    Classifier nbStep = new Classifier();
    nbStep.setClassifier(new NaiveBayesUpdateable());
    StepManagerImpl nb = add(flow, nbStep, "NaiveBayesUpdateable", 200, 220);

    StepManagerImpl mlpEval = add(flow, evaluator(), "Evaluate BackpropMLP", 330, 60);
    StepManagerImpl nbEval = add(flow, evaluator(), "Evaluate NaiveBayesUpdateable", 330, 220);
    StepManagerImpl mlpChart = add(flow, new StripChart(), "MLP accuracy", 500, 20);
    StepManagerImpl nbChart = add(flow, new StripChart(), "NB accuracy", 500, 260);
    StepManagerImpl text = add(flow, new TextViewer(), "TextViewer", 500, 140);
    StepManagerImpl log = add(flow, new WriteWekaLog(), "WriteWekaLog", 620, 140);

    Note note = new Note();
    note.setNoteText("20,000 RandomRBF rows streamed into BackpropMLP and\n"
        + "NaiveBayesUpdateable; each evaluator tests every row\n"
        + "before its learner trains on it (test-then-train).\n"
        + "Open the charts (right-click, Show chart) BEFORE Run:\n"
        + "they plot accuracy over the last 1,000 rows as the\n"
        + "rows arrive. TextViewer and log: the totals.");
    add(flow, note, "Note", 20, 320);

    flow.connectSteps(gen, cls, "instance");
    flow.connectSteps(cls, mlp, "instance");
    flow.connectSteps(cls, nb, "instance");
    flow.connectSteps(mlp, mlpEval, "incrementalClassifier");
    flow.connectSteps(nb, nbEval, "incrementalClassifier");
    for (StepManagerImpl eval : new StepManagerImpl[] {mlpEval, nbEval}) {
      flow.connectSteps(eval, text, "text");
      flow.connectSteps(eval, log, "text");
    }
    flow.connectSteps(mlpEval, mlpChart, "chart");
    flow.connectSteps(nbEval, nbChart, "chart");
    return withoutBackpropOptions(flow.toJSON(), 1);
  }

  /** An evaluator that reports every 2,000 rows and charts accuracy over the last 1,000. */
  private static IncrementalClassifierEvaluator evaluator() {
    IncrementalClassifierEvaluator e = new IncrementalClassifierEvaluator();
    e.setStatusFrequency(2000);
    e.setChartingEvalWindowSize(1000);
    return e;
  }

  private static StepManagerImpl add(Flow flow, Step step, String name, int x, int y) {
    step.setName(name);
    StepManagerImpl manager = new StepManagerImpl(step);
    StepVisual visual = StepVisual.createVisual(manager);
    visual.setX(x);
    visual.setY(y);
    manager.setStepVisual(visual);
    flow.addStep(manager);
    return manager;
  }

  /**
   * @return the experiment file's text
   * @throws Exception if Weka cannot write the experiment
   */
  public static String experimentText() throws Exception {
    Experiment exp = ExperimentBuilder.build(new File(RESULTS), 10,
        new weka.classifiers.Classifier[] {
          new BackpropMLP(), new Logistic(), new J48(), new ZeroR()
        },
        new File(DATA));
    exp.setNotes("10-fold cross-validation (1 run) of BackpropMLP (the base of the comparison),"
        + " Logistic, J48 and ZeroR on the package's iris.arff; results go to " + RESULTS
        + " in the working directory.");
    File tmp = File.createTempFile("experiment", ".xml");
    try {
      Experiment.write(tmp.getPath(), exp);
      String xml = new String(Files.readAllBytes(tmp.toPath()), StandardCharsets.UTF_8);
      // BackpropMLP without options: the installed version's defaults
      String stripped = xml.replaceFirst("(?s)(<object class=\"weka\\.classifiers\\.functions"
          + "\\.BackpropMLP\" name=\"0\">\\s*<object class=\"boolean\" name=\"debug\""
          + " primitive=\"yes\">false</object>\\s*<object array=\"yes\""
          + " class=\"java\\.lang\\.String\" name=\"options\")>.*?</object>\\s*</object>",
          "$1/>");
      // written by Weka's XML writer but unknown to its reader ("WARNING: unknown property")
      stripped = stripped.replaceFirst(
          "\\s*<object class=\"java\\.lang\\.Boolean\" name=\"classFirst\">false</object>", "");
      if (stripped.equals(xml) || stripped.contains("<object class=\"java.lang.String\""
          + " name=\"0\">-hidden</object>")) {
        throw new IllegalStateException("BackpropMLP options not found in the experiment:\n"
            + xml);
      }
      return stripped;
    } finally {
      Files.deleteIfExists(tmp.toPath());
    }
  }
}
