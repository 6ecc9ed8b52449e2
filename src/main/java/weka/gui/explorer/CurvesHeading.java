package weka.gui.explorer;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Insets;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;

/**
 * The MLP curves view's heading (the run and its architecture) and summary line: two read-only
 * lines in the label font that wrap at word boundaries and take the height their wrapped text
 * needs at the width they are given. Why: a wrapping {@link JTextArea} reports the height of the
 * width it had last; in a narrower Explorer (640 × 480) the heading wrapped onto a second line but
 * kept its one-line height, and the summary was painted over it.
 */
final class CurvesHeading extends JPanel {

  private static final long serialVersionUID = 1L;

  private final JTextArea heading = line(Font.BOLD);
  private final JTextArea summary = line(Font.PLAIN);

  /** An empty heading. */
  CurvesHeading() {
    super(new BorderLayout(0, 0));
    setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 2));
    add(heading, BorderLayout.NORTH);
    add(summary, BorderLayout.SOUTH);
    addComponentListener(new ComponentAdapter() {
      @Override
      public void componentResized(ComponentEvent e) {
        revalidate(); // a new width may wrap the lines otherwise
      }
    });
  }

  /**
   * Shows two lines, each also as its tool tip; a blank one keeps its height.
   *
   * @param head the heading, or null for none
   * @param line the summary, or null for none
   */
  void show(String head, String line) {
    heading.setText(head == null ? " " : head);
    heading.setToolTipText(head);
    summary.setText(line == null ? " " : line);
    summary.setToolTipText(line);
    revalidate();
  }

  /** The height the two lines need wrapped at the width this panel has (or its parent's). */
  @Override
  public Dimension getPreferredSize() {
    int width = getWidth() > 0 ? getWidth() : getParent() == null ? 0 : getParent().getWidth();
    if (width > 0) {
      Insets in = getInsets();
      int inner = Math.max(1, width - in.left - in.right);
      heading.setSize(inner, Short.MAX_VALUE); // lays the wrapped text out at this width
      summary.setSize(inner, Short.MAX_VALUE);
      return new Dimension(width, in.top + in.bottom + heading.getPreferredSize().height
          + summary.getPreferredSize().height);
    }
    return super.getPreferredSize();
  }

  /** @return a read-only text line in the label font that wraps at word boundaries */
  private static JTextArea line(int style) {
    JTextArea a = new JTextArea(" ");
    a.setFont(new JLabel().getFont().deriveFont(style));
    a.setEditable(false);
    a.setFocusable(false);
    a.setOpaque(false);
    a.setLineWrap(true);
    a.setWrapStyleWord(true);
    a.setBorder(BorderFactory.createEmptyBorder(1, 0, 1, 0));
    return a;
  }
}
