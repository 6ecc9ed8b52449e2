package weka.gui.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import weka.classifiers.functions.BackpropMLP;
import weka.classifiers.functions.backpropmlp.ModelView;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The data behind the BackpropMLP curve plots, as Weka {@link Instances} and without any GUI
 * code (so it can be built and tested headless).
 *
 * <p>Two shapes are produced:
 *
 * <ul>
 *   <li>the <em>epoch table</em> ({@link #epochTable}): one row per epoch with the columns
 *       {@code epoch, train_loss, validation_loss, validation_accuracy} (or {@code
 *       validation_rmse_standardized} for a numeric class), {@code learning_rate} and one {@code
 *       grad_norm_layerK} per weight layer; a value that was not measured (no holdout) is
 *       missing. This is what the "Visualize table" and "Save table" buttons show and write.
 *   <li>a <em>series table</em> ({@link #series}): the long form {@code epoch, value, series}
 *       of some columns of the epoch table, one row per epoch and column with a finite value.
 *       {@link #split} cuts it into one {@code Instances} per series, all with the same header,
 *       which is what {@link weka.gui.visualize.Plot2D} needs to draw several lines in one
 *       chart.
 * </ul>
 */
public final class BackpropMLPCurveData {

  /** Name of the epoch column (1-based epoch numbers). */
  public static final String EPOCH = "epoch";

  /** Name of the mean training loss column. */
  public static final String TRAIN_LOSS = "train_loss";

  /** Name of the validation loss column. */
  public static final String VALIDATION_LOSS = "validation_loss";

  /** Name of the validation metric column for a nominal class. */
  public static final String VALIDATION_ACCURACY = "validation_accuracy";

  /**
   * Name of the validation metric column for a numeric class: RMSE in units of the class's
   * standard deviation (the network is trained on the standardized target).
   */
  public static final String VALIDATION_RMSE = "validation_rmse_standardized";

  /** Name of the validation metric column when the class type is not known. */
  public static final String VALIDATION_METRIC = "validation_metric";

  /** Name of the learning-rate column. */
  public static final String LEARNING_RATE = "learning_rate";

  /** Prefix of the per-layer gradient-norm columns, followed by the 1-based layer number. */
  public static final String GRAD_NORM_PREFIX = "grad_norm_layer";

  /** Name of the value attribute of a series table. */
  public static final String VALUE = "value";

  /** Name of the nominal series attribute of a series table. */
  public static final String SERIES = "series";

  /** Column index of {@link #EPOCH} in the epoch table. */
  public static final int COL_EPOCH = 0;

  /** Column index of {@link #TRAIN_LOSS} in the epoch table. */
  public static final int COL_TRAIN_LOSS = 1;

  /** Column index of {@link #VALIDATION_LOSS} in the epoch table. */
  public static final int COL_VALIDATION_LOSS = 2;

  /** Column index of the validation metric in the epoch table. */
  public static final int COL_VALIDATION_METRIC = 3;

  /** Column index of {@link #LEARNING_RATE} in the epoch table. */
  public static final int COL_LEARNING_RATE = 4;

  /** Column index of the gradient norm of the first weight layer in the epoch table. */
  public static final int COL_FIRST_GRAD_NORM = 5;

  private BackpropMLPCurveData() {}

  /**
   * Builds the epoch table of a training record.
   *
   * @param h the model's view with its training record, see {@link BackpropMLP#getModelView()}
   * @param nominalClass {@code TRUE} if the class was nominal (the validation metric is
   *     accuracy), {@code FALSE} if numeric (standardized RMSE), {@code null} if unknown
   * @return one row per epoch, columns as described in the class comment
   */
  public static Instances epochTable(ModelView h, Boolean nominalClass) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute(EPOCH));
    atts.add(new Attribute(TRAIN_LOSS));
    atts.add(new Attribute(VALIDATION_LOSS));
    atts.add(new Attribute(metricColumnName(nominalClass)));
    atts.add(new Attribute(LEARNING_RATE));
    for (int l = 0; l < h.curveLayers(); l++) {
      atts.add(new Attribute(GRAD_NORM_PREFIX + (l + 1)));
    }
    Instances table = new Instances("BackpropMLP training history", atts, h.epochs());
    for (int e = 0; e < h.epochs(); e++) {
      double[] row = new double[atts.size()];
      row[COL_EPOCH] = e + 1;
      row[COL_TRAIN_LOSS] = finiteOrMissing(h.trainLoss(e));
      row[COL_VALIDATION_LOSS] = finiteOrMissing(h.validationLoss(e));
      row[COL_VALIDATION_METRIC] = finiteOrMissing(h.validationMetric(e));
      row[COL_LEARNING_RATE] = finiteOrMissing(h.learningRate(e));
      for (int l = 0; l < h.curveLayers(); l++) {
        row[COL_FIRST_GRAD_NORM + l] = finiteOrMissing(h.gradientNorm(e, l));
      }
      table.add(new DenseInstance(1.0, row));
    }
    return table;
  }

  /**
   * The epoch table of a trained model.
   *
   * @param model a trained BackpropMLP
   * @param header its training header (with class index), or null if unknown (the model then
   *     tells whether its class is nominal)
   * @return the epoch table
   * @throws IllegalArgumentException if the model has not been trained, or was trained row by
   *     row in a single pass (no epochs, so no curves)
   */
  public static Instances epochTable(BackpropMLP model, Instances header) {
    ModelView h = model.getModelView();
    if (h == null) {
      throw new IllegalArgumentException("the BackpropMLP has not been trained yet");
    }
    if (!h.hasTrainingCurves()) {
      // the Explorer tab's words (BackpropMLPResults): this had said "not trained yet" of a
      // model that predicts
      throw new IllegalArgumentException("the BackpropMLP has no epoch curves: it was trained row"
          + " by row in a single pass (no epochs over the data, e.g. -reservoir 0), or no epoch"
          + " has run yet");
    }
    Boolean nominal = nominalClass(header);
    return epochTable(h, nominal != null ? nominal : h.nominalClass());
  }

  /**
   * Whether a training header has a nominal class.
   *
   * @param header training header, may be null
   * @return TRUE/FALSE for a nominal/numeric class, null if the header or its class is unknown
   */
  public static Boolean nominalClass(Instances header) {
    if (header == null || header.classIndex() < 0) {
      return null;
    }
    return header.classAttribute().isNominal();
  }

  /**
   * Name of the validation-metric column.
   *
   * @param nominalClass see {@link #epochTable(ModelView, Boolean)}
   * @return {@link #VALIDATION_ACCURACY}, {@link #VALIDATION_RMSE} or {@link
   *     #VALIDATION_METRIC}
   */
  public static String metricColumnName(Boolean nominalClass) {
    if (nominalClass == null) {
      return VALIDATION_METRIC;
    }
    return nominalClass ? VALIDATION_ACCURACY : VALIDATION_RMSE;
  }

  /**
   * Whether any epoch has a validation loss, i.e. the model was trained with a holdout.
   *
   * @param table an epoch table
   * @return true if the validation columns hold values
   */
  public static boolean hasValidation(Instances table) {
    for (int i = 0; i < table.numInstances(); i++) {
      if (!table.instance(i).isMissing(COL_VALIDATION_LOSS)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Number of weight layers whose gradient norms the epoch table holds.
   *
   * @param table an epoch table
   * @return number of {@code grad_norm_layerK} columns
   */
  public static int numLayers(Instances table) {
    return table.numAttributes() - COL_FIRST_GRAD_NORM;
  }

  /**
   * Names for the gradient-norm series, e.g. {@code "layer 1: 4→64"}, using the network's
   * layer widths when the model's view is given.
   *
   * @param layers number of weight layers
   * @param net the trained model's view, or null
   * @return one name per weight layer
   */
  public static String[] layerNames(int layers, ModelView net) {
    String[] names = new String[layers];
    for (int l = 0; l < layers; l++) {
      names[l] = "layer " + (l + 1);
      if (net != null && net.numLayers() == layers) {
        names[l] += ": " + net.layerSize(l) + "\u2192" + net.layerSize(l + 1);
        if (l == layers - 1) {
          names[l] += " (output)";
        }
      }
    }
    return names;
  }

  /**
   * Builds a series table from columns of an epoch table: attributes {@code epoch}, {@code
   * value} and the nominal {@code series} whose values are {@code names}; one row per epoch and
   * column whose value is finite (and, with {@code log10}, positive), grouped by column in
   * epoch order.
   *
   * @param table an epoch table
   * @param relation relation name of the result
   * @param columns column indices in {@code table}
   * @param names one series name per column (distinct)
   * @param log10 whether to store {@code log10(value)} instead of the value
   * @return the series table
   */
  public static Instances series(
      Instances table, String relation, int[] columns, String[] names, boolean log10) {
    if (columns.length != names.length) {
      throw new IllegalArgumentException(columns.length + " columns but " + names.length
          + " names");
    }
    Instances out = seriesHeader(relation, names, table.numInstances() * columns.length);
    for (int s = 0; s < columns.length; s++) {
      for (int i = 0; i < table.numInstances(); i++) {
        double v = table.instance(i).value(columns[s]);
        if (log10) {
          v = v > 0 ? Math.log10(v) : Double.NaN;
        }
        if (Double.isFinite(v)) {
          out.add(new DenseInstance(1.0,
              new double[] {table.instance(i).value(COL_EPOCH), v, s}));
        }
      }
    }
    return out;
  }

  /**
   * Appends a vertical marker to a series table: a new series value {@code name} with two rows
   * at {@code epoch}, spanning the value range of the rows already present.
   *
   * @param series a series table (not modified)
   * @param epoch the (1-based) epoch to mark
   * @param name name of the marker series (not yet used in {@code series})
   * @return a new series table with the marker, or {@code series} itself if it has no rows
   */
  public static Instances withMarker(Instances series, double epoch, String name) {
    if (series.numInstances() == 0) {
      return series;
    }
    Attribute old = series.attribute(SERIES);
    String[] names = new String[old.numValues() + 1];
    for (int i = 0; i < old.numValues(); i++) {
      names[i] = old.value(i);
    }
    names[names.length - 1] = name;
    Instances out =
        seriesHeader(series.relationName(), names, series.numInstances() + 2);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < series.numInstances(); i++) {
      double v = series.instance(i).value(1);
      min = Math.min(min, v);
      max = Math.max(max, v);
      out.add(new DenseInstance(1.0, series.instance(i).toDoubleArray()));
    }
    out.add(new DenseInstance(1.0, new double[] {epoch, min, names.length - 1}));
    out.add(new DenseInstance(1.0, new double[] {epoch, max, names.length - 1}));
    return out;
  }

  /**
   * Cuts a series table into one table per series value, in the order of the series values,
   * leaving out series without rows. All results share the input's header, as {@link
   * weka.gui.visualize.Plot2D#addPlot} requires.
   *
   * @param series a series table
   * @return the non-empty series, each in epoch order
   */
  public static List<Instances> split(Instances series) {
    Attribute s = series.attribute(SERIES);
    List<Instances> out = new ArrayList<>();
    for (int k = 0; k < s.numValues(); k++) {
      Instances part = new Instances(series, 0);
      part.setRelationName(s.value(k));
      for (int i = 0; i < series.numInstances(); i++) {
        if ((int) series.instance(i).value(s) == k) {
          part.add(series.instance(i));
        }
      }
      if (part.numInstances() > 0) {
        out.add(part);
      }
    }
    return out;
  }

  /**
   * One-line description of a trained model's run, e.g. {@code "57 epochs (stopped early), best
   * epoch 37: validation loss 0.0712, validation accuracy 0.967"}.
   *
   * @param table its epoch table
   * @param model the trained model
   * @return the summary
   */
  public static String summary(Instances table, BackpropMLP model) {
    ModelView h = model.getModelView();
    StringBuilder sb = new StringBuilder();
    sb.append(h.epochs()).append(h.epochs() == 1 ? " epoch" : " epochs");
    if (model.getMeasure("measureStoppedEarly") > 0) {
      sb.append(" (stopped early)");
    }
    if (hasValidation(table) && h.epochs() > 0) {
      int b = h.bestEpoch();
      sb.append(", best epoch ").append(b + 1).append(": validation loss ")
          .append(num(h.validationLoss(b)));
      String metric = table.attribute(COL_VALIDATION_METRIC).name();
      double m = h.validationMetric(b);
      if (VALIDATION_RMSE.equals(metric) && Double.isFinite(h.classScale() * m)) {
        // in the class's units, as the model's description gives it, and in the chart's
        sb.append(", validation RMSE ").append(num(m * h.classScale())).append(" (")
            .append(num(m)).append(" in units of the class's scale)");
      } else if (!Double.isNaN(m)) {
        sb.append(", ").append(metric.replace('_', ' ')).append(' ').append(num(m));
      }
    } else if (h.epochs() > 0) {
      sb.append(", final training loss ").append(num(h.finalTrainLoss()))
          .append(" (no validation holdout)");
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static Instances seriesHeader(String relation, String[] names, int capacity) {
    ArrayList<String> values = new ArrayList<>();
    for (String n : names) {
      values.add(n);
    }
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute(EPOCH));
    atts.add(new Attribute(VALUE));
    atts.add(new Attribute(SERIES, values));
    return new Instances(relation, atts, capacity);
  }

  private static double finiteOrMissing(double v) {
    return Double.isFinite(v) ? v : Utils.missingValue();
  }
}
