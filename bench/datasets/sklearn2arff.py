# Writes scikit-learn's bundled data sets (digits, wine, breast_cancer) as ARFF.
import sys
from sklearn import datasets
out = sys.argv[1]
for name, loader in [("digits", datasets.load_digits), ("wine", datasets.load_wine), ("wdbc", datasets.load_breast_cancer)]:
    d = loader()
    classes = [str(c) for c in d.target_names]
    with open(f"{out}/{name}.arff", "w") as f:
        f.write(f"@relation {name}\n")
        for j in range(d.data.shape[1]):
            f.write(f"@attribute a{j} numeric\n")
        f.write("@attribute class {" + ",".join(f"'{c}'" for c in classes) + "}\n@data\n")
        for x, y in zip(d.data, d.target):
            f.write(",".join(repr(float(v)) for v in x) + f",'{classes[y]}'\n")
    print(name, d.data.shape)
