#!/usr/bin/env python3
"""Reference values for long certified training (re-centred, `CentredTraining`): the tutorial's
2-2-2 logistic net (Mazur 2015: inputs 0.05 0.10, targets 0.01 0.99, weights 0.15 … 0.55, shared
biases 0.35 0.60 not trained, half-squared error, η = 0.5, all eight weights updated at once from
one forward pass), trained in mpmath at 80 significant digits, independent of derivcheck.

    python3 Tests/CheckerTests/Resources/long/make_long_training.py > Tests/CheckerTests/Resources/long/long_training.tsv

Prints, after each listed number of steps, E_total, out_o1 and out_o2 to 40 significant digits.
Rounding error over 30,000 steps at 80 digits stays below 1e-70, far under the 40 digits printed.
"""
from mpmath import mp, mpf, exp, nstr

mp.dps = 80
i1, i2, t1, t2, b1, b2, eta = (mpf(s) for s in ("0.05", "0.10", "0.01", "0.99", "0.35", "0.60", "0.5"))
w = [mpf(s) for s in ("0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55")]
STEPS = (20000, 30000)


def forward(w):
    s = lambda x: 1 / (1 + exp(-x))
    h1 = s(w[0] * i1 + w[1] * i2 + b1)
    h2 = s(w[2] * i1 + w[3] * i2 + b1)
    o1 = s(w[4] * h1 + w[5] * h2 + b2)
    o2 = s(w[6] * h1 + w[7] * h2 + b2)
    return h1, h2, o1, o2


print("steps\tE_total\tout_o1\tout_o2")
for step in range(1, max(STEPS) + 1):
    h1, h2, o1, o2 = forward(w)
    d1 = (o1 - t1) * o1 * (1 - o1)
    d2 = (o2 - t2) * o2 * (1 - o2)
    e1 = (d1 * w[4] + d2 * w[6]) * h1 * (1 - h1)
    e2 = (d1 * w[5] + d2 * w[7]) * h2 * (1 - h2)
    g = [e1 * i1, e1 * i2, e2 * i1, e2 * i2, d1 * h1, d1 * h2, d2 * h1, d2 * h2]
    w = [p - eta * q for p, q in zip(w, g)]
    if step in STEPS:
        _, _, o1, o2 = forward(w)
        loss = (t1 - o1) ** 2 / 2 + (t2 - o2) ** 2 / 2
        print(f"{step}\t{nstr(loss, 40, min_fixed=0, max_fixed=0)}\t{nstr(o1, 40, min_fixed=0, max_fixed=0)}"
              f"\t{nstr(o2, 40, min_fixed=0, max_fixed=0)}")
