package weka.gui.explorer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BorderLayout;
import java.awt.Component;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import org.junit.jupiter.api.Test;

/**
 * The heading and summary take the height their wrapped text needs at the width they get, also
 * after the window narrows: the heading had kept the one-line height of a wider window, and the
 * summary was painted over its second line (an Explorer of 640 × 480).
 */
class CurvesHeadingTest {

  @Test
  void narrowingWrapsTheHeadingWithoutCoveringTheSummary() {
    JPanel view = new JPanel(new BorderLayout());
    CurvesHeading top = new CurvesHeading();
    view.add(top, BorderLayout.NORTH);
    String head = "12:34:56 - functions.BackpropMLP on pima_diabetes: 8-[16 RELU]-[8 RELU]-2"
        + " SOFTMAX + CROSS_ENTROPY";
    top.show(head, "30 epochs, best epoch 15: validation loss 0.4887, validation accuracy 0.7792");
    int previous = 0;
    for (int width : new int[] {1200, 640, 300}) {
      view.setSize(width, 600);
      view.doLayout();
      top.doLayout();
      Component heading = top.getComponent(0);
      Component summary = top.getComponent(1);
      int needed = wrappedHeight((JTextArea) heading, heading.getWidth());
      assertTrue(heading.getHeight() >= needed,
          width + ": " + heading.getHeight() + " < " + needed);
      assertTrue(summary.getY() >= heading.getY() + heading.getHeight(), "at " + width);
      assertTrue(top.getHeight() >= previous, "narrower, not shorter, at " + width);
      previous = top.getHeight();
    }
  }

  /** @return the height a copy of {@code a} needs wrapped at {@code width} */
  private static int wrappedHeight(JTextArea a, int width) {
    JTextArea copy = new JTextArea(a.getText());
    copy.setFont(a.getFont());
    copy.setLineWrap(true);
    copy.setWrapStyleWord(true);
    copy.setBorder(a.getBorder());
    copy.setSize(width, Short.MAX_VALUE);
    return copy.getPreferredSize().height;
  }
}
