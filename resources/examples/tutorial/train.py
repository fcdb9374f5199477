# Step 2 of the tutorial pipeline: fit a linear regression (price from rooms and age) to the training set.
# Reads the training CSV from the path it is given and writes the model to a fixed path, /data/model.json.
import argparse
import csv
import json
import os

parser = argparse.ArgumentParser(description="Fit price = a*rooms + b*age + c by least squares.")
parser.add_argument("--train", required=True, help="the training CSV (rooms, age, price)")
args = parser.parse_args()

with open(args.train, newline="") as f:
    rows = [(float(r["rooms"]), float(r["age"]), float(r["price"])) for r in csv.DictReader(f)]
if len(rows) < 3:
    raise SystemExit(f"train: {len(rows)} training rows are too few to fit three coefficients")

# The normal equations (X'X) w = X'y, with X = [rooms, age, 1], solved by Gaussian elimination.
xs = [(rooms, age, 1.0) for rooms, age, _ in rows]
ys = [price for _, _, price in rows]
a = [[sum(x[i] * x[j] for x in xs) for j in range(3)] + [sum(x[i] * y for x, y in zip(xs, ys))] for i in range(3)]
for col in range(3):
    pivot = max(range(col, 3), key=lambda r: abs(a[r][col]))
    a[col], a[pivot] = a[pivot], a[col]
    for r in range(3):
        if r != col:
            factor = a[r][col] / a[col][col]
            a[r] = [v - factor * p for v, p in zip(a[r], a[col])]
weights = [a[i][3] / a[i][i] for i in range(3)]

os.makedirs("/data", exist_ok=True)
model = {"rooms": weights[0], "age": weights[1], "intercept": weights[2], "trained_on": len(rows)}
with open("/data/model.json", "w") as f:
    json.dump(model, f, indent=2)
print(f"train: price = {weights[0]:.3f}*rooms {weights[1]:+.3f}*age {weights[2]:+.3f} from {len(rows)} rows; wrote /data/model.json")
