package weka.classifiers.functions.backprop.train;

import weka.classifiers.functions.backprop.optim.OptimizerType;

/**
 * The hyper-parameters of a training run, immutable and validated once, when {@link
 * Builder#build()} makes it: every engine class can read it without checking again.
 *
 * <p>The defaults here are a single training run's: the classifier's where it has one value
 * (epochs, optimizer, momentum, patience, schedule), none where the classifier chooses (no L2
 * penalty where it picks one among candidates, no dropout where its automatic rule decides, one
 * thread where it takes every processor), and for the mini-batch and learning rate {@link
 * AutoSettings}'s values for data of unknown size. Validation is declared in one place, {@link
 * Builder#build()}, as scikit-learn's {@code _parameter_constraints} does; a violation raises an
 * {@link IllegalArgumentException} that names the engine's parameter and the value, which the
 * Weka side never lets through (it checks each option when it is set, with the option's flag).
 */
public final class TrainerConfig implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Default maximum number of epochs. */
  public static final int DEFAULT_EPOCHS = 100;
  /** Default SGD momentum μ. */
  public static final double DEFAULT_MOMENTUM = 0.9;
  /** Default early-stopping patience in epochs. */
  public static final int DEFAULT_PATIENCE = 20;
  /** Default seed of every random stream. */
  public static final int DEFAULT_SEED = 1;
  /** Default update rule. */
  public static final OptimizerType DEFAULT_OPTIMIZER = OptimizerType.ADAM;
  /** Default learning-rate schedule. */
  public static final Schedule DEFAULT_SCHEDULE = Schedule.COSINE;

  private final int epochs;
  private final int miniBatch;
  private final double learningRate;
  private final OptimizerType optimizer;
  private final double momentum;
  private final boolean nesterov;
  private final double l1;
  private final double l2;
  private final double clipNorm;
  private final double validationFraction;
  private final int patience;
  private final long seed;
  private final double dropout;
  private final Schedule schedule;
  private final int warmup;
  private final int threads;
  private final boolean lazyFirstLayer;

  private TrainerConfig(Builder b) {
    epochs = b.epochs;
    miniBatch = b.miniBatch;
    learningRate = b.learningRate;
    optimizer = b.optimizer;
    momentum = b.momentum;
    nesterov = b.nesterov;
    l1 = b.l1;
    l2 = b.l2;
    clipNorm = b.clipNorm;
    validationFraction = b.validationFraction;
    patience = b.patience;
    seed = b.seed;
    dropout = b.dropout;
    schedule = b.schedule;
    warmup = b.warmup;
    threads = b.threads;
    lazyFirstLayer = b.lazyFirstLayer;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to derive a variant of it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.miniBatch = miniBatch;
    b.learningRate = learningRate;
    b.optimizer = optimizer;
    b.momentum = momentum;
    b.nesterov = nesterov;
    b.l1 = l1;
    b.l2 = l2;
    b.clipNorm = clipNorm;
    b.validationFraction = validationFraction;
    b.patience = patience;
    b.seed = seed;
    b.dropout = dropout;
    b.schedule = schedule;
    b.warmup = warmup;
    b.threads = threads;
    b.lazyFirstLayer = lazyFirstLayer;
    return b;
  }

  /**
   * Whether a step on a sparse input batch updates only the first-layer weights of the columns
   * present in the batch (see {@link LazyFirstLayer}); false: every weight, every step.
   */
  public boolean lazyFirstLayer() {
    return lazyFirstLayer;
  }

  /** Maximum number of passes over the training data. */
  public int epochs() {
    return epochs;
  }

  /** Examples per gradient step. */
  public int miniBatch() {
    return miniBatch;
  }

  /** Base learning rate η, before the schedule. */
  public double learningRate() {
    return learningRate;
  }

  /** The update rule. */
  public OptimizerType optimizer() {
    return optimizer;
  }

  /** SGD momentum μ. */
  public double momentum() {
    return momentum;
  }

  /** Whether SGD uses Nesterov's form of momentum. */
  public boolean nesterov() {
    return nesterov;
  }

  /** L1 penalty λ₁ on the weights. */
  public double l1() {
    return l1;
  }

  /** L2 penalty λ₂ on the weights (decoupled weight decay for ADAMW). */
  public double l2() {
    return l2;
  }

  /** Maximum global gradient norm; 0 = no clipping. */
  public double clipNorm() {
    return clipNorm;
  }

  /** Fraction of the rows held out for early stopping; 0 = none. */
  public double validationFraction() {
    return validationFraction;
  }

  /** Epochs without a lower validation loss before training stops. */
  public int patience() {
    return patience;
  }

  /** Seed of every random stream (initial weights, shuffling, holdout, dropout). */
  public long seed() {
    return seed;
  }

  /** Dropout probability of hidden units during training; 0 = off. */
  public double dropout() {
    return dropout;
  }

  /** Learning-rate schedule over the epochs. */
  public Schedule schedule() {
    return schedule;
  }

  /** Epochs of linear learning-rate warm-up. */
  public int warmup() {
    return warmup;
  }

  /** Threads for the passes (the result does not depend on it). */
  public int threads() {
    return threads;
  }

  /** Fluent, mutable holder of the values; {@link #build()} validates them all. */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int miniBatch = AutoSettings.miniBatch(AutoSettings.UNKNOWN_ROWS);
    private double learningRate = AutoSettings.learningRate(AutoSettings.UNKNOWN_ROWS);
    private OptimizerType optimizer = DEFAULT_OPTIMIZER;
    private double momentum = DEFAULT_MOMENTUM;
    private boolean nesterov;
    private double l1;
    private double l2;
    private double clipNorm;
    private double validationFraction;
    private int patience = DEFAULT_PATIENCE;
    private long seed = DEFAULT_SEED;
    private double dropout;
    private Schedule schedule = DEFAULT_SCHEDULE;
    private int warmup;
    private int threads = 1;
    private boolean lazyFirstLayer;

    private Builder() {}

    /**
     * Sets whether a sparse batch updates only its non-zero columns' first-layer weights (default
     * off), so a step on wide sparse data costs its non-zeros rather than all those weights.
     *
     * @param v whether a sparse batch updates only its columns' first-layer weights ({@link
     *     LazyFirstLayer}); no effect on dense batches
     */
    public Builder lazyFirstLayer(boolean v) {
      lazyFirstLayer = v;
      return this;
    }

    /**
     * Sets the most epochs training may run (default {@link #DEFAULT_EPOCHS}); {@link #build()}
     * refuses fewer than one.
     *
     * @param v maximum number of passes over the training data, at least 1
     */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /**
     * Sets the mini-batch size (default: {@link AutoSettings}'s for data of unknown size); {@link
     * #build()} refuses fewer than 1.
     *
     * @param v examples per gradient step, at least 1
     */
    public Builder miniBatch(int v) {
      miniBatch = v;
      return this;
    }

    /**
     * Sets the base learning rate, which the schedule and warm-up scale per epoch; {@link #build()}
     * refuses 0, negatives, NaN and infinities.
     *
     * @param v base learning rate η, finite and positive
     */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /**
     * Sets the update rule (default {@link #DEFAULT_OPTIMIZER}); {@link #build()} refuses null.
     *
     * @param v the update rule
     */
    public Builder optimizer(OptimizerType v) {
      optimizer = v;
      return this;
    }

    /**
     * Sets SGD's momentum (default {@link #DEFAULT_MOMENTUM}; other optimizers ignore it); {@link
     * #build()} refuses values outside [0, 1).
     *
     * @param v SGD momentum μ in [0, 1)
     */
    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    /**
     * Sets whether SGD with momentum takes Nesterov's look-ahead form (default off).
     *
     * @param v Nesterov form of SGD momentum
     */
    public Builder nesterov(boolean v) {
      nesterov = v;
      return this;
    }

    /**
     * Sets the L1 penalty on the weights (default 0, none); {@link #build()} refuses negatives, NaN
     * and infinities.
     *
     * @param v L1 penalty λ₁, finite and ≥ 0
     */
    public Builder l1(double v) {
      l1 = v;
      return this;
    }

    /**
     * Sets the L2 penalty on the weights (default 0, none); {@link #build()} refuses negatives, NaN
     * and infinities.
     *
     * @param v L2 penalty λ₂ (decoupled decay for ADAMW), finite and ≥ 0
     */
    public Builder l2(double v) {
      l2 = v;
      return this;
    }

    /**
     * Sets the gradient norm beyond which a step's gradient is scaled down (default 0, no
     * clipping); {@link #build()} refuses negatives, NaN and infinities.
     *
     * @param v maximum global gradient norm, finite and ≥ 0; 0 = no clipping
     */
    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    /**
     * Sets the fraction of the rows held out to pick the best epoch and stop early (default 0,
     * none); {@link #build()} refuses values outside [0, 1).
     *
     * @param v fraction in [0, 1) held out for early stopping
     */
    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    /**
     * Sets how many epochs without a lower validation loss end training (default {@link
     * #DEFAULT_PATIENCE}); {@link #build()} refuses fewer than 1.
     *
     * @param v epochs without validation improvement before stopping, at least 1
     */
    public Builder patience(int v) {
      patience = v;
      return this;
    }

    /**
     * Sets the seed of initial weights, shuffling, holdout and dropout (default {@link
     * #DEFAULT_SEED}), so a run can be repeated exactly; any value is accepted.
     *
     * @param v seed of every random stream
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * Sets the dropout probability of hidden units during training (default 0, off); {@link
     * #build()} refuses values outside [0, 1).
     *
     * @param v dropout probability on hidden units, in [0, 1)
     */
    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    /**
     * Sets how the learning rate changes over the epochs (default {@link #DEFAULT_SCHEDULE});
     * {@link #build()} refuses null.
     *
     * @param v learning-rate schedule
     */
    public Builder schedule(Schedule v) {
      schedule = v;
      return this;
    }

    /**
     * Sets the epochs over which the learning rate rises linearly at the start (default 0); {@link
     * #build()} refuses negatives.
     *
     * @param v linear warm-up epochs, at least 0
     */
    public Builder warmup(int v) {
      warmup = v;
      return this;
    }

    /**
     * Sets the threads of the forward and backward passes (default 1), which do not change the
     * result; {@link #build()} refuses fewer than 1.
     *
     * @param v threads for forward and backward passes, at least 1
     */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * Validates every value and makes the configuration.
     *
     * @return the immutable configuration
     * @throws IllegalArgumentException naming the first parameter out of its range
     */
    public TrainerConfig build() {
      atLeast("epochs", epochs, 1);
      atLeast("miniBatch", miniBatch, 1);
      atLeast("patience", patience, 1);
      atLeast("warmup", warmup, 0);
      atLeast("threads", threads, 1);
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw invalid("learningRate", "a finite number > 0", learningRate);
      }
      unitInterval("momentum", momentum);
      unitInterval("validationFraction", validationFraction);
      unitInterval("dropout", dropout);
      nonNegativeFinite("l1", l1);
      nonNegativeFinite("l2", l2);
      nonNegativeFinite("clipNorm", clipNorm);
      if (optimizer == null || schedule == null) {
        throw invalid(optimizer == null ? "optimizer" : "schedule", "set", null);
      }
      return new TrainerConfig(this);
    }

    private static void atLeast(String name, int v, int min) {
      if (v < min) {
        throw invalid(name, "an integer >= " + min, v);
      }
    }

    private static void unitInterval(String name, double v) {
      if (!(v >= 0 && v < 1)) {
        throw invalid(name, "in [0, 1)", v);
      }
    }

    private static void nonNegativeFinite(String name, double v) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw invalid(name, "a finite number >= 0", v);
      }
    }

    private static IllegalArgumentException invalid(String name, String what, Object got) {
      return new IllegalArgumentException(
          "training parameter " + name + " must be " + what + ", got " + got);
    }
  }
}
