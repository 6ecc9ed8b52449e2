package weka.classifiers.functions.backpropmlp;

import java.util.function.BooleanSupplier;
import weka.classifiers.functions.backprop.model.Loss;
import weka.classifiers.functions.backprop.model.Network;
import weka.classifiers.functions.backprop.train.AutoSettings;
import weka.classifiers.functions.backprop.train.Dataset;
import weka.classifiers.functions.backprop.train.PenaltySelection;
import weka.classifiers.functions.backprop.train.Trainer;
import weka.classifiers.functions.backprop.train.TrainerConfig;
import weka.core.Instances;

/**
 * A build on a data set: the instances encoded, the network built, λ₂ chosen among candidates
 * when {@code -l2} lists several, and the final trainer set up, on a fresh network or, on 1,000
 * rows or more whose candidates train on at most 10,000 and without {@code -validation}, on the
 * chosen candidate's ({@link #continuedEpochs}), whose epochs the caller runs ({@code next()});
 * or the {@link weka.classifiers.rules.ZeroR} fallback when the data leave no input column.
 */
public final class BatchBuild {

  private final BackpropMLPOptions options;
  private final Instances train;
  private final Dataset data;
  private final int inputs;
  private final TextSettings text;
  /** Whether the sparse route standardizes numeric inputs (then trained as densely). */
  private final boolean centred;

  private BatchBuild(BackpropMLPOptions options, Instances train, Dataset data,
      InstanceEncoder enc) {
    this.options = options;
    this.train = train;
    this.data = data;
    this.inputs = enc.width();
    this.centred = enc.centresNumbers();
    this.text = TextSettings.of(options, data, centred);
  }

  /**
   * Prepares the training of a model on {@code data}.
   *
   * @param options the options
   * @param data the training data, at least one row
   * @param wholeBuild whether the caller runs every epoch at once ({@code buildClassifier}): the
   *     final training may then run alongside the λ₂ candidates (see {@link
   *     PenaltySelection#select(double[], java.util.function.Supplier, TrainerConfig, Dataset,
   *     double, PenaltySelection.FinalTraining)}); not with debug output, which prints the
   *     epochs one by one as they run
   * @return the session holding the model and the trainer of its epochs
   * @throws Exception if the data cannot be used, with the reason
   */
  public static TrainingSession fit(BackpropMLPOptions options, Instances data,
      boolean wholeBuild) throws Exception {
    Instances train = new Instances(data);
    train.deleteWithMissingClass();
    if (train.numInstances() == 0) {
      throw DataChecks.noLabelledRows(data);
    }
    options.getLoss().resolve(train.classAttribute().isNominal()); // refuse a bad loss first
    Instances header = new Instances(train, 0);
    InstanceEncoder enc = SparseEncoding.fit(train, options.getNormalization());
    if (enc.width() == 0) {
      // Nothing to learn from but the class distribution: predict it, as ZeroR does.
      return TrainingSession.of(options, FittedModel.fallback(header, TargetEncoder.zeroR(train)));
    }
    int n = train.numInstances();
    if (enc.isSparse()) {
      SparseMemoryCheck.refuseBeyondHeap(options, enc, train); // before anything large exists
    }
    Network net =
        NetworkFactory.create(options, enc.width(), enc.width(), enc.isSparse(), train, n);
    Loss loss = net.outputLayer().loss();
    TargetEncoder tgt = TargetEncoder.fit(train, net.outputs(),
        loss == Loss.ABSOLUTE_ERROR || loss == Loss.HUBER);
    Dataset dataset =
        DatasetEncoding.encode(train, enc, tgt, net.outputs(), options.getClassWeights());
    BatchBuild build = new BatchBuild(options, train, dataset, enc);

    double l2 = build.text.fixedL2(options);
    PenaltySelection selection = null;
    Trainer epochs = null;
    double[] candidates = build.text.l2Candidates(options);
    if (candidates.length > 1) {
      TrainerConfig full = build.config().build();
      int continued = continuedEpochs(full, dataset.rows(), options.selectionHoldout());
      // a final training that continues from the chosen candidate cannot start before it
      SpeculativeRun speculative = wholeBuild && !options.getDebug() && continued == 0
          ? build.new SpeculativeRun() : null;
      TrainerConfig ranking = candidateConfig(full, dataset.rows(), options.selectionHoldout());
      selection = PenaltySelection.select(candidates, build::freshNetwork, ranking, dataset,
          options.selectionHoldout(), speculative, continued > 0);
      l2 = selection.chosen();
      epochs = speculative == null ? null : speculative.ifChosen(selection);
      Network chosen = continued > 0 ? selection.takeChosenNetwork() : null;
      if (chosen != null) {
        epochs = new Trainer(chosen, full.toBuilder().l2(l2).epochs(continued).build(), dataset);
      }
    }
    if (epochs == null) {
      epochs = new Trainer(net, build.config().l2(l2).build(), dataset);
    }
    FittedModel model =
        FittedModel.batch(header, enc, tgt, epochs, selection, l2, n).withText(build.text);
    if (epochs.epochsRun() == 0) { // Weka's IterativeClassifier may predict before next()
      model.markNetworkUntrained();
    }
    return new TrainingSession(options, model, epochs).rememberingRows(data);
  }

  /**
   * The configuration the λ₂ candidates train with: they only rank the penalties, which a
   * shortened schedule does, with its patience shortened alike, and on large data fewer epochs
   * still ({@link AutoSettings#selectionEpochs}); a batch build's and a stream's reservoir alike.
   *
   * @param full the final training's configuration
   * @param rows rows of the data the candidates split
   * @param holdout the fraction held out to compare them
   * @return the candidates' configuration
   */
  static TrainerConfig candidateConfig(TrainerConfig full, int rows, double holdout) {
    return full.toBuilder()
        .epochs(AutoSettings.selectionEpochs(full.epochs(), candidateRows(rows, holdout)))
        .patience(AutoSettings.selectionPatience(full.patience()))
        .build();
  }

  /**
   * Epochs of a final training that continues from the chosen candidate's network ({@link
   * AutoSettings#continuedEpochs}), or 0 for a fresh one; always a fresh one when the final
   * training holds out validation rows of its own: they are the rows the candidates were
   * compared and stopped on, which would then steer the same run twice.
   *
   * @param full the final training's configuration
   * @param rows the training rows
   * @param holdout the fraction held out to compare the candidates
   * @return the continued training's epochs, or 0
   */
  static int continuedEpochs(TrainerConfig full, int rows, double holdout) {
    if (full.validationFraction() > 0) {
      return 0;
    }
    return AutoSettings.continuedEpochs(full.epochs(), rows, candidateRows(rows, holdout));
  }

  /** @return the rows each λ₂ candidate trains on: the data less the holdout, rounded */
  private static int candidateRows(int rows, double holdout) {
    return (int) Math.round(rows * (1 - holdout));
  }

  /** @return a freshly initialized network (the same one every call) */
  private Network freshNetwork() {
    return NetworkFactory.create(options, inputs, inputs, data.isSparse(), train, data.rows());
  }

  /** @return the engine's configuration for this data set, text settings included */
  private TrainerConfig.Builder config() {
    return text.apply(EngineConfig.of(options, data.rows(), inputs))
        .lazyFirstLayer(SparseEncoding.lazyUpdate(data.isSparse(), inputs, centred));
  }

  /**
   * The final training, run by the selection alongside the candidates with the strongest one:
   * it trains a fresh network to the end and keeps it for the build, which uses it if that
   * candidate is chosen and trains again otherwise. Not where the final training continues from
   * the chosen candidate, which only the end of the selection names.
   */
  private final class SpeculativeRun implements PenaltySelection.FinalTraining {
    private Trainer trained;

    @Override
    public void train(double l2) throws InterruptedException {
      train(l2, () -> true);
    }

    @Override
    public void train(double l2, BooleanSupplier wanted)
        throws InterruptedException {
      Trainer t = new Trainer(freshNetwork(), config().l2(l2).build(), data);
      boolean more = true;
      while (more && wanted.getAsBoolean()) {
        more = t.runEpoch(); // all epochs, as next() would run them, unless no longer wanted
      }
      trained = more ? null : t;
    }

    /** @return the trained run if the selection chose its λ₂, else null */
    Trainer ifChosen(PenaltySelection selection) {
      return selection.speculated() == selection.chosen() ? trained : null;
    }
  }
}
