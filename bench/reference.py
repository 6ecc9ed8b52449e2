#!/usr/bin/env python3
"""Reference figures for bench/run.sh, printed as "key value" lines.

* numpy/OpenBLAS dgemm GFLOP/s on the benchmark kernel's shape (C = X·Yᵀ, X 128×784,
  Y 256×784) and on 2048×2048×2048 (a practical peak of the machine);
* scikit-learn MLPClassifier(hidden_layer_sizes=(64,), batch_size=32), once with
  solver="sgd" (momentum 0.9, nesterovs_momentum=False, learning_rate="constant") and once with
  solver="adam" (constant step, as sklearn's Adam always is): seconds per epoch on the first
  ROWS Fashion-MNIST training rows (one untimed warm-up epoch, then the mean of EPOCHS epochs,
  each one partial_fit call = one pass over the shuffled data; two rounds with the solvers
  alternating, the faster round reported and the slower as *_max), and predict_proba rows per
  second on the test rows (Adam model);
* which BLAS ran: threadpoolctl's internal_api, version, architecture (the OpenBLAS kernel
  chosen at load time) and num_threads, and whether OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE were
  set in this process's environment (they force an older kernel; bench/run.sh unsets them for
  this command alone).

Same training problem as the Java side: the step sizes (--lr-sgd, --lr-adam) and the L2
penalty (--l2) are BackpropMLP's. BackpropMLP adds l2 * w to the batch-mean gradient; sklearn
adds alpha * w / batch_size, so alpha = l2 * batch_size gives the same update (the last, shorter
batch of an epoch differs slightly). tol=0 and n_iter_no_change=10**9 keep sklearn's stopping
rule out; partial_fit does one epoch per call and never stops early.

The BLAS thread count is fixed by the caller through OPENBLAS_NUM_THREADS (it must be set
before numpy is imported); --threads only labels the keys.
"""
import argparse
import gzip
import os
import struct
import sys
import time
import warnings

import numpy as np


def read_idx(path, rows):
    with gzip.open(path, "rb") as f:
        magic = struct.unpack(">i", f.read(4))[0]
        dims = magic & 0xFF
        shape = struct.unpack(">" + "i" * dims, f.read(4 * dims))
        n = min(rows, shape[0]) if rows > 0 else shape[0]
        per = int(np.prod(shape[1:])) if dims > 1 else 1
        data = np.frombuffer(f.read(n * per), dtype=np.uint8)
    return data.reshape((n, per)) if dims > 1 else data


def load(data_dir, split, rows):
    x = read_idx(os.path.join(data_dir, split + "-images-idx3-ubyte.gz"), rows)
    y = read_idx(os.path.join(data_dir, split + "-labels-idx1-ubyte.gz"), rows)
    return x.astype(np.float64) / 255.0, y.astype(np.int64)


def blas_library():
    """Name of the BLAS shared library numpy has loaded (Linux only)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.lower()}
        return ",".join(sorted(os.path.basename(l) + "@" + os.path.dirname(l).split("/")[-1]
                               for l in libs)) or "unknown"
    except OSError:
        return "unknown"


def blas_info(out, t):
    """threadpoolctl's view of the loaded BLAS: which OpenBLAS kernel actually runs."""
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        out.write("env_%s_t%d %s\n" % (var, t, os.environ.get(var, "(unset)")))
    try:
        import threadpoolctl
    except ImportError as e:
        out.write("blas_info_t%d threadpoolctl not importable (%s)\n" % (t, e))
        return
    infos = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
    if not infos:
        out.write("blas_info_t%d threadpoolctl found no BLAS\n" % t)
        return
    i = infos[0]
    out.write("blas_info_t%d %s %s, architecture %s, num_threads %s%s\n" % (
        t, i.get("internal_api"), i.get("version"), i.get("architecture", "n/a"),
        i.get("num_threads"), "" if len(infos) == 1 else " (+%d more BLAS)" % (len(infos) - 1)))
    out.write("blas_architecture_t%d %s\n" % (t, i.get("architecture", "n/a")))


def epoch_seconds(clf, x, y, epochs):
    """One untimed warm-up partial_fit (allocates the network), then EPOCHS timed ones."""
    from sklearn.exceptions import ConvergenceWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.partial_fit(x, y, np.arange(10))
        times = []
        for _ in range(epochs):
            t0 = time.perf_counter()
            clf.partial_fit(x, y)
            times.append(time.perf_counter() - t0)
    return sum(times) / len(times)


def dgemm_gflops(m, k, n, seconds):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((m, k))
    y = rng.standard_normal((n, k))
    c = np.empty((m, n))
    np.matmul(x, y.T, out=c)
    best = float("inf")
    end = time.perf_counter() + seconds
    reps = 0
    while reps < 3 or time.perf_counter() < end:
        t0 = time.perf_counter()
        np.matmul(x, y.T, out=c)
        best = min(best, time.perf_counter() - t0)
        reps += 1
    return 2.0 * m * k * n / best / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--test-rows", type=int, default=10000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr-sgd", type=float, default=0.01)
    ap.add_argument("--lr-adam", type=float, default=0.001)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    t = a.threads
    out = sys.stdout

    out.write("numpy_version %s\n" % np.__version__)
    out.write("blas_t%d %s\n" % (t, blas_library()))
    blas_info(out, t)
    out.write("dgemm_128x784x256_t%d %.3f\n" % (t, dgemm_gflops(128, 784, 256, 0.5 if a.quick else 2)))
    out.write("dgemm_2048_t%d %.3f\n" % (t, dgemm_gflops(2048, 2048, 2048, 1 if a.quick else 4)))
    out.flush()

    try:
        import sklearn
        from sklearn.neural_network import MLPClassifier
    except ImportError as e:
        out.write("note scikit-learn not importable (%s)\n" % e)
        return
    x, y = load(a.data, "train", a.rows)
    xt, yt = load(a.data, "t10k", a.test_rows)
    common = dict(hidden_layer_sizes=(64,), activation="relu", batch_size=a.batch,
                  alpha=a.l2 * a.batch, max_iter=1 + a.epochs, tol=0.0,
                  n_iter_no_change=10 ** 9, early_stopping=False, shuffle=True,
                  random_state=1)

    def make(name):
        if name == "sgd":
            return MLPClassifier(solver="sgd", learning_rate_init=a.lr_sgd,
                                 learning_rate="constant", momentum=a.momentum,
                                 nesterovs_momentum=False, **common)
        return MLPClassifier(solver="adam", learning_rate_init=a.lr_adam, **common)

    out.write("sklearn_version %s\n" % sklearn.__version__)
    out.write("sklearn_rows %d\n" % len(y))
    out.write("sklearn_epochs %d\n" % a.epochs)
    out.write("sklearn_alpha %g\n" % (a.l2 * a.batch))
    # two rounds, the solvers alternating, each a fresh model: on a shared machine the
    # spread between rounds is part of the figure; the keys hold the faster round, _max the other
    seconds = {"sgd": [], "adam": []}
    solvers = {}
    for _ in range(2):
        for name in ("sgd", "adam"):
            clf = make(name)
            seconds[name].append(epoch_seconds(clf, x, y, a.epochs))
            solvers[name] = clf
    for name, clf in solvers.items():
        acc = float(np.mean(clf.predict(xt) == yt))
        out.write("sklearn_%s_train_s_per_epoch_t%d %.4f\n" % (name, t, min(seconds[name])))
        out.write("sklearn_%s_train_s_per_epoch_max_t%d %.4f\n" % (name, t, max(seconds[name])))
        out.write("sklearn_%s_test_acc_t%d %.4f\n" % (name, t, acc))
        out.flush()
    clf = solvers["adam"]
    clf.predict_proba(xt[:1000])
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        clf.predict_proba(xt)
        best = min(best, time.perf_counter() - t0)
    out.write("sklearn_predict_rows_per_s_t%d %.1f\n" % (t, len(yt) / best))


if __name__ == "__main__":
    main()
