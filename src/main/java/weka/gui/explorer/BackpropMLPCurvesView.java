package weka.gui.explorer;

import java.awt.BasicStroke;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.RenderingHints;
import java.awt.event.MouseEvent;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.swing.BorderFactory;
import javax.swing.Icon;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.ToolTipManager;
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

  /** Shape type for which {@link Plot2D} draws no marker, only the connecting line. */
  static final int NO_SHAPE = -2;

  /** Colour of the best-epoch marker. */
  static final Color MARKER = new Color(0x909090);

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

  /** @return the model shown, or null */
  public BackpropMLP getModel() {
    return model;
  }

  /** @return the training header of the model shown, or null */
  public Instances getHeader() {
    return header;
  }

  /** @return the per-epoch table of the model shown (see {@link BackpropMLPCurveData}), or null */
  public Instances getEpochTable() {
    return table;
  }

  /** @return whether gradient norms are drawn on a log10 scale */
  public boolean isLogScaleGradients() {
    return logScale.isSelected();
  }

  /** @param log whether to draw gradient norms on a log10 scale */
  public void setLogScaleGradients(boolean log) {
    logScale.setSelected(log);
    updateGradientChart();
  }

  /** @param log whether to draw the losses on a log10 scale (off at first) */
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
        new Color[] {PALETTE[0], PALETTE[1], MARKER}, log, !log, Double.POSITIVE_INFINITY);
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
          new Color[] {PALETTE[2], MARKER}, false, false,
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

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** One chart: a title, a {@link CurvePlot} or a note, a legend and the x-axis caption. */
  private static final class CurveChart extends JPanel {

    private static final long serialVersionUID = 1L;

    final CurvePlot plot = new CurvePlot();
    private final JLabel titleLabel = new JLabel(" ");
    private final JPanel legend = new JPanel(new FlowLayout(FlowLayout.CENTER, 12, 0));
    private final JPanel bottom = new JPanel(new BorderLayout());
    private final JLabel noteLabel = new JLabel("", SwingConstants.CENTER);
    private final CardLayout cards = new CardLayout();
    private final JPanel center = new JPanel(cards);
    boolean showingPlot;

    CurveChart() {
      super(new BorderLayout(0, 2));
      setBackground(Color.WHITE);
      setBorder(BorderFactory.createCompoundBorder(
          BorderFactory.createLineBorder(new Color(0xc8c8c8)),
          BorderFactory.createEmptyBorder(4, 4, 4, 8)));
      titleLabel.setFont(titleLabel.getFont().deriveFont(Font.BOLD));
      titleLabel.setHorizontalAlignment(SwingConstants.CENTER);
      legend.setOpaque(false);
      noteLabel.setOpaque(false);
      noteLabel.setBorder(BorderFactory.createEmptyBorder(10, 20, 10, 20));
      center.setOpaque(false);
      center.add(plot, "plot");
      center.add(noteLabel, "note");
      JLabel xCaption = new JLabel("epoch", SwingConstants.CENTER);
      xCaption.setFont(xCaption.getFont().deriveFont(Font.PLAIN));
      bottom.setOpaque(false);
      bottom.add(xCaption, BorderLayout.NORTH);
      bottom.add(legend, BorderLayout.CENTER);
      add(titleLabel, BorderLayout.NORTH);
      add(center, BorderLayout.CENTER);
      add(bottom, BorderLayout.SOUTH);
      new PrintableComponent(plot);
      ToolTipManager.sharedInstance().registerComponent(plot);
    }

    /**
     * Draws the series of {@code data}, the k-th series in {@code colours[k]}; with {@code
     * fromZero} the y axis starts at 0, {@code ceil} caps the padding above the data.
     */
    void show(String title, Instances data, Color[] colours, boolean log10, boolean fromZero,
        double ceil) {
      titleLabel.setText(title);
      legend.removeAll();
      plot.removeAllPlots();
      plot.markers.clear();
      plot.log10 = log10;
      plot.fromZero = fromZero;
      plot.ceil = ceil;
      List<Instances> parts = BackpropMLPCurveData.split(data);
      if (parts.isEmpty()) {
        note(title, log10 ? "No values above 0 to plot on a log10 scale (zero gradients have no"
            + " logarithm): untick the log10 scale to see them." : "No finite values to plot.");
        return;
      }
      weka.core.Attribute series = data.attribute(BackpropMLPCurveData.SERIES);
      // two entries in a row; three (the loss chart's best-epoch marker among them) in two
      // rows of two, since a wrapped FlowLayout row is cut off below the chart (at the GUI
      // Chooser's 1024 x 768 the marker's entry went missing); more (deep networks) in rows of
      // three
      legend.setLayout(parts.size() <= 2 ? new FlowLayout(FlowLayout.CENTER, 12, 0)
          : new GridLayout(0, parts.size() == 3 ? 2 : 3, 12, 0));
      int epochs = 0;
      try {
        for (Instances part : parts) {
          int k = series.indexOfValue(part.relationName());
          Color colour = colours[Math.min(k, colours.length - 1)];
          boolean marker = colour == MARKER;
          PlotData2D pd = new PlotData2D(part);
          pd.setPlotName(part.relationName());
          pd.setCustomColour(colour);
          pd.m_displayAllPoints = true;
          // Plot2D draws a marker shape at every point; lines alone read better for long
          // runs. It draws no shape for a negative type other than CONST_AUTOMATIC_SHAPE
          // (PlotData2D itself uses -2 for negative-weight instances).
          boolean lineOnly = marker || part.numInstances() > 40;
          boolean[] connect = new boolean[part.numInstances()];
          int[] sizes = new int[part.numInstances()];
          int[] shapes = new int[part.numInstances()];
          for (int i = 0; i < connect.length; i++) {
            connect[i] = i > 0 && part.instance(i).value(0) - part.instance(i - 1).value(0) <= 1;
            sizes[i] = 2;
            shapes[i] = lineOnly ? NO_SHAPE : Plot2D.CONST_AUTOMATIC_SHAPE;
          }
          pd.setConnectPoints(connect);
          pd.setShapeSize(sizes);
          pd.setShapeType(shapes);
          if (marker) {
            plot.markers.add(pd);
          } else {
            epochs = Math.max(epochs, part.numInstances());
          }
          plot.addPlot(pd);
          legend.add(legendEntry(part.relationName(), colour, marker));
        }
        plot.setXindex(0);
        plot.setYindex(1);
      } catch (Exception ex) {
        note(title, "Cannot plot: " + ex.getMessage());
        return;
      }
      showingPlot = true;
      bottom.setVisible(true);
      cards.show(center, "plot");
      legend.revalidate();
      revalidate();
      repaint();
    }

    /** Shows a note instead of curves. */
    void note(String title, String html) {
      titleLabel.setText(title);
      legend.removeAll();
      plot.removeAllPlots();
      plot.markers.clear();
      noteLabel.setText("<html><center>" + html);
      showingPlot = false;
      bottom.setVisible(false);
      cards.show(center, "note");
      revalidate();
      repaint();
    }

    private static JLabel legendEntry(String text, Color colour, boolean marker) {
      JLabel l = new JLabel(text, new LineIcon(colour, marker), SwingConstants.LEFT);
      l.setForeground(new Color(0x303030));
      return l;
    }
  }

  /** A short horizontal (or, for the marker, vertical) line in a legend. */
  private static final class LineIcon implements Icon {

    private final Color colour;
    private final boolean vertical;

    LineIcon(Color colour, boolean vertical) {
      this.colour = colour;
      this.vertical = vertical;
    }

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
      Graphics2D g2 = (Graphics2D) g.create();
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(colour);
      g2.setStroke(new BasicStroke(2.5f));
      if (vertical) {
        g2.drawLine(x + 9, y + 1, x + 9, y + getIconHeight() - 1);
      } else {
        int mid = y + getIconHeight() / 2;
        g2.drawLine(x + 1, mid, x + getIconWidth() - 1, mid);
      }
      g2.dispose();
    }

    @Override
    public int getIconWidth() {
      return 18;
    }

    @Override
    public int getIconHeight() {
      return 12;
    }
  }

  /**
   * Weka's {@link Plot2D} with a white background, antialiased thicker lines, padded y bounds
   * (from zero where asked, capped at a ceiling, widened around a constant series) and a
   * tooltip with the values at the nearest epoch.
   */
  static final class CurvePlot extends Plot2D {

    private static final long serialVersionUID = 1L;

    final Set<PlotData2D> markers = new HashSet<>();
    boolean log10;
    boolean fromZero;
    double ceil = Double.POSITIVE_INFINITY;

    CurvePlot() {
      m_axisColour = new Color(0x404040);
      m_backgroundColour = Color.WHITE;
      setBackground(Color.WHITE);
    }

    /** @return the smallest and largest value of column {@code index} over all plots */
    private double[] range(int index) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (PlotData2D p : m_plots) {
        Instances d = p.getPlotInstances();
        for (int i = 0; i < d.numInstances(); i++) {
          double v = d.instance(i).value(index);
          if (!Double.isNaN(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      return new double[] {lo, hi};
    }

    @Override
    public void determineBounds() {
      if (m_plots.isEmpty()) {
        return;
      }
      super.determineBounds();
      // Plot2D widens a constant range by +-0.05 whatever the scale, and does so for the
      // best-epoch marker's single x, which put the epoch axis at 1 .. 30.05 when the best
      // epoch was the last; redo both ranges from the data here
      double[] x = range(m_xIndex);
      if (x[0] < x[1]) {
        m_minX = x[0];
        m_maxX = x[1];
      }
      double[] y = range(m_yIndex);
      double lo = y[0];
      double hi = y[1];
      if (lo > hi) {
        return;
      }
      if (fromZero) {
        lo = Math.min(lo, 0);
      }
      double dataLo = lo;
      double dataHi = hi;
      double span = hi - lo;
      if (span <= 1e-12 * Math.max(1, Math.abs(hi))) {
        span = Math.abs(hi) > 0 ? Math.abs(hi) * 0.2 : 1;
        lo -= span / 2;
        hi += span / 2;
      } else {
        lo -= span * 0.04;
        hi += span * 0.04;
      }
      // never cut off data: zero and the ceiling only limit the padding
      m_minY = fromZero && dataLo >= 0 ? Math.max(lo, 0) : lo;
      m_maxY = Math.min(hi, Math.max(ceil, dataHi));
      m_axisChanged = true;
      repaint();
    }

    @Override
    public void paintComponent(Graphics g) {
      Graphics2D g2 = (Graphics2D) g.create();
      try {
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
            RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        super.paintComponent(g2);
      } finally {
        g2.dispose();
      }
    }

    @Override
    public String getToolTipText(MouseEvent e) {
      if (m_plots.isEmpty() || e.getX() < m_XaxisStart || e.getX() > m_XaxisEnd) {
        return null;
      }
      double epoch = Math.round(convertToAttribX(e.getX()));
      StringBuilder sb = new StringBuilder("<html><b>epoch ").append((long) epoch).append("</b>");
      for (PlotData2D p : m_plots) {
        if (markers.contains(p)) {
          continue;
        }
        Instances d = p.getPlotInstances();
        for (int i = 0; i < d.numInstances(); i++) {
          if (d.instance(i).value(0) == epoch) {
            double v = d.instance(i).value(1);
            sb.append("<br>").append(escape(p.getPlotName())).append(": ")
                .append(log10 ? String.format(Locale.ROOT, "%.3g (log10 %.2f)", Math.pow(10, v), v)
                    : String.format(Locale.ROOT, "%.4g", v));
            break;
          }
        }
      }
      return sb.append("<br><i>Alt+Shift+click saves this chart as an image</i>").toString();
    }
  }
}
