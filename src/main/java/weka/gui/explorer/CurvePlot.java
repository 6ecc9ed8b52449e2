package weka.gui.explorer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.MouseEvent;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import weka.core.Instances;
import weka.gui.visualize.Plot2D;
import weka.gui.visualize.PlotData2D;

/**
 * Weka's {@link Plot2D} with a white background, antialiased thicker lines, padded y bounds
 * (from zero where asked, capped at a ceiling, widened around a constant series) and a
 * tooltip with the values at the nearest epoch.
 */
final class CurvePlot extends Plot2D {

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

  /** {@code s} as HTML text: its {@code &}, {@code <} and {@code >} escaped. */
  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
