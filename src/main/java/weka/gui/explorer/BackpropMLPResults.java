package weka.gui.explorer;

import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.IteratedSingleClassifierEnhancer;
import weka.classifiers.SingleClassifierEnhancer;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.backpropmlp.ModelView;
import weka.classifiers.meta.IterativeClassifierOptimizer;
import weka.classifiers.meta.MultiClassClassifier;
import weka.core.Instances;
import weka.gui.ResultHistoryPanel;

/**
 * Finds trained {@link BackpropMLP} models among the results of the Explorer's Classify panel.
 *
 * <p>For every run the Classify panel keeps, under the run's name in its {@link
 * ResultHistoryPanel}, a list of objects: the classifier built on the full training data (when
 * "Output model" is ticked, the default), the training header, and visualization data. A
 * BackpropMLP is recognized directly or inside wrappers built on {@link
 * SingleClassifierEnhancer} (FilteredClassifier, AttributeSelectedClassifier, ...) or in Weka's
 * IterativeClassifierOptimizer, provided it has a training history; ensembles such as Bagging
 * keep their trained members to themselves ({@link #whyNoCurves} says so).
 */
public final class BackpropMLPResults {

  private BackpropMLPResults() {}

  /** A trained BackpropMLP found in the result list. */
  public static final class Result {

    private final String name;
    private final BackpropMLP model;
    private final Instances header;

    /**
     * A result of the Explorer's result list, holding the model the curves are plotted from.
     *
     * @param name the result's name in the result list
     * @param model the trained model
     * @param header its training header, or null if unknown
     */
    public Result(String name, BackpropMLP model, Instances header) {
      this.name = name;
      this.model = model;
      this.header = header;
    }

    /**
     * The name of the run, as the Classify panel lists it.
     *
     * @return the result's name in the Classify panel's result list
     */
    public String name() {
      return name;
    }

    /**
     * The trained BackpropMLP found in the run (unwrapped from any wrapper).
     *
     * @return the trained model
     */
    public BackpropMLP model() {
      return model;
    }

    /**
     * The run's training header, which tells the curves whether the class is nominal or numeric.
     *
     * @return the training header (class index set), or null if unknown
     */
    public Instances header() {
      return header;
    }

    /**
     * The run's name, which the "Result" box shows.
     *
     * @return the result's name
     */
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The BackpropMLP inside a classifier, if any.
   *
   * @param classifier a classifier (possibly a wrapper), or null
   * @return the trained BackpropMLP (one with a training history), or null
   */
  public static BackpropMLP unwrap(Object classifier) {
    BackpropMLP m = innermost(classifier);
    return m != null && m.getModelView() != null && m.getModelView().hasTrainingCurves()
        && keeper(classifier) == null ? m : null;
  }

  /**
   * The first ensemble on the way to the BackpropMLP that trains copies of its classifier and
   * keeps them (Bagging, boosting, MultiClassClassifier, ...): its {@code getClassifier()} is
   * the untrained template, at any depth (a FilteredClassifier around a Bagging too).
   *
   * @return that ensemble, or null
   */
  private static Object keeper(Object classifier) {
    Object c = classifier;
    for (int depth = 0; depth < 16 && c instanceof SingleClassifierEnhancer; depth++) {
      if (c instanceof IteratedSingleClassifierEnhancer || c instanceof MultiClassClassifier) {
        return c;
      }
      c = ((SingleClassifierEnhancer) c).getClassifier();
    }
    return null;
  }

  /**
   * The BackpropMLP a classifier is or wraps (through {@link SingleClassifierEnhancer}s, whose
   * {@code getClassifier()} is the trained model for most wrappers, and Weka's {@link
   * IterativeClassifierOptimizer}, whose trained model is {@code getIterativeClassifier()}),
   * trained or not.
   */
  private static BackpropMLP innermost(Object classifier) {
    Object c = classifier;
    for (int depth = 0; depth < 16 && c != null; depth++) {
      if (c instanceof BackpropMLP) {
        return (BackpropMLP) c;
      } else if (c instanceof IterativeClassifierOptimizer) {
        c = ((IterativeClassifierOptimizer) c).getIterativeClassifier();
      } else if (c instanceof SingleClassifierEnhancer) {
        c = ((SingleClassifierEnhancer) c).getClassifier();
      } else {
        return null;
      }
    }
    return null;
  }

  /**
   * Why a run that involves a BackpropMLP has no curves to show, for the tab to say instead of
   * its "no BackpropMLP yet" advice to a user who just ran one.
   *
   * @param classifier the run's classifier, or null
   * @return the reason (HTML), or null when the run has curves or involves no BackpropMLP
   */
  public static String whyNoCurves(Object classifier) {
    BackpropMLP m = innermost(classifier);
    if (m == null || unwrap(classifier) != null) {
      return null;
    }
    Object keeper = keeper(classifier);
    if (keeper != null) {
      return "This run's model, " + keeper.getClass().getSimpleName() + ", holds several"
          + " BackpropMLPs<br>that it trained itself and does not hand out, so their curves"
          + " cannot be shown.<br>Run a BackpropMLP alone (or inside FilteredClassifier) to see"
          + " its curves.";
    }
    ModelView view = m.getModelView();
    if (view == null) {
      return null; // not trained: the tab's advice on how to train one fits
    }
    if (!view.hasNetwork()) {
      return "This run's BackpropMLP had no input attribute to learn from:<br>it predicts the"
          + " class distribution, without training, so there are no curves.";
    }
    if (!view.hasTrainingCurves()) {
      return "This run's BackpropMLP was trained row by row in a single pass<br>(no epochs"
          + " over the data, e.g. -reservoir 0), so there are no epoch curves.";
    }
    return null;
  }

  /**
   * Interprets one entry's stored objects (what {@link ResultHistoryPanel#getNamedObject}
   * returns for a Classify-panel run).
   *
   * @param name the entry's name
   * @param stored the stored object (a list), or null
   * @return the result, or null if the entry holds no trained BackpropMLP
   */
  public static Result fromStored(String name, Object stored) {
    if (!(stored instanceof List)) {
      return null;
    }
    BackpropMLP model = null;
    Instances header = null;
    for (Object o : (List<?>) stored) {
      if (model == null && o instanceof Classifier) {
        model = unwrap(o);
      } else if (header == null && o instanceof Instances) {
        header = (Instances) o;
      }
    }
    return model == null ? null : new Result(name, model, header);
  }

  /**
   * All BackpropMLP results of a result list, oldest first (the list's order).
   *
   * @param history the Classify panel's result list
   * @return the results holding a trained BackpropMLP
   */
  public static List<Result> scan(ResultHistoryPanel history) {
    List<Result> out = new ArrayList<>();
    int n = history.getList().getModel().getSize();
    for (int i = 0; i < n; i++) {
      String name = history.getNameAtIndex(i);
      Result r = fromStored(name, history.getNamedObject(name));
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The result selected in a result list, if it holds a BackpropMLP.
   *
   * @param history a result list
   * @return the selected result, or null
   */
  public static Result selected(ResultHistoryPanel history) {
    String name = history.getSelectedName();
    return name == null ? null : fromStored(name, history.getNamedObject(name));
  }

  /**
   * Why the entry selected in a result list, or else its newest entry, shows no curves though
   * it involves a BackpropMLP ({@link #whyNoCurves}).
   *
   * @param history a result list
   * @return the reason (HTML), or null
   */
  public static String whyNoCurves(ResultHistoryPanel history) {
    String name = history.getSelectedName();
    int n = history.getList().getModel().getSize();
    if (name == null && n > 0) {
      name = history.getNameAtIndex(n - 1);
    }
    Object stored = name == null ? null : history.getNamedObject(name);
    if (stored instanceof List) {
      for (Object o : (List<?>) stored) {
        if (o instanceof Classifier) {
          return whyNoCurves(o);
        }
      }
    }
    return null;
  }

  /**
   * Finds the Classify-panel result a right-click menu is being built for: the selected entry
   * of a Classify panel in any open window whose stored objects contain {@code marker} (compared
   * by identity; the Classify panel hands its plugins the very prediction list it stored), or,
   * without a marker, the selected entry of the Classify panel in the focused window.
   *
   * @param marker an object stored with the result (e.g. its predictions), or null
   * @return the result, or null if none holds a BackpropMLP
   */
  public static Result findSelectedInOpenWindows(Object marker) {
    List<ClassifierPanel> panels = new ArrayList<>();
    for (Window w : Window.getWindows()) {
      if (w.isShowing()) {
        collect(w, panels);
      }
    }
    Result fallback = null;
    for (ClassifierPanel p : panels) {
      ResultHistoryPanel history = p.getResultHistory();
      String name = history.getSelectedName();
      if (name == null) {
        continue;
      }
      Object stored = history.getNamedObject(name);
      if (marker != null && stored instanceof List) {
        for (Object o : (List<?>) stored) {
          if (o == marker) {
            return fromStored(name, stored);
          }
        }
      } else if (marker == null) {
        Window w = javax.swing.SwingUtilities.getWindowAncestor(p);
        Result r = fromStored(name, stored);
        if (r != null && (fallback == null || (w != null && w.isFocused()))) {
          fallback = r;
        }
      }
    }
    return fallback;
  }

  private static void collect(Component c, List<ClassifierPanel> out) {
    if (c instanceof ClassifierPanel) {
      out.add((ClassifierPanel) c);
      return;
    }
    if (c instanceof Container) {
      for (Component child : ((Container) c).getComponents()) {
        collect(child, out);
      }
    }
  }
}
