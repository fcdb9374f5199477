# Step 1 of the tutorial pipeline: make the data and split it into a training set and a test set.
# Like the tutorial's preprocessing script, it writes its outputs at fixed paths inside its container
# (/data/train.csv and /data/test.csv); the pipeline declares those files as the step's outputs.
# Plain Python (no packages to install), so its image builds and runs without network.
import argparse
import csv
import os
import random

parser = argparse.ArgumentParser(description="Make house prices from rooms and age, and split them.")
parser.add_argument("--rows", type=int, default=200, help="how many houses")
parser.add_argument("--seed", type=int, default=1, help="random seed, so a run can be repeated")
parser.add_argument("--test-fraction", type=float, default=0.25, help="share of the rows kept for testing")
args = parser.parse_args()

rng = random.Random(args.seed)
rows = []
for _ in range(args.rows):
    rooms = rng.uniform(3, 9)
    age = rng.uniform(0, 100)
    price = 10 + 5 * rooms - 0.1 * age + rng.gauss(0, 1.5)
    rows.append((round(rooms, 3), round(age, 2), round(price, 3)))

cut = int(len(rows) * (1 - args.test_fraction))
os.makedirs("/data", exist_ok=True)
for name, part in (("train", rows[:cut]), ("test", rows[cut:])):
    with open(f"/data/{name}.csv", "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["rooms", "age", "price"])
        writer.writerows(part)
print(f"preprocess: wrote {cut} training rows to /data/train.csv and {len(rows) - cut} test rows to /data/test.csv")
