package weka.gui.explorer;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.backpropmlp.ModelView;
import weka.core.Instances;
import weka.core.converters.AbstractFileSaver;
import weka.gui.ConverterFileChooser;
import weka.gui.visualize.Plot2D;
import weka.gui.visualize.PlotData2D;
import weka.gui.visualize.PrintableComponent;
import weka.gui.visualize.VisualizePanel;

/**
 * Shows the training record of one trained {@link BackpropMLP} as four charts drawn with
 * Weka's {@link Plot2D}: training and validation loss per epoch, the validation accuracy (or
 * RMSE for a numeric class), the RMS gradient norm of every weight layer (log10 scale by
 * default) and the learning rate. The epoch at which the kept weights were taken (best
 * validation loss) is marked by a vertical grey line.
 *
 * <p>Hovering over a chart shows the values at the nearest epoch; Alt+Shift+click saves a chart
 * as an image (Weka's {@link PrintableComponent}). "Visualize table" opens the per-epoch table
 * in Weka's own {@link VisualizePanel}; "Save table" writes it in any format Weka can save
 * (ARFF, CSV, ...).
 *
 * <p>Used by the Explorer tab {@link BackpropMLPCurvesPanel} and by the result-list entry
 * {@link weka.gui.visualize.plugins.BackpropMLPCurvesVisualizePlugin}.
 */
public class BackpropMLPCurvesView extends JPanel {

  private static final long serialVersionUID = 1L;

  /** The four charts, in display order. */
  public enum Chart {
    /** Training and validation loss. */
    LOSS,
    /** Validation accuracy or RMSE. */
    VALIDATION_METRIC,
    /** Gradient norm per weight layer. */
    GRADIENT_NORMS,
    /** Learning rate. */
    LEARNING_RATE
  }

  /** Line colours (the "tab10" palette: distinguishable, also for most colour-blind users). */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0xbcbd22), new Color(0x393b79)
  };

  private static final String CARD_CHARTS = "charts";
  private static final String CARD_MESSAGE = "message";

  private final CardLayout cards = new CardLayout();
  private final JPanel body = new JPanel(cards);
  private final JLabel message = new JLabel("", SwingConstants.CENTER);
  private final CurvesHeading top = new CurvesHeading();
  private final JCheckBox logScale = new JCheckBox("log10 scale for gradient norms", true);
  private final JCheckBox logLoss = new JCheckBox("log10 scale for losses", false);
  private final JButton visualizeButton = new JButton("Visualize table...");
  private final JButton saveButton = new JButton("Save table...");
  private final CurveChart[] charts = new CurveChart[Chart.values().length];

  private BackpropMLP model;
  private Instances header;
  private Instances table;
  private String title = "";

  /** Creates an empty view (showing a short instruction until a model is set). */
  public BackpropMLPCurvesView() {
    super(new BorderLayout());
    for (Chart c : Chart.values()) {
      charts[c.ordinal()] = new CurveChart();
    }
    JPanel grid = new JPanel(new GridLayout(2, 2, 8, 8));
    grid.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
    for (CurveChart c : charts) {
      grid.add(c);
    }
    message.setBorder(BorderFactory.createEmptyBorder(20, 20, 20, 20));
    body.add(grid, CARD_CHARTS);
    body.add(message, CARD_MESSAGE);
    add(body, BorderLayout.CENTER);

    JPanel controls = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 2));
    controls.add(logLoss);
    controls.add(logScale);
    controls.add(visualizeButton);
    controls.add(saveButton);
    // heading and summary have the full width and wrap (CurvesHeading); the controls sit below
    // the charts
    add(top, BorderLayout.NORTH);
    add(controls, BorderLayout.SOUTH);

    logScale.setToolTipText("Gradient norms of different layers often differ by orders of"
        + " magnitude; a log scale shows vanishing or exploding gradients");
    logScale.addActionListener(e -> updateGradientChart());
    logLoss.setToolTipText("A regression's first epoch often loses many times what the later ones"
        + " do, which flattens their curve; a log scale shows them");
    logLoss.addActionListener(e -> updateLossChart());
    visualizeButton.setToolTipText("Open the per-epoch table in Weka's scatter-plot window");
    visualizeButton.addActionListener(e -> visualizeTable());
    saveButton.setToolTipText("Save the per-epoch table (ARFF, CSV, ...)");
    saveButton.addActionListener(e -> saveTable());
    clear("No BackpropMLP model selected.");
  }

  /** @return the text shown in place of the charts (for tests) */
  String messageText() {
    return message.getText();
  }

  /**
   * Shows a message instead of the charts and forgets the current model.
   *
   * @param text the message (HTML allowed)
   */
  public void clear(String text) {
    model = null;
    header = null;
    table = null;
    title = "";
    top.show(null, null);
    message.setText(text.startsWith("<html>") ? text : "<html><center>" + text);
    visualizeButton.setEnabled(false);
    saveButton.setEnabled(false);
    logScale.setEnabled(false);
    logLoss.setEnabled(false);
    cards.show(body, CARD_MESSAGE);
  }

  /**
   * Shows the training record of a trained model.
   *
   * @param model a trained BackpropMLP
   * @param header its training header (with class index), or null if unknown
   * @param title what to call the run (e.g. its name in the result list)
   * @throws IllegalArgumentException if the model has not been trained
   */
  public void setModel(BackpropMLP model, Instances header, String title) {
    Instances t = BackpropMLPCurveData.epochTable(model, header);
    this.model = model;
    this.header = header;
    this.table = t;
    this.title = title == null ? "" : title;
    String arch = model.getModelView().architecture();
    String head = this.title + (arch.isEmpty() ? "" : "   " + arch);
    top.show(head, BackpropMLPCurveData.summary(t, model));
    if (t.numInstances() == 0) {
      clear("The model has no recorded epochs.");
      return;
    }
    visualizeButton.setEnabled(true);
    saveButton.setEnabled(true);
    logScale.setEnabled(true);
    logLoss.setEnabled(true);
    updateCharts();
    cards.show(body, CARD_CHARTS);
  }

  /**
   * The model whose curves are drawn, null before one is shown.
   *
   * @return the model shown, or null
   */
  public BackpropMLP getModel() {
    return model;
  }

  /**
   * The training header of the model shown, which tells whether its validation metric is accuracy
   * or RMSE.
   *
   * @return the training header of the model shown, or null
   */
  public Instances getHeader() {
    return header;
  }

  /**
   * The per-epoch table the charts are drawn from.
   *
   * @return the per-epoch table of the model shown (see {@link BackpropMLPCurveData}), or null
   */
  public Instances getEpochTable() {
    return table;
  }

  /**
   * Whether the gradient chart's log-scale box is ticked.
   *
   * @return whether gradient norms are drawn on a log10 scale
   */
  public boolean isLogScaleGradients() {
    return logScale.isSelected();
  }

  /**
   * Ticks or clears the gradient chart's log-scale box and redraws that chart.
   *
   * @param log whether to draw gradient norms on a log10 scale
   */
  public void setLogScaleGradients(boolean log) {
    logScale.setSelected(log);
    updateGradientChart();
  }

  /**
   * Ticks or clears the loss chart's log-scale box and redraws that chart.
   *
   * @param log whether to draw the losses on a log10 scale (off at first)
   */
  public void setLogScaleLosses(boolean log) {
    logLoss.setSelected(log);
    updateLossChart();
  }

  /**
   * The plot component of one chart (for tests and screenshots).
   *
   * @param c which chart
   * @return its plot
   */
  public Plot2D getPlot(Chart c) {
    return charts[c.ordinal()].plot;
  }

  /**
   * Whether a chart currently shows curves (rather than a note such as "no validation
   * holdout").
   *
   * @param c which chart
   * @return true if curves are drawn
   */
  public boolean isChartShowingCurves(Chart c) {
    return charts[c.ordinal()].showingPlot;
  }

  /**
   * The names of the lines in a chart, in legend order (for tests and screenshots).
   *
   * @param c which chart
   * @return the names, empty if the chart shows a note
   */
  public List<String> getLegend(Chart c) {
    List<String> out = new ArrayList<>();
    if (charts[c.ordinal()].showingPlot) {
      for (PlotData2D p : charts[c.ordinal()].plot.getPlots()) {
        out.add(p.getPlotName());
      }
    }
    return out;
  }

  private void updateLossChart() {
    if (table == null) {
      return;
    }
    ModelView h = model.getModelView();
    boolean validation = BackpropMLPCurveData.hasValidation(table);
    boolean log = logLoss.isSelected();
    String lossName = h.hasNetwork() ? " (" + pretty(h.lossName()) + ")" : "";
    Instances loss = validation
        ? BackpropMLPCurveData.series(table, "loss",
            new int[] {BackpropMLPCurveData.COL_TRAIN_LOSS,
              BackpropMLPCurveData.COL_VALIDATION_LOSS},
            new String[] {"training loss", "validation loss"}, log)
        : BackpropMLPCurveData.series(table, "loss",
            new int[] {BackpropMLPCurveData.COL_TRAIN_LOSS}, new String[] {"training loss"},
            log);
    if (validation) {
      loss = withBestEpoch(loss, h);
    }
    charts[Chart.LOSS.ordinal()].show("Loss per epoch" + lossName + (log ? " (log10)" : ""), loss,
        new Color[] {PALETTE[0], PALETTE[1], CurveChart.MARKER}, log, !log,
        Double.POSITIVE_INFINITY);
  }

  private void updateCharts() {
    ModelView h = model.getModelView();
    boolean validation = BackpropMLPCurveData.hasValidation(table);
    updateLossChart();

    String metricCol = table.attribute(BackpropMLPCurveData.COL_VALIDATION_METRIC).name();
    boolean accuracy = BackpropMLPCurveData.VALIDATION_ACCURACY.equals(metricCol);
    String metricTitle = accuracy ? "Validation accuracy"
        : BackpropMLPCurveData.VALIDATION_RMSE.equals(metricCol)
            ? "Validation RMSE (in standard deviations of the class)" : "Validation metric";
    if (validation) {
      Instances metric = BackpropMLPCurveData.series(table, "validation metric",
          new int[] {BackpropMLPCurveData.COL_VALIDATION_METRIC},
          new String[] {accuracy ? "validation accuracy" : "validation RMSE"}, false);
      metric = withBestEpoch(metric, h);
      charts[Chart.VALIDATION_METRIC.ordinal()].show(metricTitle, metric,
          new Color[] {PALETTE[2], CurveChart.MARKER}, false, false,
          accuracy ? 1 : Double.POSITIVE_INFINITY);
    } else {
      charts[Chart.VALIDATION_METRIC.ordinal()].note(metricTitle,
          "No validation holdout in this run.<br><br>Set <b>validationPercent</b> (option"
              + " <tt>-validation</tt>) above 0 to record the validation loss and "
              + (accuracy ? "accuracy" : "error")
              + " after every epoch and to stop early when it no longer improves.");
    }

    updateGradientChart();

    Instances rate = BackpropMLPCurveData.series(table, "learning rate",
        new int[] {BackpropMLPCurveData.COL_LEARNING_RATE}, new String[] {"learning rate"},
        false);
    charts[Chart.LEARNING_RATE.ordinal()].show("Learning rate per epoch", rate,
        new Color[] {PALETTE[4]}, false, true, Double.POSITIVE_INFINITY);
  }

  /** @return {@code series} with the vertical line of the best epoch, whose weights are kept */
  private static Instances withBestEpoch(Instances series, ModelView h) {
    return BackpropMLPCurveData.withMarker(series, h.bestEpoch() + 1,
        "best epoch " + (h.bestEpoch() + 1) + " (weights kept)");
  }

  private void updateGradientChart() {
    if (table == null) {
      return;
    }
    int layers = BackpropMLPCurveData.numLayers(table);
    int[] cols = new int[layers];
    Color[] colours = new Color[layers];
    for (int l = 0; l < layers; l++) {
      cols[l] = BackpropMLPCurveData.COL_FIRST_GRAD_NORM + l;
      colours[l] = PALETTE[l % PALETTE.length];
    }
    boolean log = logScale.isSelected();
    Instances grads = BackpropMLPCurveData.series(table, "gradient norms", cols,
        BackpropMLPCurveData.layerNames(layers, model.getModelView()), log);
    charts[Chart.GRADIENT_NORMS.ordinal()].show(
        "Gradient norm per weight layer" + (log ? " (log10)" : ""), grads, colours, log,
        !log, Double.POSITIVE_INFINITY);
  }

  private void visualizeTable() {
    if (table == null) {
      return;
    }
    try {
      VisualizePanel vp = new VisualizePanel();
      PlotData2D pd = new PlotData2D(new Instances(table));
      pd.setPlotName(table.relationName());
      boolean[] connect = new boolean[table.numInstances()];
      for (int i = 1; i < connect.length; i++) {
        connect[i] = true;
      }
      pd.setConnectPoints(connect);
      vp.setName(title + " (" + table.relationName() + ")");
      vp.setMasterPlot(pd);
      vp.setXIndex(BackpropMLPCurveData.COL_EPOCH);
      vp.setYIndex(BackpropMLPCurveData.COL_TRAIN_LOSS);
      JFrame f = weka.core.Utils.getWekaJFrame("BackpropMLP training history: " + title, this);
      f.getContentPane().setLayout(new BorderLayout());
      f.getContentPane().add(vp, BorderLayout.CENTER);
      f.setSize(800, 600);
      f.setLocationRelativeTo(this);
      f.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
      f.setVisible(true);
    } catch (Exception ex) {
      JOptionPane.showMessageDialog(this, "Cannot visualize the table:\n" + ex.getMessage(),
          "BackpropMLP curves", JOptionPane.ERROR_MESSAGE);
    }
  }

  private void saveTable() {
    if (table == null) {
      return;
    }
    ConverterFileChooser chooser = new ConverterFileChooser(new File(System.getProperty(
        "user.dir")));
    if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
      return;
    }
    try {
      AbstractFileSaver saver = chooser.getSaver();
      saver.setInstances(table);
      saver.writeBatch();
    } catch (Exception ex) {
      JOptionPane.showMessageDialog(this, "Cannot save the table:\n" + ex.getMessage(),
          "BackpropMLP curves", JOptionPane.ERROR_MESSAGE);
    }
  }

  private static String pretty(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
