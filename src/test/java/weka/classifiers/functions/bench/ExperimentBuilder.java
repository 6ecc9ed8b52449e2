package weka.classifiers.functions.bench;

import java.beans.PropertyDescriptor;
import java.io.File;
import javax.swing.DefaultListModel;
import weka.classifiers.Classifier;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.rules.ZeroR;
import weka.classifiers.trees.J48;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PropertyNode;

/**
 * Builds and saves a Weka experiment without the GUI: k-fold cross-validation of BackpropMLP
 * (defaults) against MultilayerPerceptron, Logistic and J48 on the given ARFF files, results
 * to an ARFF file. Run the saved file with {@code weka.experiment.Experiment -l FILE -r} and
 * analyse the results with {@code weka.experiment.PairedCorrectedTTester}.
 *
 * <p>Usage: {@code ExperimentBuilder [-c "classname options"]... <experiment.xml|.exp>
 * <results.arff> <folds> <a.arff> ...}; without {@code -c} the four default schemes above are
 * compared, with it the given schemes (the first is the t-test's base).
 */
public final class ExperimentBuilder {

  private ExperimentBuilder() {}

  /**
   * The classifiers compared, BackpropMLP first (the tester's base column).
   *
   * @return new instances with default options
   */
  public static Classifier[] classifiers() {
    return new Classifier[] {
      new BackpropMLP(), new MultilayerPerceptron(), new Logistic(), new J48()
    };
  }

  /**
   * Builds the experiment.
   *
   * @param results ARFF file the results go to
   * @param folds cross-validation folds
   * @param classifiers the schemes to compare
   * @param datasets ARFF files
   * @return the experiment, ready to save or run
   * @throws Exception if a property cannot be described
   */
  public static Experiment build(File results, int folds, Classifier[] classifiers,
      File... datasets) throws Exception {
    Experiment exp = new Experiment();
    exp.setPropertyArray(new Classifier[0]);
    exp.setUsePropertyIterator(true);
    exp.setRunLower(1);
    exp.setRunUpper(1);

    CrossValidationResultProducer cv = new CrossValidationResultProducer();
    cv.setNumFolds(folds);
    ClassifierSplitEvaluator se = new ClassifierSplitEvaluator();
    se.setClassifier(new ZeroR());
    cv.setSplitEvaluator(se);
    exp.setResultProducer(cv);
    exp.setPropertyPath(new PropertyNode[] {
      new PropertyNode(se, new PropertyDescriptor("splitEvaluator",
          CrossValidationResultProducer.class), CrossValidationResultProducer.class),
      new PropertyNode(se.getClassifier(), new PropertyDescriptor("classifier",
          ClassifierSplitEvaluator.class), ClassifierSplitEvaluator.class)
    });
    exp.setPropertyArray(classifiers);

    DefaultListModel<File> model = new DefaultListModel<>();
    for (File d : datasets) {
      model.addElement(d);
    }
    exp.setDatasets(model);

    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(results);
    exp.setResultListener(listener);
    return exp;
  }

  /**
   * @param args experiment file, results file, folds, data sets
   * @throws Exception on bad arguments
   */
  public static void main(String[] args) throws Exception {
    java.util.List<Classifier> given = new java.util.ArrayList<>();
    for (String c = weka.core.Utils.getOption('c', args); !c.isEmpty();
        c = weka.core.Utils.getOption('c', args)) {
      String[] spec = weka.core.Utils.splitOptions(c);
      String name = spec[0];
      spec[0] = "";
      given.add(weka.classifiers.AbstractClassifier.forName(name, spec));
    }
    args = java.util.Arrays.stream(args).filter(a -> !a.isEmpty()).toArray(String[]::new);
    if (args.length < 4) {
      System.err.println(
          "usage: ExperimentBuilder <experiment.xml> <results.arff> <folds> <data.arff>...");
      System.exit(1);
    }
    File[] data = new File[args.length - 3];
    for (int i = 3; i < args.length; i++) {
      data[i - 3] = new File(args[i]);
    }
    Classifier[] schemes = given.isEmpty() ? classifiers() : given.toArray(new Classifier[0]);
    Experiment exp = build(new File(args[1]), Integer.parseInt(args[2]), schemes, data);
    Experiment.write(args[0], exp);
    System.out.println("saved experiment to " + args[0]);
  }
}
