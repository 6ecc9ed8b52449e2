package weka.classifiers.functions.backpropmlp;

import java.io.Serializable;

/**
 * What {@code -resume} did to a model, for its description: the epoch budgets of the
 * continuations of its training, the options set since the build that a continuation did not
 * take (it goes on with the build's network, optimizer and settings and takes only {@code
 * -epochs}), or why it trained afresh though asked to continue. Why a record of its own: a
 * continued model's "Options:" line shows the build's options, and a reader should not have to
 * guess that 13 epochs were 5 + 5 + 3, or that a -hidden typed since did not act.
 */
public final class ResumeLog implements Serializable {

  private static final long serialVersionUID = 1L;

  /** e.g. {@code +5, +3}; null until the training is continued. */
  private String continuations;
  /** e.g. {@code -hidden 32 (was auto)}; null if the latest continuation took every option. */
  private String notApplied;
  /** Why the model was trained afresh; null if it was not. */
  private String afresh;

  /**
   * Records a continuation.
   *
   * @param trained the options the model was built with, or null if unknown
   * @param now the classifier's options when the training continued
   * @param moreEpochs the epochs the continuation may add
   */
  void continued(String[] trained, String[] now, int moreEpochs) {
    continuations = (continuations == null ? "" : continuations + ", ") + "+" + moreEpochs;
    String changes = trained == null ? "" : OptionChanges.notApplied(trained, now);
    notApplied = changes.isEmpty() ? null : changes;
  }

  /**
   * Records why the model was trained afresh though {@code -resume} asked to continue.
   *
   * @param reason why nothing could be continued
   */
  void trainedAfresh(String reason) {
    afresh = reason;
  }

  /**
   * The options changed since the build that the latest continuation ignored, so the description
   * can warn that they did not act.
   *
   * @return the options set since the build that the latest continuation did not take, or null
   */
  public String notApplied() {
    return notApplied;
  }

  /** @return the description's lines on what -resume did; empty if nothing */
  String note() {
    return (continuations == null ? "" : "\nContinued (-resume) by up to " + continuations
        + " epochs after the build; the options above are the build's.\n")
        + (notApplied == null ? "" : "\nNot applied to the continued epochs (-resume goes on with"
        + " the options above and takes only -epochs; a new build applies them): " + notApplied
        + "\n")
        + (afresh == null ? "" : "\nTrained afresh, though -resume asked to continue: " + afresh
        + ".\n");
  }
}
