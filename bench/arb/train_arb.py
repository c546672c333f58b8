#!/usr/bin/env python3
"""10,000 simultaneous gradient-descent steps of the tutorial's 2-2-2 logistic net
(Matt Mazur, "A Step by Step Backpropagation Example", 2015) with python-flint's `arb`
ball arithmetic at 128 bits, against the same loop in plain Python floats, best of 5 each.

    python3 bench/arb/train_arb.py [steps] [repeats]

Net: inputs 0.05 0.10, targets 0.01 0.99, weights w1..w8 = 0.15 0.20 0.25 0.30 0.40 0.45
0.50 0.55, one shared bias per layer b1 = 0.35, b2 = 0.60 (not trained), logistic
activations, half-squared error E = ½(t1 − o1)² + ½(t2 − o2)², η = 0.5; all eight weights are
updated from the same forward pass (simultaneous update), as derivcheck's Trainer does.
"""
import sys
import time

import flint
from flint import arb, fmpq

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 5

flint.ctx.prec = 128

WEIGHTS = ["0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55"]


def exact(decimal):
    """A ball enclosing the exact decimal (arb("0.05") rounds the exact rational outward)."""
    numerator, _, fraction = decimal.partition(".")
    return fmpq(int(numerator + fraction), 10 ** len(fraction))


def train(steps, one, logistic, i1, i2, t1, t2, b1, b2, eta, weights):
    """The loop written once; `one`/`logistic` pick the arithmetic. Returns w1..w8."""
    w1, w2, w3, w4, w5, w6, w7, w8 = weights
    for _ in range(steps):
        # forward pass
        out_h1 = logistic(w1 * i1 + w2 * i2 + b1)
        out_h2 = logistic(w3 * i1 + w4 * i2 + b1)
        out_o1 = logistic(w5 * out_h1 + w6 * out_h2 + b2)
        out_o2 = logistic(w7 * out_h1 + w8 * out_h2 + b2)
        # deltas: dE/dnet for each neuron (half-squared error, logistic' = out(1 − out))
        d_o1 = (out_o1 - t1) * out_o1 * (one - out_o1)
        d_o2 = (out_o2 - t2) * out_o2 * (one - out_o2)
        d_h1 = (d_o1 * w5 + d_o2 * w7) * out_h1 * (one - out_h1)
        d_h2 = (d_o1 * w6 + d_o2 * w8) * out_h2 * (one - out_h2)
        # simultaneous update, every gradient from the same forward pass
        w1, w2 = w1 - eta * d_h1 * i1, w2 - eta * d_h1 * i2
        w3, w4 = w3 - eta * d_h2 * i1, w4 - eta * d_h2 * i2
        w5, w6 = w5 - eta * d_o1 * out_h1, w6 - eta * d_o1 * out_h2
        w7, w8 = w7 - eta * d_o2 * out_h1, w8 - eta * d_o2 * out_h2
    return [w1, w2, w3, w4, w5, w6, w7, w8]


def arb_run(steps):
    one = arb(1)

    def logistic(x):
        return one / (one + (-x).exp())

    a = lambda d: arb(exact(d))
    return train(steps, one, logistic, a("0.05"), a("0.10"), a("0.01"), a("0.99"), a("0.35"), a("0.60"),
                 a("0.5"), [a(w) for w in WEIGHTS])


def float_run(steps):
    from math import exp

    def logistic(x):
        return 1.0 / (1.0 + exp(-x))

    return train(steps, 1.0, logistic, 0.05, 0.10, 0.01, 0.99, 0.35, 0.60, 0.5, [float(w) for w in WEIGHTS])


def best(run):
    fastest, result = float("inf"), None
    for _ in range(REPEATS):
        begin = time.perf_counter()
        result = run(STEPS)
        fastest = min(fastest, time.perf_counter() - begin)
    return fastest, result


arb_time, arb_weights = best(arb_run)
float_time, float_weights = best(float_run)

print(f"tutorial 2-2-2 net, {STEPS} simultaneous steps, python-flint {flint.__version__}, "
      f"arb at {flint.ctx.prec} bits, best of {REPEATS}")
print("| loop | ms total | µs / step | × Python float |")
print("| --- | ---: | ---: | ---: |")
for name, seconds in [("Python float", float_time), (f"python-flint arb, {flint.ctx.prec} bits", arb_time)]:
    print(f"| {name} | {seconds * 1e3:.2f} | {seconds * 1e6 / STEPS:.3f} | {seconds / float_time:.1f} |")
print(f"RESULT arb_ns={round(arb_time * 1e9)} float_ns={round(float_time * 1e9)} steps={STEPS}")
w5 = arb_weights[4]
# arb prints only the digits its ball certifies, then the radius it rounds out to.
print(f"w5 after {STEPS} steps, arb {flint.ctx.prec} bits: {w5.str(40)}  "
      f"(midpoint {w5.mid().str(30, radius=False)}; radius {float(w5.rad()):.2g})")
print(f"w5 after {STEPS} steps, Python float: {float_weights[4]!r}")
