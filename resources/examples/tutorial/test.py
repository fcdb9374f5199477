# Step 3 of the tutorial pipeline: score the model on the test set.
# Reads the test CSV and the model from the paths it is given; writes the mean squared error to /data/mse.txt
# (a number the pipeline passes on as a parameter) and a short report to /data/report.md.
import argparse
import csv
import json
import os

parser = argparse.ArgumentParser(description="Mean squared error of the model on the test rows.")
parser.add_argument("--test", required=True, help="the test CSV (rooms, age, price)")
parser.add_argument("--model", required=True, help="the model JSON written by train.py")
args = parser.parse_args()

with open(args.model) as f:
    model = json.load(f)
with open(args.test, newline="") as f:
    rows = [(float(r["rooms"]), float(r["age"]), float(r["price"])) for r in csv.DictReader(f)]
if not rows:
    raise SystemExit("test: the test set is empty")

errors = [(model["rooms"] * rooms + model["age"] * age + model["intercept"] - price) ** 2 for rooms, age, price in rows]
mse = sum(errors) / len(errors)

os.makedirs("/data", exist_ok=True)
with open("/data/mse.txt", "w") as f:
    f.write(f"{mse:.6f}")
with open("/data/report.md", "w") as f:
    f.write(f"# Test of the house price model\n\n- test rows: {len(rows)}\n- mean squared error: {mse:.4f}\n")
print(f"test: mean squared error {mse:.4f} on {len(rows)} test rows")
