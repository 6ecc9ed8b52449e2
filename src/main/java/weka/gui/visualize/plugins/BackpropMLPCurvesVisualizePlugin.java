package weka.gui.visualize.plugins;

import java.awt.BorderLayout;
import java.util.ArrayList;
import javax.swing.JFrame;
import javax.swing.JMenuItem;
import weka.classifiers.evaluation.Prediction;
import weka.core.Attribute;
import weka.gui.explorer.BackpropMLPCurvesView;
import weka.gui.explorer.BackpropMLPResults;

/**
 * Adds "BackpropMLP training curves" under <i>Plugins</i> in the right-click menu of the
 * Explorer's Classify result list, for runs whose model is a trained BackpropMLP. It opens the
 * curves of that run ({@link BackpropMLPCurvesView}) in a window of their own.
 *
 * <p>Weka finds the class by itself (dynamic class discovery lists every {@link
 * VisualizePlugin} in the package {@code weka.gui.visualize.plugins}, also inside an installed
 * package's jar). The plugin interface passes only the run's predictions, so the run is
 * identified as the selected entry of the Classify panel that stored exactly these predictions
 * ({@link BackpropMLPResults#findSelectedInOpenWindows}).
 */
public class BackpropMLPCurvesVisualizePlugin implements VisualizePlugin {

  /** Text of the menu entry. */
  public static final String MENU_TEXT = "BackpropMLP training curves";

  /**
   * The menu entry for the selected run, or null if its model is not a trained BackpropMLP.
   *
   * @param preds the run's predictions (may be null if they were not stored)
   * @param classAtt the class attribute (unused)
   * @return the menu entry, a disabled one for another learner's run, or null outside a result
   *     list
   */
  @Override
  public JMenuItem getVisualizeMenuItem(ArrayList<Prediction> preds, Attribute classAtt) {
    final BackpropMLPResults.Result r;
    try {
      r = BackpropMLPResults.findSelectedInOpenWindows(preds);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
    if (r == null) {
      // another learner's run: Weka shows its Plugins menu whenever a plugin exists, and an
      // empty one says nothing; outside a result list (no predictions) nothing is offered
      if (preds == null) {
        return null;
      }
      JMenuItem none = new JMenuItem(MENU_TEXT + " (not a BackpropMLP run)");
      none.setEnabled(false);
      return none;
    }
    JMenuItem item = new JMenuItem(MENU_TEXT);
    item.setToolTipText("Loss, validation accuracy, gradient norms and learning rate per epoch");
    item.addActionListener(e -> open(r));
    return item;
  }

  /**
   * Opens a window with the curves of a run.
   *
   * @param r the run
   * @return the window
   */
  public static JFrame open(BackpropMLPResults.Result r) {
    BackpropMLPCurvesView view = new BackpropMLPCurvesView();
    view.setModel(r.model(), r.header(), r.name());
    JFrame f = weka.core.Utils.getWekaJFrame("BackpropMLP training curves: " + r.name(), null);
    f.getContentPane().setLayout(new BorderLayout());
    f.getContentPane().add(view, BorderLayout.CENTER);
    f.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
    f.setSize(1000, 700);
    f.setLocationByPlatform(true);
    f.setVisible(true);
    return f;
  }

  /**
   * The oldest Weka version the plugin is designed for.
   *
   * @return "3.8.2", the first Weka version with the window helper this plugin opens its window
   *     with ({@code Utils.getWekaJFrame}); on 3.8.1 the menu entry threw NoSuchMethodError
   */
  @Override
  public String getMinVersion() {
    return "3.8.2";
  }

  /**
   * The first Weka version the plugin is not designed for.
   *
   * @return "3.10.0" (exclusive)
   */
  @Override
  public String getMaxVersion() {
    return "3.10.0";
  }

  /**
   * The Weka version the plugin was written against.
   *
   * @return "3.8.6", the version the plugin was written against
   */
  @Override
  public String getDesignVersion() {
    return "3.8.6";
  }
}
