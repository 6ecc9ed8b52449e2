#!/usr/bin/env python3
"""Writes two synthetic sets with an identifier: a nominal attribute of 3,000 values, the kind
of input (a customer, product or post code) that is wide for its one-hot columns though it is
not text. doc/text.md, section "Identifiers", measures the routes on them.

  idn3_tr.arff / idn3_te.arff  12,000 / 4,000 rows: the identifier and 3 Gaussian numbers
  idn0_tr.arff / idn0_te.arff  the same kind of rows, the identifier alone
  idn30k_tr.arff / idn30k_te.arff  as idn3 with an identifier of 30,000 values (how the cost
                               of the eager first-layer update grows with the values)

Each identifier value prefers one of 3 classes with its own strength; half the rows draw their
identifier from a heavy-tailed few (Pareto), half uniformly, so that some values repeat often
and most rarely. The numbers act linearly, through a sine and through a product.

Usage: python3 bench/datasets/identifiers.py [output directory, default .]
"""
import math
import os
import random
import sys


def write(seed, ids, numbers, rows_train, rows_test, name, out):
    r = random.Random(seed)
    preference = [r.randrange(3) for _ in range(ids)]
    strength = [r.random() for _ in range(ids)]

    def row():
        i = int(r.paretovariate(1.2)) % ids if r.random() < 0.5 else r.randrange(ids)
        x = [r.gauss(0, 1) for _ in range(numbers)]
        score = [0.0, 0.0, 0.0]
        if numbers:
            score[0] += 1.5 * x[0]
            score[1] += 1.2 * math.sin(2 * x[1]) + 0.8 * x[2] * x[0]
        score[preference[i]] += 2.0 * strength[i]
        score = [s + r.gauss(0, 0.7) for s in score]
        c = max(range(3), key=lambda k: score[k])
        return "id%d,%s%s" % (i, "".join("%.4f," % v for v in x), "c%d" % c)

    head = "@relation %s\n@attribute id {%s}\n%s@attribute class {c0,c1,c2}\n@data\n" % (
        name, ",".join("id%d" % k for k in range(ids)),
        "".join("@attribute x%d numeric\n" % k for k in range(numbers)))
    for suffix, n in (("_tr.arff", rows_train), ("_te.arff", rows_test)):
        with open(os.path.join(out, name + suffix), "w") as f:
            f.write(head)
            for _ in range(n):
                f.write(row() + "\n")


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    write(11, 3000, 3, 12000, 4000, "idn3", out)
    write(12, 3000, 0, 12000, 4000, "idn0", out)
    write(21, 30000, 3, 12000, 4000, "idn30k", out)
