#!/usr/bin/env python3
"""How much does any known signal add to the territory's recent-popularity list on a views CSV?

An analysis, not part of Glocal: it answers "is there personal signal left on top of the best
reference?" with simple, strong, offline recommenders, each blended with the reference. Its own
protocol (close to `glocal evaluate`'s, not the same): views sorted by time, the first 80 % train;
test users are users with a training view and a test play of a title they did not see in training;
NDCG@20 over every such user, the user's training titles left out. Compare the rows with each
other (ratios), not with `glocal evaluate`'s figures.

Usage: python3 docs/analysis/signal_ceiling.py /tmp/xmarket.csv   (needs numpy)
"""
import csv
import math
import sys
from collections import defaultdict
from datetime import datetime

import numpy as np

path = sys.argv[1]
rows = sorted(csv.DictReader(open(path)), key=lambda r: r["event_time"])
cut = int(len(rows) * 0.8)
train, test = rows[:cut], rows[cut:]


def ts(r):
    return datetime.fromisoformat(r["event_time"].replace("Z", "+00:00")).timestamp()


end = ts(train[-1])
home, seen, plays = {}, defaultdict(set), defaultdict(list)
for r in train:
    home[r["user_id"]] = r["territory"]
    seen[r["user_id"]].add(r["title_id"])
    if r["event_type"] == "PLAY":
        plays[r["user_id"]].append((r["title_id"], r["territory"], ts(r)))
held = defaultdict(set)
for r in test:
    u = r["user_id"]
    if r["event_type"] == "PLAY" and u in home and r["title_id"] not in seen[u]:
        held[u].add(r["title_id"])

titles = sorted({t for p in plays.values() for t, _, _ in p})
index = {t: i for i, t in enumerate(titles)}
territories = sorted(set(home.values()))


def decayed(days, by_territory):
    out = defaultdict(lambda: np.zeros(len(titles)))
    for p in plays.values():
        for t, terr, x in p:
            w = 1.0 if days is None else 0.5 ** ((end - x) / (days * 86400))
            out[terr if by_territory else "*"][index[t]] += w
    return out


def ndcg(scores):
    total = 0.0
    for u, rel in held.items():
        s = scores(u).copy()
        for t in seen[u]:
            if t in index:
                s[index[t]] = -np.inf
        top = np.argpartition(-s, 20)[:20]
        top = top[np.argsort(-s[top])]
        dcg = sum(1 / math.log2(i + 2) for i, j in enumerate(top) if titles[j] in rel)
        total += dcg / sum(1 / math.log2(i + 2) for i in range(min(20, len(rel))))
    return total / len(held)


print(f"{path}: {len(rows)} views, {len(held)} test users, {len(titles)} played titles")
rec = {d: decayed(d, True) for d in (30, 90, 365)}
glob = decayed(90, False)
base = lambda u: np.log1p(rec[90][home[u]])
reference = ndcg(base)
results = [("recent-popular-territory, 90-day half-life (the reference)", reference)]
results.append(("same, 30-day half-life", ndcg(lambda u: np.log1p(rec[30][home[u]]))))
results.append(("same, 365-day half-life", ndcg(lambda u: np.log1p(rec[365][home[u]]))))
for w in (0.2, 0.5):
    results.append(
        (f"+ {w} × log global recent plays", ndcg(lambda u: base(u) + w * np.log1p(glob["*"])))
    )
for w in (0.3, 1.0):
    results.append(
        (
            f"30-day + {w} × 365-day territory counts (log)",
            ndcg(lambda u: np.log1p(rec[30][home[u]]) + w * np.log1p(rec[365][home[u]])),
        )
    )

# Item-item: the user's training plays against a title's co-plays (cosine-normalised counts),
# and EASE (Steck 2019) on titles played by at least two users; blended with the reference
# scaled to [0, 1].
users = sorted(plays)
X = np.zeros((len(users), len(titles)), dtype=np.float32)
for i, u in enumerate(users):
    for t, _, _ in plays[u]:
        X[i, index[t]] = 1
row = {u: i for i, u in enumerate(users)}
G = (X.T @ X).astype(np.float64)
pop = np.diag(G).copy()
cosine = G / np.sqrt(np.outer(np.maximum(pop, 1), np.maximum(pop, 1)))
np.fill_diagonal(cosine, 0)
keep = pop >= 2
A = G[np.ix_(keep, keep)] + 200.0 * np.eye(int(keep.sum()))
P = np.linalg.inv(A)
B = -P / np.diag(P)
np.fill_diagonal(B, 0)
ease = np.zeros((len(titles), len(titles)))
ease[np.ix_(keep, keep)] = B
norm = {t: rec[90][t] / max(rec[90][t].max(), 1e-12) for t in territories}


test_users = list(held)
test_rows = np.array([X[row[u]] if u in row else np.zeros(len(titles)) for u in test_users])
test_index = {u: i for i, u in enumerate(test_users)}


def personal(matrix):
    scores = test_rows @ matrix  # every test user's item-item scores, in one product
    return lambda u: scores[test_index[u]]


for name, matrix in (("co-play cosine", cosine), ("EASE (lambda 200)", ease)):
    f = personal(matrix)
    results.append((f"{name} alone", ndcg(f)))
    for w in (0.03, 0.1, 0.3, 1.0):
        results.append(
            (f"reference (scaled to 1) + {w} × {name}", ndcg(lambda u: norm[home[u]] + w * f(u)))
        )

for name, value in results:
    print(f"{value:.4f}  {value / reference:.3f}×  {name}")
