#!/usr/bin/env python3
"""Writes batch-1000.deriv: the tutorial's 2-2-2 logistic net trained on 1,000 samples
(deterministic pseudo-random inputs and targets in [0, 1], four decimals each), full batch,
mean reduction, 100 steps, with E_total@100, w5@100 and out_o1[1000]@100 claimed, so that
`derivcheck check` must train all 100 steps over every sample, certified.

    python3 bench/batch/make-batch-fixture.py > bench/batch/batch-1000.deriv
"""
import random
import sys

samples = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = random.Random(2026)
print(f"# {samples} samples, full batch, mean reduction, 100 steps: a benchmark of batched certified training.")
print("[network]\nlayers = 2 2 2\nweights = 0.15 0.20 0.25 0.30 0.40 0.45 0.50 0.55\nbiases = 0.35 0.60\n")
print("[data]\ni1  i2  target_o1  target_o2")
for _ in range(samples):
    print(" ".join(f"{rng.randint(0, 10000) / 10000:.4f}" for _ in range(4)))
print("\n[training]\nparameters = w1 w2 w3 w4 w5 w6 w7 w8\nrate = 0.5\nbatch = full\nreduction = mean\n")
print("[claims]\nE_total@100 = 0.1\nw5@100 = 0.1\nout_o1[1000]@100 = 0.1")
