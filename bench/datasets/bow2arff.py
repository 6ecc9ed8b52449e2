#!/usr/bin/env python3
"""Writes a synthetic bag-of-words data set as a sparse ARFF file (Weka's {index value} rows).

A small topic model: the vocabulary has Zipf-distributed background frequencies (rank r drawn
with probability proportional to 1/r), and each class owns a few hundred "topic" words that its
documents draw with extra probability. Each document draws about --words tokens; the attributes
are the word counts (numeric), and the class is the last attribute. Optional extras exercise the
encoder: a nominal attribute with three values (one-hot) and a numeric one with missing values.

    python3 bench/datasets/bow2arff.py --docs 200 --vocab 1200 --words 30 --classes 3 \
        --extras --seed 1 > src/test/resources/sparse/bow-small.arff

Pure Python and a fixed seed: the same arguments give the same file on any machine.
"""
import argparse
import bisect
import random
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--vocab", type=int, default=1200)
    p.add_argument("--words", type=int, default=30, help="tokens per document (mean)")
    p.add_argument("--classes", type=int, default=3)
    p.add_argument("--topic-words", type=int, default=200)
    p.add_argument("--topic-share", type=float, default=0.3,
                   help="fraction of a document's tokens drawn from its class's topic words")
    p.add_argument("--extras", action="store_true",
                   help="add a 3-valued nominal and a numeric attribute with missing values")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    cum = []
    total = 0.0
    for r in range(1, a.vocab + 1):
        total += 1.0 / r
        cum.append(total)
    topics = [rng.sample(range(a.vocab), min(a.topic_words, a.vocab)) for _ in range(a.classes)]
    out = sys.stdout
    w = out.write
    w("% synthetic bag-of-words: bench/datasets/bow2arff.py " + " ".join(sys.argv[1:]) + "\n")
    w("@relation bow\n\n")
    for j in range(a.vocab):
        w("@attribute w%d numeric\n" % j)
    base = a.vocab
    if a.extras:
        w("@attribute source {mail,news,web}\n")
        w("@attribute length numeric\n")
    cls = base + (2 if a.extras else 0)
    w("@attribute class {%s}\n\n@data\n" % ",".join("c%d" % k for k in range(a.classes)))
    for _ in range(a.docs):
        k = rng.randrange(a.classes)
        n = max(1, int(rng.gauss(a.words, a.words / 4)))
        counts = {}
        for _ in range(n):
            if rng.random() < a.topic_share:
                t = rng.choice(topics[k])
            else:
                t = bisect.bisect_left(cum, rng.random() * total)
            counts[t] = counts.get(t, 0) + 1
        cells = ["%d %d" % (j, counts[j]) for j in sorted(counts)]
        if a.extras:
            src = rng.choice(["mail", "news", "web"])
            if src != "mail":  # value 0 is left out of a sparse row
                cells.append("%d %s" % (base, src))
            cells.append("%d %s" % (base + 1, "?" if rng.random() < 0.1 else str(n)))
        cells.append("%d c%d" % (cls, k))
        w("{" + ",".join(cells) + "}\n")


if __name__ == "__main__":
    main()
