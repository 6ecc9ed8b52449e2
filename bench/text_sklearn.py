#!/usr/bin/env python3
"""scikit-learn's MLPClassifier, with its default options, on the term matrix Weka's
StringToWordVector made (exported by TextBench -export as svmlight files, see bench/text.sh):
prints test accuracy, Cohen's kappa and fit+predict seconds (the filter's time is not included,
unlike the Weka rows, which time the whole FilteredClassifier).

    text_sklearn.py PREFIX        reads PREFIX-train.svm and PREFIX-test.svm

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (bench/text.sh does), so that OpenBLAS
picks its kernel for this CPU.
"""
import sys
import time

import numpy as np
from sklearn.datasets import load_svmlight_files
from sklearn.metrics import accuracy_score, cohen_kappa_score
from sklearn.neural_network import MLPClassifier


def main(prefix):
    x_train, y_train, x_test, y_test = load_svmlight_files(
        [prefix + "-train.svm", prefix + "-test.svm"], dtype=np.float64)
    t0 = time.perf_counter()
    model = MLPClassifier(random_state=1).fit(x_train, y_train)
    predicted = model.predict(x_test)
    seconds = time.perf_counter() - t0
    print("%-60s | %6.2f %% | %6.3f | %8.2f s | (fit+predict on the exported matrix)" % (
        "scikit-learn MLPClassifier (defaults, random_state=1)",
        100 * accuracy_score(y_test, predicted), cohen_kappa_score(y_test, predicted), seconds))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
