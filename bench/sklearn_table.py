"""scikit-learn MLPClassifier / MLPRegressor with their default options on ARFF files.

Nominal inputs are one-hot encoded and missing values imputed (mean / most frequent), as any
scikit-learn user must; with --scale a StandardScaler is added (what scikit-learn's user guide
recommends for MLPs). 10-fold stratified CV (seed 1; with --runs R, R repetitions with seeds
1..R, averaged), or with --holdout K the rows whose index is a multiple of K are the test set.
Prints accuracy % (or correlation), seconds per run (wall clock), CPU seconds per run (the
process, all threads) and the number of rows tested per run. Used by bench/accuracy.sh and
bench/run.sh's defaults table (through bench/common.sh).

Timing covers the same work as the Java side's (CrossValidationTable): for each fold, building
the model on the training rows (preprocessing included: imputation, one-hot encoding, scaling)
and predicting the test rows; not reading the file. Before the clock starts, one untimed fit
on the first 100 rows loads what scikit-learn imports lazily (the JVM's side warms up too).
"""
import sys, time, warnings
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import StratifiedKFold, KFold
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.exceptions import ConvergenceWarning
warnings.filterwarnings("ignore", category=ConvergenceWarning)

def read_arff(path):
    """A small dense-ARFF reader: numeric and nominal attributes, quoted values, '?' missing."""
    import csv, re
    names, kinds, rows, in_data = [], [], [], False
    with open(path) as f:
        for line in f:
            t = line.strip()
            if not t or t.startswith("%"):
                continue
            if in_data:
                rows.append([v.strip() for v in next(csv.reader([t], quotechar="'", skipinitialspace=True))])
                continue
            low = t.lower()
            if low.startswith("@attribute"):
                m = re.match(r"@attribute\s+('[^']*'|\"[^\"]*\"|\S+)\s+(.*)$", t, re.I)
                names.append(m.group(1).strip("'\""))
                kinds.append("nominal" if m.group(2).strip().startswith("{") else "numeric")
            elif low.startswith("@data"):
                in_data = True
    return names, kinds, rows

def load(path):
    names, kinds, rows = read_arff(path)
    cols = list(zip(*rows))
    nominal = kinds[-1] == "nominal"
    num = [j for j in range(len(names) - 1) if kinds[j] == "numeric"]
    nom = [j for j in range(len(names) - 1) if kinds[j] == "nominal"]
    f = lambda v: np.nan if v == "?" else float(v)
    Xnum = np.column_stack([[f(v) for v in cols[j]] for j in num]) if num else np.zeros((len(rows), 0))
    Xnom = np.column_stack([np.array(cols[j], dtype=object) for j in nom]) if nom else np.zeros((len(rows), 0), dtype=object)
    Xnom[Xnom == "?"] = np.nan
    y = np.array(cols[-1]) if nominal else np.array([f(v) for v in cols[-1]])
    keep = (y != "?") if nominal else ~np.isnan(y)
    return Xnum[keep], Xnom[keep], y[keep], nominal

def model(nnum, nnom, nominal, scale):
    parts = []
    if nnum:
        steps = [SimpleImputer(strategy="mean")] + ([StandardScaler()] if scale else [])
        parts.append(("num", make_pipeline(*steps), list(range(nnum))))
    if nnom:
        parts.append(("nom", make_pipeline(SimpleImputer(strategy="most_frequent"),
                                           OneHotEncoder(handle_unknown="ignore")), list(range(nnum, nnum + nnom))))
    est = MLPClassifier(random_state=1) if nominal else MLPRegressor(random_state=1)
    return make_pipeline(ColumnTransformer(parts), est)

def main():
    args = sys.argv[1:]
    scale = "--scale" in args
    holdout = int(args[args.index("--holdout") + 1]) if "--holdout" in args else 0
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 1
    paths = [a for a in args if a.endswith(".arff")]
    for path in paths:
        Xnum, Xnom, y, nominal = load(path)
        X = np.concatenate([Xnum.astype(object), Xnom], axis=1) if Xnom.shape[1] else Xnum
        warm = min(100, len(y))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                model(Xnum.shape[1], Xnom.shape[1], nominal, scale).fit(X[:warm], y[:warm]).predict(X[:warm])
            except ValueError:
                pass  # e.g. one class in the first rows: the warm-up is only for the imports
        scores, t0, c0 = [], time.perf_counter(), time.process_time()
        for run in range(1 if holdout else runs):
            if holdout:
                idx = np.arange(len(y)); test = idx % holdout == 0
                splits = [(idx[~test], idx[test])]
            else:
                cv = StratifiedKFold(10, shuffle=True, random_state=run + 1) if nominal else KFold(10, shuffle=True, random_state=run + 1)
                splits = list(cv.split(X, y))
            pred = np.empty(len(y), dtype=y.dtype); mask = np.zeros(len(y), bool)
            for tr, te in splits:
                m = model(Xnum.shape[1], Xnom.shape[1], nominal, scale).fit(X[tr], y[tr])
                pred[te] = m.predict(X[te]); mask[te] = True
            scores.append(100 * np.mean(pred[mask] == y[mask]) if nominal else np.corrcoef(pred[mask], y[mask])[0, 1])
        secs = (time.perf_counter() - t0) / len(scores)
        cpu = (time.process_time() - c0) / len(scores)
        score = float(np.mean(scores))
        print(f"{path.split('/')[-1][:-5]:16s} {'sklearn+scaler' if scale else 'sklearn'} {score:8.3f} {secs:8.2f}s"
              f" {cpu:8.2f}s {int(mask.sum())}", flush=True)

main()
