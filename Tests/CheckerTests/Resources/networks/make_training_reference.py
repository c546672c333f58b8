#!/usr/bin/env python3
"""Independent training reference for the end-to-end fixtures in this directory.

Run from anywhere: `python3 Tests/CheckerTests/Resources/networks/make_training_reference.py`.
Writes training-reference.tsv beside this script, byte for byte reproducibly.

Method: mpmath at mp.dps = 60 (about 200 bits). Every given is read exactly from its decimal text
(Fraction, then mpf of numerator / denominator, never through a float). The network of each
source fixture (Tests/SymbolicTests/Resources/*.deriv, [network] shorthand of
/work/shared/fixture-format.md) is evaluated by a hand-written forward pass, and its gradient by a
hand-written backward pass (delta rule: delta = dE/dnet per neuron, dE/dw = delta(receiving) *
out(sending); a shared bias sums the deltas of its layer, a per-neuron bias takes its neuron's).
This shares no code with derivcheck and none with make_derivatives.py (sympy) or make_expected.py.
Training is plain gradient descent with simultaneous updates, p <- p - rate * dE_total/dp, every
gradient taken at the same point, over the parameters the variant lists.

Activations: logistic 1/(1+exp(-x)) (derivative out*(1-out)), tanh (1-out^2), relu (x if x > 0
else 0; derivative 1 if x > 0 else 0, so relu'(0) = 0), softplus log(1+exp(x)) (derivative
logistic(x)), linear (1). Losses per output: half-squared (t-o)^2/2, squared (t-o)^2,
cross-entropy -(t log o + (1-t) log(1-o)); E_total is their sum.

Accuracy: 100 steps of these small networks lose far less than 20 of the 60 digits (checked by
rerunning at mp.dps = 90: every printed value agrees to all 40 digits; run with --check to repeat).

Output columns (tab separated): variant, step, quantity, value. `value` has 40 significant digits
in mpmath's scientific notation (mp.nstr(v, 40, strip_zeros=False, min_fixed=0, max_fixed=0)).
Variants (name: source fixture, trained parameters):
  tanh:            tanh-logistic.deriv, w1..w12
  relu:            relu.deriv, w1..w8
  cross-entropy:   per-neuron-bias.deriv, w1..w8
  trained-biases:  per-neuron-bias.deriv, w1..w8 b_h1 b_h2 b_o1 b_o2
  two-hidden:      two-hidden.deriv, w1..w16
  tutorial:        tutorial.deriv, w1..w8 (the network equations.deriv writes out as equations)
  tutorial-biases: tutorial.deriv, w1..w8 b1 b2 (what a reader who also trains the biases gets)
Steps: 0, 1, 2, 99, 100, 101.
"""
import os
import sys
from fractions import Fraction

from mpmath import mp, mpf

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "SymbolicTests", "Resources"))
STEPS = [0, 1, 2, 99, 100, 101]

W = lambda n: ["w%d" % k for k in range(1, n + 1)]
VARIANTS = [
    ("tanh", "tanh-logistic.deriv", W(12)),
    ("relu", "relu.deriv", W(8)),
    ("cross-entropy", "per-neuron-bias.deriv", W(8)),
    ("trained-biases", "per-neuron-bias.deriv", W(8) + ["b_h1", "b_h2", "b_o1", "b_o2"]),
    ("two-hidden", "two-hidden.deriv", W(16)),
    ("tutorial", "tutorial.deriv", W(8)),
    ("tutorial-biases", "tutorial.deriv", W(8) + ["b1", "b2"]),
]


def exact(text):
    q = Fraction(text)
    return mpf(q.numerator) / mpf(q.denominator)


def read_network(path):
    keys, rate, section = {}, None, None
    for raw in open(path, encoding="utf-8"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, value = [part.strip() for part in line.split("=", 1)]
        if section == "network":
            keys[key] = value.split()
        elif section == "training" and key == "rate":
            rate = value
    return keys, rate


class Net:
    def __init__(self, keys):
        self.layers = [int(x) for x in keys["layers"]]
        acts = keys.get("activation", ["logistic"])
        self.acts = acts * (len(self.layers) - 1) if len(acts) == 1 else acts
        self.inputs = [exact(x) for x in keys["inputs"]]
        self.targets = [exact(x) for x in keys["targets"]]
        self.loss = keys["loss"][0]
        self.mode = keys.get("bias", ["shared"])[0]
        L = len(self.layers)
        self.names = []  # neuron names per layer (layer 0: inputs)
        for l, size in enumerate(self.layers):
            if l == 0:
                self.names.append(["i%d" % (n + 1) for n in range(size)])
            elif l == L - 1:
                self.names.append(["o%d" % (n + 1) for n in range(size)])
            elif L == 3:
                self.names.append(["h%d" % (n + 1) for n in range(size)])
            else:
                self.names.append(["h%d_%d" % (l, n + 1) for n in range(size)])
        self.params = {}
        self.weight_index = []  # per layer l >= 1: [receiver][sender] -> weight name
        k = 0
        values = keys["weights"]
        for l in range(1, L):
            rows = []
            for r in range(self.layers[l]):
                row = []
                for s in range(self.layers[l - 1]):
                    name = "w%d" % (k + 1)
                    self.params[name] = exact(values[k])
                    row.append(name)
                    k += 1
                rows.append(row)
            self.weight_index.append(rows)
        assert k == len(values)
        self.bias_names = []
        biases = keys.get("biases")
        k = 0
        for l in range(1, L):
            if self.mode == "shared":
                name = "b%d" % l
                self.params[name] = exact(biases[k])
                self.bias_names.append([name] * self.layers[l])
                k += 1
            else:
                row = []
                for n in self.names[l]:
                    name = "b_" + n
                    self.params[name] = exact(biases[k])
                    row.append(name)
                    k += 1
                self.bias_names.append(row)
        assert k == len(biases)

    @staticmethod
    def act(kind, x):
        if kind == "logistic":
            return 1 / (1 + mp.exp(-x))
        if kind == "tanh":
            return mp.tanh(x)
        if kind == "relu":
            return x if x > 0 else mpf(0)
        if kind == "softplus":
            return mp.log(1 + mp.exp(x))
        assert kind == "linear"
        return x

    @staticmethod
    def act_prime(kind, x, y):
        if kind == "logistic":
            return y * (1 - y)
        if kind == "tanh":
            return 1 - y * y
        if kind == "relu":
            return mpf(1) if x > 0 else mpf(0)
        if kind == "softplus":
            return 1 / (1 + mp.exp(-x))
        return mpf(1)

    def forward(self, p):
        outs, nets = [self.inputs], [None]
        for l in range(1, len(self.layers)):
            net_l, out_l = [], []
            for r in range(self.layers[l]):
                x = sum(p[self.weight_index[l - 1][r][s]] * outs[l - 1][s] for s in range(self.layers[l - 1]))
                x += p[self.bias_names[l - 1][r]]
                net_l.append(x)
                out_l.append(self.act(self.acts[l - 1], x))
            nets.append(net_l)
            outs.append(out_l)
        errors = []
        for o, t in zip(outs[-1], self.targets):
            if self.loss == "half-squared":
                errors.append((t - o) ** 2 / 2)
            elif self.loss == "squared":
                errors.append((t - o) ** 2)
            else:
                errors.append(-(t * mp.log(o) + (1 - t) * mp.log(1 - o)))
        return nets, outs, errors

    def gradient(self, p):
        nets, outs, _ = self.forward(p)
        L = len(self.layers)
        g = {name: mpf(0) for name in p}
        delta = []
        for n, (o, t) in enumerate(zip(outs[-1], self.targets)):
            if self.loss == "half-squared":
                d_out = o - t
            elif self.loss == "squared":
                d_out = 2 * (o - t)
            else:
                d_out = -(t / o) + (1 - t) / (1 - o)
            delta.append(d_out * self.act_prime(self.acts[-1], nets[-1][n], o))
        for l in range(L - 1, 0, -1):
            for r in range(self.layers[l]):
                for s in range(self.layers[l - 1]):
                    g[self.weight_index[l - 1][r][s]] += delta[r] * outs[l - 1][s]
                g[self.bias_names[l - 1][r]] += delta[r]
            if l > 1:
                below = []
                for s in range(self.layers[l - 1]):
                    back = sum(delta[r] * p[self.weight_index[l - 1][r][s]] for r in range(self.layers[l]))
                    below.append(back * self.act_prime(self.acts[l - 2], nets[l - 1][s], outs[l - 1][s]))
                delta = below
        return g


def rows_for(variant, source, trained):
    keys, rate = read_network(os.path.join(SOURCES, source))
    net = Net(keys)
    eta = exact(rate)
    p = dict(net.params)
    rows = []
    for step in range(max(STEPS) + 1):
        if step in STEPS:
            _, outs, errors = net.forward(p)
            values = [("E_total", sum(errors))]
            values += [("out_" + n, v) for n, v in zip(net.names[-1], outs[-1])]
            values += [(name, p[name]) for name in sorted(p, key=lambda s: (s[0] != "w", len(s), s))]
            rows += [(variant, step, q, v) for q, v in values]
        g = net.gradient(p)
        p = {name: (value - eta * g[name] if name in trained else value) for name, value in p.items()}
    return rows


def fmt(v):
    return mp.nstr(v, 40, strip_zeros=False, min_fixed=0, max_fixed=0)


def main():
    mp.dps = 90 if "--check" in sys.argv else 60
    lines = ["variant\tstep\tquantity\tvalue"]
    for variant, source, trained in VARIANTS:
        lines += ["%s\t%d\t%s\t%s" % (v, s, q, fmt(x)) for v, s, q, x in rows_for(variant, source, trained)]
    text = "\n".join(lines) + "\n"
    path = os.path.join(HERE, "training-reference.tsv")
    if "--check" in sys.argv:
        assert open(path, encoding="utf-8").read() == text, "dps 90 disagrees with the stored file"
        print("training-reference.tsv agrees at mp.dps = 90")
    else:
        open(path, "w", encoding="utf-8").write(text)
        print("wrote", path, len(lines) - 1, "rows")


if __name__ == "__main__":
    main()
