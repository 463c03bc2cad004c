"""Fit the ACLED sub-event type classifier (``src/consilience/data/event_classifier.json``).

Multinomial logistic regression (L2, L-BFGS via scipy; scipy is needed only
here, not at run time) over the features of
:func:`consilience.extract.event_classifier.features`, fitted on the notes of
``../shared/bench/acled_sample/acled_2022_dev.csv`` (ACLED 2022 sample from
acledR, GPL-3.0; cite Raleigh et al. 2010).  Features seen in fewer than
``MIN_DF`` notes are dropped, and weights under ``PRUNE`` in absolute value
are left out of the file to keep it small.

``bench/eval_acled.py`` imports :func:`fit_rows` to refit the model on 4 of
5 folds and report the fifth, so no reported figure comes from a model that
saw the note.  Usage::

    python bench/train_event_classifier.py [--bench ../shared/bench]      # writes the shipped model
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from consilience.extract.event_classifier import SUB_TO_TYPE, Classifier, features  # noqa: E402

MIN_DF = 2
L2 = 1.0
PRUNE = 0.02
OUT = ROOT / "event_classifier.json"   # not in the package: the training data is GPL-3.0 (see --out)
ABOUT = ("Multinomial logistic regression over ACLED sub-event types; features: unigrams and bigrams of the "
         "normalised text (consilience.extract.event_classifier). Fitted by bench/train_event_classifier.py on "
         "the 4,500 notes of the ACLED 2022 dev sample (ACLED via acledR, GPL-3.0; Raleigh et al. 2010).")


def fit_rows(rows: list[dict[str, str]], l2: float = L2) -> Classifier:
    import numpy as np
    from scipy import sparse
    from scipy.optimize import minimize

    texts = [r["notes"] for r in rows]
    labels_raw = [r["sub_event_type"] for r in rows]
    labels = sorted(set(labels_raw) & set(SUB_TO_TYPE))
    feats = [set(features(t)) for t in texts]
    df = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in df.items() if c >= MIN_DF))}
    keep = [k for k, lab in enumerate(labels_raw) if lab in labels]
    data, ri, ci = [], [], []
    for r, k in enumerate(keep):
        for f in feats[k]:
            j = vocab.get(f)
            if j is not None:
                ri.append(r)
                ci.append(j)
                data.append(1.0)
    n, d, c = len(keep), len(vocab), len(labels)
    x = sparse.csr_matrix((data, (ri, ci)), shape=(n, d))
    y = np.array([labels.index(labels_raw[k]) for k in keep])
    onehot = np.zeros((n, c))
    onehot[np.arange(n), y] = 1.0

    def loss(theta: "np.ndarray") -> tuple[float, "np.ndarray"]:
        w = theta[: d * c].reshape(d, c)
        b = theta[d * c:]
        s = x @ w + b
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        ll = -np.log(p[np.arange(n), y] + 1e-12).sum()
        g = p - onehot
        gw = x.T @ g + l2 * w
        gb = g.sum(axis=0)
        return ll + 0.5 * l2 * float((w * w).sum()), np.concatenate([np.asarray(gw).ravel(), gb])

    res = minimize(loss, np.zeros(d * c + c), jac=True, method="L-BFGS-B", options={"maxiter": 300})
    w = res.x[: d * c].reshape(d, c)
    b = res.x[d * c:]
    inv = {i: f for f, i in vocab.items()}
    weights: dict[str, dict[int, float]] = {}
    for j in range(d):
        row = {k: float(w[j, k]) for k in range(c) if abs(w[j, k]) >= PRUNE}
        if row:
            weights[inv[j]] = row
    return Classifier(labels=tuple(labels), bias=tuple(float(v) for v in b), weights=weights, about=ABOUT)


def main() -> int:
    import csv

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", default=str(ROOT.parent / "shared" / "bench"))
    ap.add_argument("--out", default=str(OUT), help="where to write the model (use it with "
                    "CONSILIENCE_EVENT_CLASSIFIER=FILE; it is not packaged: the training data is GPL-3.0)")
    args = ap.parse_args()
    out = Path(args.out).expanduser()
    path = Path(args.bench) / "acled_sample" / "acled_2022_dev.csv"
    if not path.exists():
        print(f"{path} not found")
        return 1
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    model = fit_rows(rows)
    out.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB, {len(model.weights)} features, {len(model.labels)} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
