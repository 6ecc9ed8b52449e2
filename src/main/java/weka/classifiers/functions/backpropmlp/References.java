package weka.classifiers.functions.backpropmlp;

import weka.core.TechnicalInformation;

/**
 * The papers behind BackpropMLP (backpropagation, the optimizers, the initializations, gradient
 * clipping and dropout), which Weka's GUI shows and {@code globalInfo} cites; kept here so the
 * classifier class stays a thin delegate.
 */
public final class References {

  private References() {}

  /**
   * The papers this classifier builds on, for Weka's {@code getTechnicalInformation()}.
   *
   * @return the references: backpropagation first, each further paper an addition to it
   */
  public static TechnicalInformation papers() {
    TechnicalInformation info = new TechnicalInformation(TechnicalInformation.Type.ARTICLE);
    info.setValue(TechnicalInformation.Field.AUTHOR,
        "D. E. Rumelhart and G. E. Hinton and R. J. Williams");
    info.setValue(TechnicalInformation.Field.TITLE,
        "Learning representations by back-propagating errors");
    info.setValue(TechnicalInformation.Field.JOURNAL, "Nature");
    info.setValue(TechnicalInformation.Field.VOLUME, "323");
    info.setValue(TechnicalInformation.Field.PAGES, "533-536");
    info.setValue(TechnicalInformation.Field.YEAR, "1986");
    addPaper(info, "D. P. Kingma and J. Ba", "Adam: A Method for Stochastic Optimization",
        "International Conference on Learning Representations (ICLR)", "2015");
    addPaper(info, "I. Loshchilov and F. Hutter", "Decoupled Weight Decay Regularization",
        "International Conference on Learning Representations (ICLR)", "2019");
    addPaper(info, "I. Sutskever and J. Martens and G. Dahl and G. Hinton",
        "On the importance of initialization and momentum in deep learning",
        "International Conference on Machine Learning (ICML)", "2013");
    addPaper(info, "X. Glorot and Y. Bengio",
        "Understanding the difficulty of training deep feedforward neural networks",
        "International Conference on Artificial Intelligence and Statistics (AISTATS)", "2010");
    addPaper(info, "K. He and X. Zhang and S. Ren and J. Sun",
        "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet"
            + " Classification",
        "IEEE International Conference on Computer Vision (ICCV)", "2015");
    addPaper(info, "R. Pascanu and T. Mikolov and Y. Bengio",
        "On the difficulty of training recurrent neural networks",
        "International Conference on Machine Learning (ICML)", "2013");
    addPaper(info,
        "N. Srivastava and G. Hinton and A. Krizhevsky and I. Sutskever and R. Salakhutdinov",
        "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
        "Journal of Machine Learning Research 15:1929-1958", "2014");
    return info;
  }

  private static void addPaper(TechnicalInformation info, String author, String title,
      String venue, String year) {
    TechnicalInformation t = info.add(TechnicalInformation.Type.INPROCEEDINGS);
    t.setValue(TechnicalInformation.Field.AUTHOR, author);
    t.setValue(TechnicalInformation.Field.TITLE, title);
    t.setValue(TechnicalInformation.Field.BOOKTITLE, venue);
    t.setValue(TechnicalInformation.Field.YEAR, year);
  }
}
