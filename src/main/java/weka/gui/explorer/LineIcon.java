package weka.gui.explorer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;

/** A short horizontal (or, for the marker, vertical) line in a legend. */
final class LineIcon implements Icon {

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
