// The Python code of the locally runnable examples' steps (standard library only). Each script gets its inputs and
// output paths as `--name value` arguments (the compiler's script convention, shared/compile/ir-executor.compile.ts).

const ARGS = `import argparse, csv, json, math, os, random, sys, time

def outputs_dir(file):
    os.makedirs(os.path.dirname(file) or '.', exist_ok=True)
    return file
`;

const makeData = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--rows', type=int, default=400)
p.add_argument('--seed', type=int, default=7)
p.add_argument('--data', required=True)
a = p.parse_args()
if a.rows < 10:
    sys.exit('rows must be at least 10, got %d' % a.rows)
rng = random.Random(a.seed)
with open(outputs_dir(a.data), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['trip_miles', 'trip_minutes', 'fare', 'tipped'])
    for _ in range(a.rows):
        miles = round(rng.uniform(0.5, 20), 2)
        minutes = round(miles * rng.uniform(2, 4) + rng.uniform(0, 10), 1)
        fare = round(3 + miles * 2.2 + minutes * 0.3, 2)
        generous = 1.5 * miles / 20 - 0.04 * minutes / 10 + rng.gauss(0, 0.25)
        w.writerow([miles, minutes, fare, 1 if generous > 0.55 else 0])
print('wrote %d trips to %s' % (a.rows, a.data))
`;

const preprocess = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--data', required=True)
p.add_argument('--label_column', required=True)
p.add_argument('--test_fraction', type=float, default=0.25)
p.add_argument('--train_data', required=True)
p.add_argument('--test_data', required=True)
a = p.parse_args()
with open(a.data, newline='') as f:
    rows = list(csv.DictReader(f))
if not rows or a.label_column not in rows[0]:
    sys.exit('the data has no column %r' % a.label_column)
features = [c for c in rows[0] if c != a.label_column]
low = {c: min(float(r[c]) for r in rows) for c in features}
high = {c: max(float(r[c]) for r in rows) for c in features}
def scaled(r):
    out = {c: round((float(r[c]) - low[c]) / ((high[c] - low[c]) or 1), 6) for c in features}
    out[a.label_column] = r[a.label_column]
    return out
rows = [scaled(r) for r in rows]
random.Random(0).shuffle(rows)
cut = int(len(rows) * (1 - a.test_fraction))
for file, part in ((a.train_data, rows[:cut]), (a.test_data, rows[cut:])):
    with open(outputs_dir(file), 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=features + [a.label_column])
        w.writeheader()
        w.writerows(part)
print('features: %s' % ', '.join(features))
print('%d training rows, %d test rows' % (cut, len(rows) - cut))
`;

const train = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--train_data', required=True)
p.add_argument('--label_column', required=True)
p.add_argument('--learning_rate', type=float, default=0.5)
p.add_argument('--epochs', type=int, default=300)
p.add_argument('--model', required=True)
a = p.parse_args()
with open(a.train_data, newline='') as f:
    rows = list(csv.DictReader(f))
features = [c for c in rows[0] if c != a.label_column]
X = [[float(r[c]) for c in features] for r in rows]
y = [int(r[a.label_column]) for r in rows]
w = [0.0] * len(features)
b = 0.0
def sigmoid(z):
    return 1 / (1 + math.exp(-max(-30, min(30, z))))
for epoch in range(1, a.epochs + 1):
    gw = [0.0] * len(w)
    gb = 0.0
    loss = 0.0
    for xi, yi in zip(X, y):
        p_ = sigmoid(sum(wj * xj for wj, xj in zip(w, xi)) + b)
        loss -= yi * math.log(p_ + 1e-12) + (1 - yi) * math.log(1 - p_ + 1e-12)
        for j, xj in enumerate(xi):
            gw[j] += (p_ - yi) * xj
        gb += p_ - yi
    w = [wj - a.learning_rate * g / len(X) for wj, g in zip(w, gw)]
    b -= a.learning_rate * gb / len(X)
    if epoch % 50 == 0 or epoch == 1:
        print('epoch %d: loss %.4f' % (epoch, loss / len(X)))
        sys.stdout.flush()
with open(outputs_dir(a.model), 'w') as f:
    json.dump({'features': features, 'weights': w, 'bias': b}, f, indent=2)
print('saved the model to %s' % a.model)
`;

const test = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--test_data', required=True)
p.add_argument('--model', required=True)
p.add_argument('--label_column', required=True)
p.add_argument('--metrics', required=True)
p.add_argument('--classification', required=True)
p.add_argument('--report', required=True)
p.add_argument('--accuracy', required=True)
a = p.parse_args()
with open(a.model) as f:
    model = json.load(f)
with open(a.test_data, newline='') as f:
    rows = list(csv.DictReader(f))
def score(r):
    z = sum(w * float(r[c]) for w, c in zip(model['weights'], model['features'])) + model['bias']
    return 1 / (1 + math.exp(-max(-30, min(30, z))))
scored = [(score(r), int(r[a.label_column])) for r in rows]
m = [[0, 0], [0, 0]]
for s, t in scored:
    m[t][1 if s >= 0.5 else 0] += 1
n = len(scored)
accuracy = (m[0][0] + m[1][1]) / n
precision = m[1][1] / ((m[0][1] + m[1][1]) or 1)
recall = m[1][1] / ((m[1][0] + m[1][1]) or 1)
positives = sum(t for _, t in scored) or 1
negatives = (n - sum(t for _, t in scored)) or 1
roc = []
for k in range(0, 11):
    th = k / 10
    tp = sum(1 for s, t in scored if s >= th and t == 1)
    fp = sum(1 for s, t in scored if s >= th and t == 0)
    roc.append({'threshold': th, 'truePositiveRate': round(tp / positives, 4), 'falsePositiveRate': round(fp / negatives, 4)})
metrics = {'accuracy': round(accuracy, 4), 'precision': round(precision, 4), 'recall': round(recall, 4), 'test_rows': n}
with open(outputs_dir(a.metrics), 'w') as f:
    json.dump(metrics, f, indent=2)
with open(outputs_dir(a.classification), 'w') as f:
    json.dump({
        'confusionMatrix': {'annotationSpecs': [{'displayName': 'no tip'}, {'displayName': 'tip'}], 'rows': [{'row': m[0]}, {'row': m[1]}]},
        'confidenceMetrics': roc,
    }, f, indent=2)
with open(outputs_dir(a.report), 'w') as f:
    f.write('# Test report\\n\\n')
    f.write('The model predicted **%d of %d** test trips right.\\n\\n' % (m[0][0] + m[1][1], n))
    f.write('| metric | value |\\n| --- | --- |\\n')
    for k, v in metrics.items():
        f.write('| %s | %s |\\n' % (k, v))
with open(outputs_dir(a.accuracy), 'w') as f:
    f.write(str(round(accuracy, 4)))
print('accuracy %.4f, precision %.4f, recall %.4f on %d rows' % (accuracy, precision, recall, n))
`;

const measure = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--samples', type=int, default=50)
p.add_argument('--score', required=True)
a = p.parse_args()
rng = random.Random(a.samples)
values = [rng.random() for _ in range(max(1, a.samples))]
score = round(sum(values) / len(values) + min(0.3, a.samples / 1000), 4)
print('mean of %d samples, plus a bonus for size: %.4f' % (len(values), score))
with open(outputs_dir(a.score), 'w') as f:
    f.write(str(score))
`;

const processShard = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--shard', type=int, required=True)
p.add_argument('--total', required=True)
a = p.parse_args()
total = 0
for i in range(1, a.shard + 1):
    total += i * i
    print('shard %d: step %d, running total %d' % (a.shard, i, total))
    sys.stdout.flush()
    time.sleep(0.1)
with open(outputs_dir(a.total), 'w') as f:
    f.write(str(total))
`;

const summarize = `${ARGS}
p = argparse.ArgumentParser()
p.add_argument('--totals', required=True)
p.add_argument('--sum', required=True)
a = p.parse_args()
totals = [int(v) for v in json.loads(a.totals)]
print('shard totals: %s' % totals)
with open(outputs_dir(a.sum), 'w') as f:
    f.write(str(sum(totals)))
`;

export const LOCAL_SCRIPTS = { makeData, preprocess, train, test, measure, processShard, summarize };
