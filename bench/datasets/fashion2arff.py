"""Fashion-MNIST IDX files -> one ARFF whose rows with index % 7 == 0 are the 10,000 official
test images (in order) and the others the 60,000 training images: `-holdout 7` is the official split."""
import gzip, sys
import numpy as np
src, out = sys.argv[1], sys.argv[2]
def images(f):
    with gzip.open(f) as g:
        return np.frombuffer(g.read(), np.uint8, offset=16).reshape(-1, 784)
def labels(f):
    with gzip.open(f) as g:
        return np.frombuffer(g.read(), np.uint8, offset=8)
xtr, ytr = images(f"{src}/train-images-idx3-ubyte.gz"), labels(f"{src}/train-labels-idx1-ubyte.gz")
xte, yte = images(f"{src}/t10k-images-idx3-ubyte.gz"), labels(f"{src}/t10k-labels-idx1-ubyte.gz")
with open(out, "w") as f:
    f.write("@relation fashion-mnist\n")
    for j in range(784):
        f.write(f"@attribute pixel{j} numeric\n")
    f.write("@attribute class {" + ",".join(str(c) for c in range(10)) + "}\n@data\n")
    # each of the 256 pixel values formatted once: byte for byte the file that formatting all 55
    # million pixels one by one wrote, in 3 s instead of 137
    text = ["0"] + [f"{v / 255:.6g}" for v in range(1, 256)]
    tr = te = 0
    for k in range(70000):
        if k % 7 == 0:
            x, y = xte[te], yte[te]; te += 1
        else:
            x, y = xtr[tr], ytr[tr]; tr += 1
        f.write(",".join(map(text.__getitem__, x.tolist())) + f",{y}\n")
print(tr, te)
