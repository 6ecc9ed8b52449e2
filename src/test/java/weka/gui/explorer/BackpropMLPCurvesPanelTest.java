package weka.gui.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.TestData;
import weka.classifiers.meta.Bagging;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.meta.IterativeClassifierOptimizer;
import weka.classifiers.rules.ZeroR;
import weka.core.ClassDiscovery;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;
import weka.filters.unsupervised.attribute.Standardize;
import weka.gui.ResultHistoryPanel;
import weka.gui.explorer.BackpropMLPCurvesView.Chart;
import weka.gui.visualize.plugins.BackpropMLPCurvesVisualizePlugin;
import weka.gui.visualize.plugins.VisualizePlugin;

/**
 * The GUI pieces without opening a window (surefire runs with java.awt.headless=true): the
 * chart view paints offscreen, the tab finds BackpropMLP runs in a Classify-style result list and
 * follows new ones, the result-list plugin is discoverable, and the package's Explorer.props adds
 * the tab. Building a real Explorer is left to a display ({@link Assumptions}).
 */
class BackpropMLPCurvesPanelTest {

  private static Instances iris;
  private static BackpropMLP first;
  private static BackpropMLP second;

  @BeforeAll
  static void train() throws Exception {
    iris = TestData.load("iris");
    first = trained("-epochs", "30", "-validation", "20");
    second = trained("-epochs", "12", "-hidden", "16,8");
  }

  private static BackpropMLP trained(String... options) throws Exception {
    BackpropMLP mlp = new BackpropMLP();
    mlp.setOptions(options);
    mlp.buildClassifier(iris);
    return mlp;
  }

  /** What the Classify panel stores for a run with "Output model" ticked. */
  private static List<Object> stored(Object classifier) {
    List<Object> vv = new ArrayList<>();
    vv.add(classifier);
    vv.add(new Instances(iris, 0));
    return vv;
  }

  @Test
  void viewDrawsFourChartsOffscreen() {
    BackpropMLPCurvesView view = new BackpropMLPCurvesView();
    view.setModel(first, new Instances(iris, 0), "iris run");
    assertSame(first, view.getModel());
    assertEquals(first.getModelView().epochs(), view.getEpochTable().numInstances());
    for (Chart c : Chart.values()) {
      assertTrue(view.isChartShowingCurves(c), c.name());
    }
    String best = "best epoch " + (first.getModelView().bestEpoch() + 1) + " (weights kept)";
    assertEquals(Arrays.asList("training loss", "validation loss", best),
        view.getLegend(Chart.LOSS));
    assertEquals(Arrays.asList("validation accuracy", best),
        view.getLegend(Chart.VALIDATION_METRIC));
    assertEquals(Arrays.asList("layer 1: 4\u219216", "layer 2: 16\u21923 (output)"),
        view.getLegend(Chart.GRADIENT_NORMS));
    assertEquals(Arrays.asList("learning rate"), view.getLegend(Chart.LEARNING_RATE));

    BufferedImage img = paint(view, 1000, 700);
    assertTrue(countColour(img, BackpropMLPCurvesView.PALETTE[0]) > 50, "blue training curve");
    assertTrue(countColour(img, BackpropMLPCurvesView.PALETTE[1]) > 50, "orange validation curve");

    view.setLogScaleGradients(false);
    assertTrue(view.isChartShowingCurves(Chart.GRADIENT_NORMS));
    paint(view, 640, 480);
    // the losses on a log10 scale (a regression's first epoch can flatten the rest), the same
    // legend with the marker
    view.setLogScaleLosses(true);
    assertTrue(view.isChartShowingCurves(Chart.LOSS));
    assertEquals(Arrays.asList("training loss", "validation loss", best),
        view.getLegend(Chart.LOSS));
    paint(view, 1000, 700);
  }

  @Test
  void viewWithoutHoldoutExplainsTheMissingValidationChart() {
    BackpropMLPCurvesView view = new BackpropMLPCurvesView();
    view.setModel(second, null, "no holdout");
    assertTrue(view.isChartShowingCurves(Chart.LOSS));
    assertEquals(Arrays.asList("training loss"), view.getLegend(Chart.LOSS));
    assertFalse(view.isChartShowingCurves(Chart.VALIDATION_METRIC));
    assertEquals(3, view.getLegend(Chart.GRADIENT_NORMS).size());
    paint(view, 800, 600);
    view.clear("nothing");
    assertNull(view.getModel());
    paint(view, 800, 600);
  }

  @Test
  void resultsAreFoundDirectlyAndInsideWrappers() throws Exception {
    ResultHistoryPanel history = new ResultHistoryPanel(new JTextArea());
    history.addResult("a - ZeroR", new StringBuffer());
    history.addObject("a - ZeroR", stored(new ZeroR()));
    history.addResult("b - BackpropMLP", new StringBuffer());
    history.addObject("b - BackpropMLP", stored(first));
    FilteredClassifier fc = new FilteredClassifier();
    fc.setFilter(new Standardize());
    fc.setClassifier(new BackpropMLP());
    fc.setOptions(new String[] {"-W", BackpropMLP.class.getName(), "--", "-epochs", "3"});
    fc.buildClassifier(iris);
    history.addResult("c - FilteredClassifier", new StringBuffer());
    history.addObject("c - FilteredClassifier", stored(fc));
    history.addResult("d - untrained", new StringBuffer());
    history.addObject("d - untrained", stored(new BackpropMLP()));
    history.addResult("e - running", new StringBuffer());

    List<BackpropMLPResults.Result> found = BackpropMLPResults.scan(history);
    assertEquals(2, found.size());
    assertEquals("b - BackpropMLP", found.get(0).name());
    assertSame(first, found.get(0).model());
    assertNotNull(found.get(0).header());
    assertEquals("c - FilteredClassifier", found.get(1).name());
    assertEquals(3, found.get(1).model().getModelView().epochs());
  }

  /**
   * Runs that involve a BackpropMLP without curves to show say why instead of advising to train
   * one: an ensemble that keeps its members (Bagging), a model without inputs; a model inside
   * Weka's IterativeClassifierOptimizer is found.
   */
  @Test
  void runsWithoutCurvesSayWhyAndIterativeClassifierOptimizerIsLookedInto() throws Exception {
    ResultHistoryPanel history = new ResultHistoryPanel(new JTextArea());
    BackpropMLPCurvesPanel tab = new BackpropMLPCurvesPanel();
    onEdt(() -> tab.setResultHistory(history));
    Bagging bagging = new Bagging();
    bagging.setOptions(new String[] {"-I", "2", "-W", BackpropMLP.class.getName(), "--",
        "-epochs", "2", "-l2", "0.01"});
    bagging.buildClassifier(iris);
    Remove keepClass = new Remove();
    keepClass.setAttributeIndicesArray(new int[] {iris.classIndex()});
    keepClass.setInvertSelection(true);
    keepClass.setInputFormat(iris);
    Instances classOnly = Filter.useFilter(iris, keepClass);
    classOnly.setClassIndex(0);
    BackpropMLP noInputs = new BackpropMLP();
    noInputs.buildClassifier(classOnly);
    IterativeClassifierOptimizer ico = new IterativeClassifierOptimizer();
    ico.setOptions(new String[] {"-W", BackpropMLP.class.getName(), "-L", "2", "--", "-epochs",
        "4", "-l2", "0.01"});
    ico.buildClassifier(iris);

    assertTrue(BackpropMLPResults.whyNoCurves(bagging).contains("holds several BackpropMLPs"));
    FilteredClassifier around = new FilteredClassifier();
    around.setClassifier(bagging);
    assertTrue(BackpropMLPResults.whyNoCurves(around).contains("Bagging, holds several"),
        "an ensemble inside a wrapper");
    assertTrue(BackpropMLPResults.whyNoCurves(noInputs).contains("no input attribute"));
    assertNull(BackpropMLPResults.whyNoCurves(new ZeroR()));
    assertNull(BackpropMLPResults.whyNoCurves(first));
    assertNotNull(BackpropMLPResults.unwrap(ico));

    onEdt(() -> history.addResult("r1", new StringBuffer()));
    onEdt(() -> history.addObject("r1", stored(first)));
    onEdt(() -> history.addResult("bagging", new StringBuffer()));
    onEdt(() -> history.addObject("bagging", stored(bagging)));
    onEdt(() -> tab.refresh());
    onEdt(() -> history.setSelectedListValue("bagging"));
    flushEvents();
    assertTrue(tab.getView().messageText().contains("holds several BackpropMLPs"),
        tab.getView().messageText());
    onEdt(() -> history.setSelectedListValue("r1"));
    flushEvents();
    assertSame(first, tab.getView().getModel(), "back to a run with curves");
  }

  /**
   * A run continued in place (the Explorer's "Continue iterating" trains the stored model and
   * sends the result list no event) is drawn again with its new epochs at the next refresh: the
   * tab had kept the first curve, since the model shown was the same object.
   */
  @Test
  void aContinuedRunIsDrawnAgain() throws Exception {
    ResultHistoryPanel history = new ResultHistoryPanel(new JTextArea());
    BackpropMLPCurvesPanel tab = new BackpropMLPCurvesPanel();
    BackpropMLP resumed = trained("-epochs", "5", "-resume");
    onEdt(() -> tab.setResultHistory(history));
    onEdt(() -> history.addResult("r1", new StringBuffer()));
    onEdt(() -> history.addObject("r1", stored(resumed)));
    onEdt(() -> tab.refresh());
    assertEquals(5, tab.getView().getEpochTable().numInstances());
    TestData.continueTraining(resumed, iris);
    onEdt(() -> tab.refresh());
    assertSame(resumed, tab.getView().getModel());
    assertEquals(10, tab.getView().getEpochTable().numInstances());
  }

  @Test
  void tabShowsTheNewestRunAndFollowsTheResultList() throws Exception {
    ResultHistoryPanel history = new ResultHistoryPanel(new JTextArea());
    BackpropMLPCurvesPanel tab = new BackpropMLPCurvesPanel();
    assertEquals("MLP curves", tab.getTabTitle());
    onEdt(() -> tab.setResultHistory(history));
    assertTrue(tab.getResults().isEmpty());
    assertNull(tab.getView().getModel());

    onEdt(() -> history.addResult("r1", new StringBuffer()));
    onEdt(() -> history.addObject("r1", stored(first)));
    onEdt(() -> tab.refresh());
    assertSame(first, tab.getView().getModel());

    // a run is listed before its model is stored; the model appears when the run ends
    onEdt(() -> history.addResult("r2", new StringBuffer()));
    onEdt(() -> tab.refresh());
    assertSame(first, tab.getView().getModel());
    onEdt(() -> history.addObject("r2", stored(second)));
    onEdt(() -> tab.refresh());
    assertEquals(2, tab.getResults().size());
    assertSame(second, tab.getView().getModel(), "newest run shown");

    // selecting a run in the Classify panel's list selects it in the tab
    onEdt(() -> history.setSelectedListValue("r1"));
    flushEvents();
    assertSame(first, tab.getView().getModel());

    onEdt(() -> history.removeResult("r1"));
    onEdt(() -> tab.refresh());
    assertEquals(1, tab.getResults().size());
    assertSame(second, tab.getView().getModel());
    onEdt(() -> history.clearResults());
    onEdt(() -> tab.refresh());
    assertNull(tab.getView().getModel());
  }

  @Test
  void resultListPluginIsDiscoverableAndSilentWithoutAWindow() {
    assertTrue(ClassDiscovery.find(VisualizePlugin.class.getName(), "weka.gui.visualize.plugins")
        .contains(BackpropMLPCurvesVisualizePlugin.class.getName()));
    assertNull(new BackpropMLPCurvesVisualizePlugin().getVisualizeMenuItem(null, null));
    // in a result list, another learner's run gets a disabled entry rather than an empty menu
    javax.swing.JMenuItem other = new BackpropMLPCurvesVisualizePlugin()
        .getVisualizeMenuItem(new java.util.ArrayList<>(), null);
    assertFalse(other.isEnabled());
    assertTrue(other.getText().endsWith("(not a BackpropMLP run)"), other.getText());
  }

  @Test
  void packageExplorerPropsAddsThisTab() throws Exception {
    Properties props = new Properties();
    try (InputStream in = new FileInputStream("weka-package/Explorer.props")) {
      props.load(in);
    }
    String tabs = props.getProperty("Tabs");
    assertEquals(BackpropMLPCurvesPanel.class.getName(), tabs);
    Object panel = Class.forName(tabs.split(":")[0]).getDeclaredConstructor().newInstance();
    assertTrue(panel instanceof Explorer.ExplorerPanel);
    assertTrue(panel instanceof Explorer.LogHandler);
  }

  @Test
  void explorerWithTheMergedTabsShowsTheTab() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    String before = ExplorerDefaults.get("Tabs", "");
    try {
      ExplorerDefaults.set("Tabs", before + "," + BackpropMLPCurvesPanel.class.getName());
      Explorer[] ex = new Explorer[1];
      SwingUtilities.invokeAndWait(() -> ex[0] = new Explorer());
      BackpropMLPCurvesPanel tab = null;
      for (Explorer.ExplorerPanel p : ex[0].getPanels()) {
        if (p instanceof BackpropMLPCurvesPanel) {
          tab = (BackpropMLPCurvesPanel) p;
        }
      }
      assertNotNull(tab);
      assertSame(ex[0], tab.getExplorer());
    } finally {
      ExplorerDefaults.set("Tabs", before);
    }
  }

  /**
   * Runs on the event dispatch thread and waits: the tab also refreshes itself there (result
   * list events, its poll timer), so the test must not touch it from another thread.
   */
  private static void onEdt(Runnable r) throws Exception {
    SwingUtilities.invokeAndWait(r);
  }

  private static void flushEvents() throws Exception {
    SwingUtilities.invokeAndWait(() -> { });
  }

  static BufferedImage paint(Component c, int w, int h) {
    c.setSize(w, h);
    layout(c);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      c.paint(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void layout(Component c) {
    c.doLayout();
    if (c instanceof Container) {
      for (Component child : ((Container) c).getComponents()) {
        layout(child);
      }
    }
  }

  private static int countColour(BufferedImage img, Color c) {
    int n = 0;
    int rgb = c.getRGB() & 0xffffff;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
