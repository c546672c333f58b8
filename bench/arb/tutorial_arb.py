#!/usr/bin/env python3
"""The tutorial's total error after N steps of certified training, as one process: what
`derivcheck check bench/speed/tutorial-N.deriv` certifies, done with python-flint's `arb`.

    python3 bench/arb/tutorial_arb.py STEPS [BITS]      # BITS defaults to 170

Net (Matt Mazur, "A Step by Step Backpropagation Example", 2015): inputs 0.05 0.10, targets 0.01
0.99, weights w1..w8 = 0.15 … 0.55, shared biases 0.35 0.60 (not trained), logistic, half-squared
error, η = 0.5, all eight weights updated at once from one forward pass. Every input is built
exactly (`arb(fmpq(5, 100))`). Prints E_total after STEPS steps as arb's ball, and its radius.

At 170 bits arb loses about 75 bits over 1,000,000 steps and still certifies 10 digits
(7.130938542e-39 ± 5.2e-49); at 128 bits it certifies none there. bench/run-speed-bench times
this script, start-up included, beside derivcheck.
"""
import sys

import flint
from flint import arb, fmpq

steps = int(sys.argv[1])
flint.ctx.prec = int(sys.argv[2]) if len(sys.argv) > 2 else 170
exact = lambda n, d: arb(fmpq(n, d))
i1, i2, t1, t2, b1, b2, eta = exact(5, 100), exact(10, 100), exact(1, 100), exact(99, 100), exact(35, 100), \
    exact(60, 100), exact(1, 2)
w1, w2, w3, w4, w5, w6, w7, w8 = (exact(n, 100) for n in (15, 20, 25, 30, 40, 45, 50, 55))
one = arb(1)


def logistic(x):
    return one / (one + (-x).exp())


def forward():
    h1 = logistic(w1 * i1 + w2 * i2 + b1)
    h2 = logistic(w3 * i1 + w4 * i2 + b1)
    return h1, h2, logistic(w5 * h1 + w6 * h2 + b2), logistic(w7 * h1 + w8 * h2 + b2)


for _ in range(steps):
    h1, h2, o1, o2 = forward()
    d1 = (o1 - t1) * o1 * (one - o1)
    d2 = (o2 - t2) * o2 * (one - o2)
    e1 = (d1 * w5 + d2 * w7) * h1 * (one - h1)
    e2 = (d1 * w6 + d2 * w8) * h2 * (one - h2)
    w1, w2, w3, w4 = w1 - eta * e1 * i1, w2 - eta * e1 * i2, w3 - eta * e2 * i1, w4 - eta * e2 * i2
    w5, w6, w7, w8 = w5 - eta * d1 * h1, w6 - eta * d1 * h2, w7 - eta * d2 * h1, w8 - eta * d2 * h2

_, _, o1, o2 = forward()
loss = (t1 - o1) ** 2 / 2 + (t2 - o2) ** 2 / 2
print(f"E_total after {steps} steps, arb at {flint.ctx.prec} bits: {loss.str(12)}  radius {float(loss.rad()):.2g}")
