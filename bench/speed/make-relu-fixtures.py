#!/usr/bin/env python3
"""Writes the relu fixtures of the diagnosis benchmark: deep relu nets (logistic outputs,
half-squared loss, one shared bias per layer) whose every weight is trained, each with ONE wrong
claim, `E_total@100`, so that `derivcheck check` screens every candidate mistake.

    python3 bench/speed/make-relu-fixtures.py            # writes bench/speed/relu-{8,32,34,128}.deriv

The true `E_total@100` is computed here with mpmath at 60 digits (the same forward pass, backward
pass and simultaneous update `p <- p - rate * dE/dp` as the fixture format defines), then moved
by a relative 3.7e-6 and printed with 9 significant digits: a number that is `wrong` and that no
mistake is expected to reproduce. Weights are positive and inputs positive, so the relu units are
active at the start (no relu'(0) ties).
"""
import os
import random

from mpmath import mp, mpf, nstr

mp.dps = 60

# Name: layer sizes (input, hidden..., output). Trained weights = sum of products of neighbours.
NETS = {
    "relu-8": [2, 1, 2, 1, 2],
    "relu-32": [2, 2, 2, 4, 4],
    "relu-34": [2, 1, 4, 4, 3],
    "relu-128": [2, 4, 8, 8, 3],
}
STEPS = 100
RATE = "0.1"
INPUTS = ["0.05", "0.10"]


def relu(x):
    return x if x > 0 else mpf(0)


def logistic(x):
    return 1 / (1 + mp.exp(-x))


def forward(layers, weights, biases, inputs):
    """Every layer's outputs (inputs first) and nets; weights[l][k][j] feeds neuron k from j."""
    outs, nets = [inputs], []
    for layer in range(1, len(layers)):
        net = [sum(weights[layer - 1][k][j] * outs[-1][j] for j in range(layers[layer - 1])) + biases[layer - 1]
               for k in range(layers[layer])]
        last = layer == len(layers) - 1
        nets.append(net)
        outs.append([logistic(x) if last else relu(x) for x in net])
    return outs, nets


def step(layers, weights, biases, inputs, targets, rate):
    """One gradient-descent step on E = sum 1/2 (t - out)^2, every gradient at the same point."""
    outs, nets = forward(layers, weights, biases, inputs)
    out = outs[-1]
    delta = [(out[k] - targets[k]) * out[k] * (1 - out[k]) for k in range(layers[-1])]
    grads = [None] * len(weights)
    for layer in range(len(layers) - 1, 0, -1):
        grads[layer - 1] = [[delta[k] * outs[layer - 1][j] for j in range(layers[layer - 1])]
                            for k in range(layers[layer])]
        if layer > 1:
            delta = [sum(weights[layer - 1][k][j] * delta[k] for k in range(layers[layer]))
                     * (1 if nets[layer - 2][j] > 0 else 0) for j in range(layers[layer - 1])]
    return [[[weights[l][k][j] - rate * grads[l][k][j] for j in range(len(weights[l][k]))]
             for k in range(len(weights[l]))] for l in range(len(weights))]


def loss(layers, weights, biases, inputs, targets):
    out = forward(layers, weights, biases, inputs)[0][-1]
    return sum((t - o) ** 2 / 2 for t, o in zip(targets, out))


def fixture(name, layers, rng):
    count = sum(layers[i] * layers[i + 1] for i in range(len(layers) - 1))
    printed_weights = [f"{rng.randint(10, 60) / 100:.2f}" for _ in range(count)]
    printed_biases = [f"{rng.randint(5, 40) / 100:.2f}" for _ in range(len(layers) - 1)]
    printed_targets = [f"{rng.randint(5, 95) / 100:.2f}" for _ in range(layers[-1])]
    flat = iter(mpf(w) for w in printed_weights)
    weights = [[[next(flat) for _ in range(layers[l])] for _ in range(layers[l + 1])] for l in range(len(layers) - 1)]
    biases = [mpf(b) for b in printed_biases]
    inputs = [mpf(x) for x in INPUTS]
    targets = [mpf(t) for t in printed_targets]
    for _ in range(STEPS):
        weights = step(layers, weights, biases, inputs, targets, mpf(RATE))
    true = loss(layers, weights, biases, inputs, targets)
    wrong = nstr(true * (1 + mpf("3.7e-6")), 9, min_fixed=-30, max_fixed=30)
    names = " ".join(f"w{i + 1}" for i in range(count))
    return "\n".join([
        f"# {'-'.join(map(str, layers))} relu net, logistic outputs, {count} trained weights: one wrong claim.",
        f"# Written by bench/speed/make-relu-fixtures.py; the true E_total@{STEPS} is {nstr(true, 20)}.",
        "[network]",
        f"layers = {' '.join(map(str, layers))}",
        f"activation = {' '.join(['relu'] * (len(layers) - 2) + ['logistic'])}",
        f"inputs = {' '.join(INPUTS)}",
        f"targets = {' '.join(printed_targets)}",
        f"weights = {' '.join(printed_weights)}",
        f"biases = {' '.join(printed_biases)}",
        "loss = half-squared",
        "",
        "[training]",
        "loss = E_total",
        f"parameters = {names}",
        f"rate = {RATE}",
        "",
        "[claims]",
        f"E_total@{STEPS} = {wrong}",
        "",
    ])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, layers in NETS.items():
        rng = random.Random(2026 + sum(layers))
        with open(os.path.join(here, name + ".deriv"), "w", encoding="utf-8") as out:
            out.write(fixture(name, layers, rng))


if __name__ == "__main__":
    main()
