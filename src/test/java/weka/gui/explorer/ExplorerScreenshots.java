package weka.gui.explorer;

import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.GenericObjectEditor;
import weka.gui.LookAndFeel;
import weka.gui.PropertyDialog;

/**
 * Drives the real Weka Explorer (needs a display, e.g. {@code xvfb-run}) and saves the README
 * screenshots; run by {@code scripts/screenshot-explorer.sh}.
 *
 * <ol>
 *   <li>starts the Explorer with the package's tab (from the installed package, or, with {@code
 *       --explorer-props FILE}, by merging that Explorer.props the way the package manager
 *       does), loads a data set and selects BackpropMLP in the Classify tab;
 *   <li>opens BackpropMLP's property sheet (Weka's GenericObjectEditor dialog) and saves it as
 *       {@code backpropmlp-options.png};
 *   <li>presses Start (10-fold cross-validation, the Classify tab's default), switches to the
 *       "MLP curves" tab once the run is stored and saves the window as {@code
 *       backpropmlp-curves.png};
 *   <li>checks that the result list's right-click menu offers Plugins &gt; "BackpropMLP training
 *       curves" and that it opens a window.
 * </ol>
 *
 * <p>The package's classes are only used by name (through Weka's class loading), so the same
 * program checks an installed package, whose classes live in Weka's package class loader.
 *
 * <p>Arguments: {@code [--out DIR] [--data FILE] [--explorer-props FILE] [--no-images]
 * [--options "BackpropMLP options"] [--size WIDTHxHEIGHT]} (the Explorer window's size, 1280x860
 * unless given).
 */
public final class ExplorerScreenshots {

  static final String TAB_CLASS = "weka.gui.explorer.BackpropMLPCurvesPanel";
  static final String MLP_CLASS = "weka.classifiers.functions.BackpropMLP";
  static final String PLUGIN_TEXT = "BackpropMLP training curves";

  private ExplorerScreenshots() {}

  /**
   * Runs the scenario; exits with status 0 on success, 1 on any failure.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) {
    try {
      run(args);
      System.out.println("screenshots: OK");
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.out.println("screenshots: FAILED: " + t);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    File out = new File("doc");
    File dataFile = new File("test-data/diabetes.arff");
    File props = null;
    boolean images = true;
    int frameWidth = 1280;
    int frameHeight = 860;
    // a network large enough to overfit diabetes: the validation loss turns up after a few
    // epochs, early stopping ends the run and keeps the best epoch's weights
    String options = "-hidden 64,32 -validation 20 -epochs 150 -patience 60 -l2 0.001"
        + " -schedule COSINE -warmup 5";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out":
          out = new File(args[++i]);
          break;
        case "--data":
          dataFile = new File(args[++i]);
          break;
        case "--explorer-props":
          props = new File(args[++i]);
          break;
        case "--no-images":
          images = false;
          break;
        case "--options":
          options = args[++i];
          break;
        case "--size":
          String[] wh = args[++i].split("x");
          frameWidth = Integer.parseInt(wh[0]);
          frameHeight = Integer.parseInt(wh[1]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (images && !out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }

    if (!LookAndFeel.setLookAndFeel("com.formdev.flatlaf.FlatLightLaf")) {
      LookAndFeel.setLookAndFeel();
    }
    // loads installed packages (merging their Explorer.props) and runs class discovery
    GenericObjectEditor.determineClasses();
    if (props != null) {
      mergeExplorerProps(props);
    }
    List<String> tabs = new ArrayList<>();
    for (String t : ExplorerDefaults.getTabs()) {
      tabs.add(t.trim().split(":")[0]);
    }
    check(tabs.contains(TAB_CLASS), "Explorer tabs " + tabs + " do not include " + TAB_CLASS);
    log("Explorer tabs: " + tabs);

    Instances data = DataSource.read(dataFile.getPath());
    data.setClassIndex(data.numAttributes() - 1);

    final int width = frameWidth;
    final int height = frameHeight;
    AtomicReference<JFrame> frameRef = new AtomicReference<>();
    AtomicReference<Explorer> explorerRef = new AtomicReference<>();
    onEdt(() -> {
      Explorer ex = new Explorer();
      JFrame f = new JFrame("Weka Explorer");
      f.getContentPane().add(ex);
      f.setSize(width, height);
      f.setLocation(0, 0);
      f.setVisible(true);
      ex.getPreprocessPanel().setInstances(data);
      frameRef.set(f);
      explorerRef.set(ex);
      return null;
    });
    JFrame frame = frameRef.get();
    Explorer explorer = explorerRef.get();
    ClassifierPanel classify = panel(explorer, ClassifierPanel.class.getName());
    Component curvesTab = panel(explorer, TAB_CLASS);
    check(classify != null, "no Classify tab");
    check(curvesTab != null, "no " + TAB_CLASS + " tab");
    log("tab class loaded by " + curvesTab.getClass().getClassLoader());

    // the property sheet shows the defaults, as the README's first model meets them; the run
    // for the curves takes the options
    Classifier defaults = AbstractClassifier.forName(MLP_CLASS, new String[0]);
    Classifier mlp = AbstractClassifier.forName(MLP_CLASS, weka.core.Utils.splitOptions(options));
    onEdt(() -> {
      explorer.getTabbedPane().setSelectedComponent(classify);
      classify.m_ClassifierEditor.setValue(defaults);
      return null;
    });
    waitFor("Classify tab shown", () -> classify.isShowing());
    settle();

    // 1. the property sheet
    SwingUtilities.invokeLater(() -> classify.m_CEPanel.showPropertyDialog());
    PropertyDialog dialog = waitFor("property dialog", () -> {
      for (Window w : Window.getWindows()) {
        if (w instanceof PropertyDialog && w.isShowing()) {
          return (PropertyDialog) w;
        }
      }
      return null;
    });
    onEdt(() -> {
      Dimension pref = dialog.getPreferredSize();
      Rectangle screen = dialog.getGraphicsConfiguration().getBounds();
      dialog.setSize(Math.max(pref.width, 560), Math.min(pref.height, screen.height - 20));
      dialog.setLocation(frame.getX() + 20, 10);
      dialog.validate();
      // focus the OK button rather than the About text (no blinking caret in the picture)
      JButton ok = findButton(dialog, "OK");
      if (ok != null) {
        ok.requestFocusInWindow();
      }
      return null;
    });
    settle();
    if (images) {
      save(capture(dialog), new File(out, "backpropmlp-options.png"));
    }
    onEdt(() -> {
      dialog.dispose();
      classify.m_ClassifierEditor.setValue(mlp);
      return null;
    });

    // 2. train, then the curves tab
    onEdt(() -> {
      classify.m_StartBut.doClick();
      return null;
    });
    String name = waitFor("BackpropMLP run to finish", () -> {
      if (classify.m_RunThread != null) {
        return null;
      }
      List<StoredRun> found = storedRuns(classify);
      return found.isEmpty() ? null : found.get(found.size() - 1).name;
    }, 300_000);
    log("run stored: " + name);
    onEdt(() -> {
      explorer.getTabbedPane().setSelectedComponent(curvesTab);
      return null;
    });
    waitFor("curves shown", () -> shownModel(curvesTab) != null ? Boolean.TRUE : null);
    settle();
    if (images) {
      save(capture(frame), new File(out, "backpropmlp-curves.png"));
    }

    // 3. the result list's right-click menu
    onEdt(() -> {
      explorer.getTabbedPane().setSelectedComponent(classify);
      classify.m_History.setSingle(name);
      classify.visualize(Collections.singletonList(name), 20, 20);
      return null;
    });
    JMenuItem entry = waitFor("Plugins menu entry", () -> onEdt(() -> findPluginEntry(frame)));
    log("result list menu: Plugins > " + entry.getText());
    onEdt(() -> {
      entry.doClick();
      return null;
    });
    JFrame window = waitFor("curves window", () -> {
      for (Window w : Window.getWindows()) {
        if (w instanceof JFrame && w.isShowing()
            && ((JFrame) w).getTitle().startsWith(PLUGIN_TEXT)) {
          return (JFrame) w;
        }
      }
      return null;
    });
    log("plugin opened window: " + window.getTitle());
    onEdt(() -> {
      window.dispose();
      frame.dispose();
      return null;
    });
  }

  /** Appends the values of an Explorer.props like WekaPackageManager does for a package. */
  static void mergeExplorerProps(File file) throws Exception {
    Properties p = new Properties();
    try (InputStream in = new FileInputStream(file)) {
      p.load(in);
    }
    for (String key : p.stringPropertyNames()) {
      if (key.endsWith("Policy")) {
        continue;
      }
      String existing = ExplorerDefaults.get(key, "");
      String value = p.getProperty(key);
      if (existing.isEmpty() || "replace".equalsIgnoreCase(p.getProperty(key + "Policy"))) {
        ExplorerDefaults.set(key, value);
      } else if (!existing.contains(value)) {
        ExplorerDefaults.set(key, existing + "," + value);
      }
    }
  }

  /** A run in the result list whose stored model is a BackpropMLP. */
  private static final class StoredRun {
    final String name;

    StoredRun(String name) {
      this.name = name;
    }
  }

  private static List<StoredRun> storedRuns(ClassifierPanel classify) {
    List<StoredRun> out = new ArrayList<>();
    int n = classify.m_History.getList().getModel().getSize();
    for (int i = 0; i < n; i++) {
      String name = classify.m_History.getNameAtIndex(i);
      Object o = classify.m_History.getNamedObject(name);
      if (o instanceof List) {
        for (Object x : (List<?>) o) {
          if (x != null && x.getClass().getName().equals(MLP_CLASS)) {
            out.add(new StoredRun(name));
          }
        }
      }
    }
    return out;
  }

  /** The model shown by the curves tab, read by reflection (the tab may be in a package loader). */
  private static Object shownModel(Component tab) throws Exception {
    Method getView = tab.getClass().getMethod("getView");
    Object view = onEdt(() -> getView.invoke(tab));
    Method getModel = view.getClass().getMethod("getModel");
    return onEdt(() -> getModel.invoke(view));
  }

  private static JButton findButton(Component c, String text) {
    if (c instanceof JButton && text.equals(((JButton) c).getText())) {
      return (JButton) c;
    }
    if (c instanceof Container) {
      for (Component child : ((Container) c).getComponents()) {
        JButton found = findButton(child, text);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static JMenuItem findPluginEntry(Container root) {
    for (Window w : Window.getWindows()) {
      JMenuItem found = findPluginEntryIn(w);
      if (found != null) {
        return found;
      }
    }
    return findPluginEntryIn(root);
  }

  private static JMenuItem findPluginEntryIn(Component c) {
    if (c instanceof JPopupMenu && c.isShowing()) {
      for (Component item : ((JPopupMenu) c).getComponents()) {
        if (item instanceof JMenu && "Plugins".equals(((JMenu) item).getText())) {
          for (Component sub : ((JMenu) item).getMenuComponents()) {
            if (sub instanceof JMenuItem && PLUGIN_TEXT.equals(((JMenuItem) sub).getText())) {
              return (JMenuItem) sub;
            }
          }
        }
      }
    }
    if (c instanceof Container) {
      for (Component child : ((Container) c).getComponents()) {
        JMenuItem found = findPluginEntryIn(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Component> T panel(Explorer ex, String className) {
    for (Explorer.ExplorerPanel p : ex.getPanels()) {
      if (p.getClass().getName().equals(className)) {
        return (T) p;
      }
    }
    return null;
  }

  /** Screen pixels of a window (Robot), or its painting if the screen cannot be read. */
  private static BufferedImage capture(Window w) throws Exception {
    Toolkit.getDefaultToolkit().sync();
    Rectangle r = onEdt(() -> {
      Point p = w.getLocationOnScreen();
      return new Rectangle(p.x, p.y, w.getWidth(), w.getHeight());
    });
    try {
      return new Robot().createScreenCapture(r);
    } catch (AWTException | SecurityException e) {
      return onEdt(() -> {
        BufferedImage img = new BufferedImage(r.width, r.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        w.paintAll(g);
        g.dispose();
        return img;
      });
    }
  }

  private static void save(BufferedImage img, File f) throws Exception {
    check(ImageIO.write(img, "png", f), "no PNG writer");
    log("saved " + f + " (" + img.getWidth() + "x" + img.getHeight() + ")");
  }

  private static void settle() throws Exception {
    for (int i = 0; i < 3; i++) {
      onEdt(() -> null);
      Toolkit.getDefaultToolkit().sync();
      Thread.sleep(400);
    }
  }

  private static <T> T onEdt(Callable<T> task) throws Exception {
    if (SwingUtilities.isEventDispatchThread()) {
      return task.call();
    }
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> error = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      try {
        result.set(task.call());
      } catch (Exception e) {
        error.set(e);
      }
    });
    if (error.get() != null) {
      throw error.get();
    }
    return result.get();
  }

  private static <T> T waitFor(String what, Callable<T> probe) throws Exception {
    return waitFor(what, probe, 30_000);
  }

  private static <T> T waitFor(String what, Callable<T> probe, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      T v = probe.call();
      if (v != null && !Boolean.FALSE.equals(v)) {
        return v;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  private static void log(String s) {
    System.out.println("[screenshots] " + s);
  }
}
