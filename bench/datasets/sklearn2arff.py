# Writes scikit-learn's bundled data sets as ARFF: digits, wine and breast_cancer (as wdbc), or
# with the argument "heldout" the held-out diabetes regression set (Efron et al. 2004, its raw
# values: age, sex, BMI, blood pressure, six serum measurements; the class is the disease's
# progression a year later) as diabetes-progression (bench/README.md, "Held-out data sets").
import sys
from sklearn import datasets
out = sys.argv[1]
if sys.argv[2:] == ["heldout"]:
    d = datasets.load_diabetes(scaled=False)
    with open(f"{out}/diabetes-progression.arff", "w") as f:
        f.write("@relation diabetes-progression\n")
        for name in d.feature_names:
            f.write(f"@attribute {name} numeric\n")
        f.write("@attribute progression numeric\n@data\n")
        for x, y in zip(d.data, d.target):
            f.write(",".join(repr(float(v)) for v in x) + f",{float(y)!r}\n")
    print("diabetes-progression", d.data.shape)
    sys.exit(0)
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
