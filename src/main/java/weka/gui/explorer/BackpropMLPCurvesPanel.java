package weka.gui.explorer;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.HierarchyEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.event.ListDataEvent;
import javax.swing.event.ListDataListener;
import weka.core.Instances;
import weka.gui.Logger;
import weka.gui.ResultHistoryPanel;
import weka.gui.explorer.Explorer.ExplorerPanel;
import weka.gui.explorer.Explorer.LogHandler;

/**
 * Explorer tab "MLP curves": the training and validation curves and per-layer gradient norms of
 * the BackpropMLP models built in the Classify tab.
 *
 * <p>The tab reads the Classify tab's result list: every run whose stored model is a trained
 * {@link weka.classifiers.functions.BackpropMLP} (also inside a FilteredClassifier or a similar
 * single-classifier wrapper) appears in the "Result" box, newest last; a newly finished run is
 * shown automatically, a run trained further in place is drawn again, and selecting a
 * BackpropMLP run in the Classify tab's result list selects it here as well. The charts
 * themselves are drawn by {@link BackpropMLPCurvesView}.
 *
 * <p>Installed as a Weka package, the tab is added by the package's {@code Explorer.props}
 * ({@code Tabs=weka.gui.explorer.BackpropMLPCurvesPanel}), which the package manager appends to
 * the Explorer's own list of tabs. Like the Classify tab it is enabled once a data set is
 * loaded.
 */
public class BackpropMLPCurvesPanel extends JPanel implements ExplorerPanel, LogHandler {

  private static final long serialVersionUID = 1L;

  /** How often (ms) the Classify panel's result list is checked while this tab is visible. */
  static final int POLL_MS = 1000;

  private final BackpropMLPCurvesView view = new BackpropMLPCurvesView();
  private final DefaultComboBoxModel<BackpropMLPResults.Result> choices =
      new DefaultComboBoxModel<>();
  private final JComboBox<BackpropMLPResults.Result> combo = new JComboBox<>(choices);
  private final Timer poll = new Timer(POLL_MS, e -> refresh());

  private Explorer explorer;
  private Logger log;
  private ResultHistoryPanel history;
  private boolean updatingCombo;
  private final List<BackpropMLPResults.Result> known = new ArrayList<>();

  /** Creates the tab; it finds the Classify tab once it is given the Explorer. */
  public BackpropMLPCurvesPanel() {
    super(new BorderLayout());
    JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
    top.setBorder(BorderFactory.createEmptyBorder(4, 4, 0, 4));
    top.add(new JLabel("Result:"));
    combo.setPrototypeDisplayValue(
        new BackpropMLPResults.Result("00:00:00 - functions.BackpropMLP (extra)", null, null));
    combo.setToolTipText("BackpropMLP runs of the Classify tab's result list");
    combo.addActionListener(e -> {
      if (!updatingCombo) {
        showSelected();
      }
    });
    top.add(combo);
    add(top, BorderLayout.NORTH);
    add(view, BorderLayout.CENTER);
    poll.setRepeats(true);
    addHierarchyListener(e -> {
      if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
        if (isShowing()) {
          refresh();
          poll.start();
        } else {
          poll.stop();
        }
      }
    });
    showEmpty();
  }

  /**
   * Sets the Explorer and connects to its Classify tab.
   *
   * @param parent the Explorer
   */
  @Override
  public void setExplorer(Explorer parent) {
    explorer = parent;
    attach();
  }

  /**
   * The Explorer this tab belongs to, null until {@link #setExplorer} is called.
   *
   * @return the Explorer, or null
   */
  @Override
  public Explorer getExplorer() {
    return explorer;
  }

  /**
   * Called when the Preprocess tab's data change; the curves do not depend on them, but the
   * Classify tab is looked up again in case it was not there before.
   *
   * @param inst the new data (unused)
   */
  @Override
  public void setInstances(Instances inst) {
    attach();
  }

  /**
   * The title of this tab in the Explorer.
   *
   * @return "MLP curves"
   */
  @Override
  public String getTabTitle() {
    return "MLP curves";
  }

  /**
   * The tool tip of this tab's title, saying where its models come from.
   *
   * @return a one-line description of the tab
   */
  @Override
  public String getTabTitleToolTip() {
    return "Training/validation curves and per-layer gradient norms of the BackpropMLP models"
        + " built in the Classify tab";
  }

  /**
   * Sets the Explorer's log, used to note which run is shown.
   *
   * @param newLog the log
   */
  @Override
  public void setLog(Logger newLog) {
    log = newLog;
  }

  /**
   * The view that draws the charts of the selected run.
   *
   * @return the chart view
   */
  public BackpropMLPCurvesView getView() {
    return view;
  }

  /**
   * A copy of the runs in the "Result" box, oldest first.
   *
   * @return the BackpropMLP runs currently offered, oldest first
   */
  public List<BackpropMLPResults.Result> getResults() {
    return new ArrayList<>(known);
  }

  /**
   * Connects to a result list directly (the Explorer's Classify tab is found automatically;
   * this is for other hosts and for tests).
   *
   * @param results the result list to follow
   */
  public void setResultHistory(ResultHistoryPanel results) {
    if (results == history) {
      return;
    }
    history = results;
    if (results == null) {
      refresh();
      return;
    }
    results.getList().getModel().addListDataListener(new ListDataListener() {
      @Override
      public void intervalAdded(ListDataEvent e) {
        later();
      }

      @Override
      public void intervalRemoved(ListDataEvent e) {
        later();
      }

      @Override
      public void contentsChanged(ListDataEvent e) {
        later();
      }
    });
    results.getList().addListSelectionListener(e -> {
      if (!e.getValueIsAdjusting()) {
        followSelection();
      }
    });
    refresh();
  }

  /**
   * Re-reads the result list: adds new BackpropMLP runs (showing the newest new one), drops
   * deleted ones, and keeps the current choice otherwise. Runs on the event thread; cheap.
   */
  public void refresh() {
    attach();
    List<BackpropMLPResults.Result> now =
        history == null ? new ArrayList<>() : BackpropMLPResults.scan(history);
    if (sameResults(now, known)) {
      if (combo.getSelectedItem() != null) {
        showSelected(); // redraws a run trained further in place ("Continue iterating")
      }
      return;
    }
    BackpropMLPResults.Result newest = null;
    for (BackpropMLPResults.Result r : now) {
      if (indexOf(known, r) < 0) {
        newest = r;
      }
    }
    BackpropMLPResults.Result current = (BackpropMLPResults.Result) combo.getSelectedItem();
    known.clear();
    known.addAll(now);
    updatingCombo = true;
    try {
      choices.removeAllElements();
      for (BackpropMLPResults.Result r : now) {
        choices.addElement(r);
      }
      BackpropMLPResults.Result select = newest;
      if (select == null && current != null) {
        int i = indexOf(now, current);
        select = i >= 0 ? now.get(i) : null;
      }
      if (select == null && !now.isEmpty()) {
        select = now.get(now.size() - 1);
      }
      combo.setSelectedItem(select);
    } finally {
      updatingCombo = false;
    }
    showSelected();
  }

  private void followSelection() {
    if (!SwingUtilities.isEventDispatchThread()) {
      // Weka's Classify panel selects a finished run from its run thread (setSingle)
      SwingUtilities.invokeLater(this::followSelection);
      return;
    }
    if (history == null) {
      return;
    }
    refresh();
    BackpropMLPResults.Result sel = BackpropMLPResults.selected(history);
    if (sel != null) {
      int i = indexOf(known, sel);
      if (i >= 0 && combo.getSelectedIndex() != i) {
        combo.setSelectedIndex(i);
      } else if (i >= 0) {
        showSelected(); // back from a run without curves, whose reason the view shows
      }
    } else if (history.getSelectedName() != null) {
      String why = BackpropMLPResults.whyNoCurves(history);
      if (why != null) { // a run that involves a BackpropMLP without curves: say why
        view.clear("<html><center>" + why);
      }
    }
  }

  private void showSelected() {
    BackpropMLPResults.Result r = (BackpropMLPResults.Result) combo.getSelectedItem();
    if (r == null) {
      showEmpty();
      return;
    }
    if (view.getModel() == r.model() && view.getEpochTable() != null
        && view.getEpochTable().numInstances() == r.model().getMeasure("measureEpochsRun")) {
      return;
    }
    try {
      view.setModel(r.model(), r.header(), r.name());
      if (log != null) {
        log.statusMessage("MLP curves: " + r.name());
      }
    } catch (RuntimeException ex) {
      view.clear("Cannot show " + r.name() + ": " + ex.getMessage());
    }
  }

  private void showEmpty() {
    String why = history == null ? null : BackpropMLPResults.whyNoCurves(history);
    if (why != null) {
      view.clear("<html><center>" + why);
      return;
    }
    view.clear("<html><center><b>No trained BackpropMLP yet.</b><br><br>"
        + "In the <b>Classify</b> tab choose <b>functions &gt; BackpropMLP</b> and press"
        + " <b>Start</b>;<br>its training curves and gradient norms appear here.<br><br>"
        + "Set <b>validationPercent</b> (e.g. 20) to also see validation loss and accuracy,"
        + "<br>and keep <i>More options... &gt; Output model</i> ticked (the default).");
  }

  private void attach() {
    if (history != null || explorer == null) {
      return;
    }
    for (ExplorerPanel p : explorer.getPanels()) {
      if (p instanceof ClassifierPanel) {
        setResultHistory(((ClassifierPanel) p).getResultHistory());
        return;
      }
    }
  }

  private void later() {
    SwingUtilities.invokeLater(this::refresh);
  }

  private static boolean sameResults(
      List<BackpropMLPResults.Result> a, List<BackpropMLPResults.Result> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(List<BackpropMLPResults.Result> list, BackpropMLPResults.Result r) {
    for (int i = 0; i < list.size(); i++) {
      if (same(list.get(i), r)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean same(BackpropMLPResults.Result a, BackpropMLPResults.Result b) {
    return a.name().equals(b.name()) && a.model() == b.model();
  }
}
