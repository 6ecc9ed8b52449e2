package weka.gui.explorer;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.ToolTipManager;
import weka.core.Instances;
import weka.gui.visualize.Plot2D;
import weka.gui.visualize.PlotData2D;
import weka.gui.visualize.PrintableComponent;

/** One chart: a title, a {@link CurvePlot} or a note, a legend and the x-axis caption. */
final class CurveChart extends JPanel {

  private static final long serialVersionUID = 1L;

  /** Shape type for which {@link Plot2D} draws no marker, only the connecting line. */
  private static final int NO_SHAPE = -2;

  /** Colour of the best-epoch marker. */
  static final Color MARKER = new Color(0x909090);

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
