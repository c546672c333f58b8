#!/usr/bin/env python3
"""Writes the end-to-end fixtures of this directory (*.deriv) from the reference values.

Run from anywhere: `python3 Tests/CheckerTests/Resources/networks/make_network_fixtures.py`
(after make_training_reference.py). Inputs, all computed without derivcheck:
  ../../../SymbolicTests/Resources/values.tsv, derivatives.tsv   (sympy at 60 digits, 50 printed)
  training-reference.tsv                                           (mpmath at 60 digits, 40 printed)
Each numeric claim is made from a reference value so that its verdict is known by construction,
with exact decimal arithmetic (Fraction) on the reference digits:
  exact       the reference correctly rounded to 9 decimals
  truncated   the reference cut toward zero at the first of 9, 8, ... 3 decimals where that
              differs from its rounding
  last-digit  the correct rounding at 9 decimals moved one unit away from zero (never the
              truncation)
  wrong       a clearly wrong number (the reference times 1.5, plus 0.1), or a neighbouring
              step's value (off-by-one) or another variant's value (biases-trained)
The script asserts every construction against the format's rules (it refuses a value within 1e-30
of a rounding tie). The expected verdict is written in each claim's note as `expect: VERDICT`,
optionally followed by `; MISTAKE` (a mistake the report must list among the explanations).
Formula claims (`==`) carry hand-derived expectations (equal / not-equal), explained in the note.
"""
import os
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
SYMBOLIC = os.path.normpath(os.path.join(HERE, "..", "..", "..", "SymbolicTests", "Resources"))


def table(path, key_columns):
    rows = {}
    lines = open(path, encoding="utf-8").read().splitlines()[1:]
    for line in lines:
        cells = line.split("\t")
        rows[tuple(cells[:key_columns])] = Fraction(cells[key_columns])
    return rows


VALUES = table(os.path.join(SYMBOLIC, "values.tsv"), 2)
DERIVATIVES = table(os.path.join(SYMBOLIC, "derivatives.tsv"), 3)
TRAINING = table(os.path.join(HERE, "training-reference.tsv"), 3)


def places_text(q, places):
    """q (a Fraction that is a multiple of 10^-places) as a decimal string."""
    n = q * 10 ** places
    assert n.denominator == 1
    n = n.numerator
    sign = "-" if n < 0 else ""
    digits = str(abs(n)).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def rounded(v, places):
    unit = Fraction(1, 10 ** places)
    n = v / unit
    floor = n.numerator // n.denominator
    frac = n - floor
    assert abs(frac - Fraction(1, 2)) > Fraction(1, 10 ** 25), "too close to a tie"
    return (floor + (1 if frac > Fraction(1, 2) else 0)) * unit


def truncated(v, places):
    unit = Fraction(1, 10 ** places)
    n = abs(v) / unit
    t = (n.numerator // n.denominator) * unit
    return t if v >= 0 else -t


def make(v, verdict, places=9):
    if verdict == "exact":
        return places_text(rounded(v, places), places)
    if verdict == "truncated":
        for p in range(places, 2, -1):
            if truncated(v, p) != rounded(v, p):
                return places_text(truncated(v, p), p)
        return None
    if verdict == "last-digit":
        r = rounded(v, places)
        return places_text(r + (1 if v >= 0 else -1) * Fraction(1, 10 ** places), places)
    if verdict == "wrong":
        return places_text(rounded(v * Fraction(3, 2) + Fraction(1, 10), places), places)
    raise ValueError(verdict)


def is_wrong(printed, v):
    """The format's rules say neither exact, truncated nor last-digit (at the printed places)."""
    places = len(printed.split(".")[1]) if "." in printed else 0
    p, unit = Fraction(printed), Fraction(1, 10 ** places)
    return abs(p - v) > unit * 3 / 2 and p != truncated(v, places)


class Fixture:
    def __init__(self, name, source, variant, title):
        self.name, self.source, self.variant, self.title = name, source, variant, title
        self.claims = []

    def value(self, quantity, step=0, variant=None):
        if step > 0 or variant:
            return TRAINING[(variant or self.variant, str(step), quantity)]
        if "/" in quantity:
            of, by = quantity[1:].split("/d")
            return DERIVATIVES[(self.source, of, by)]
        return VALUES[(self.source, quantity)] if (self.source, quantity) in VALUES else TRAINING[(self.variant, "0", quantity)]

    def claim(self, quantity, verdict, step=0, note=""):
        v = self.value(quantity, step)
        printed = make(v, verdict)
        if printed is None:
            return
        written = quantity + ("@%d" % step if step else "")
        self.claims.append("%s = %s    # expect: %s%s" % (written, printed, verdict, (" (" + note + ")") if note else ""))

    def wrong_from(self, quantity, step, value, mistake, note):
        for places in range(9, 16):  # more decimals where neighbouring steps are close
            printed = make(value, "exact", places)
            if is_wrong(printed, self.value(quantity, step)):
                break
        else:
            raise AssertionError((self.name, quantity, step))
        written = quantity + ("@%d" % step if step else "")
        self.claims.append("%s = %s    # expect: wrong; %s (%s)" % (written, printed, mistake, note))

    def formula(self, quantity, expression, verdict, note):
        self.claims.append("%s == %s    # expect: %s (%s)" % (quantity, expression, verdict, note))

    def text(self):
        source = open(os.path.join(SYMBOLIC, self.source), encoding="utf-8").read()
        if self.training_override:
            lines = source.splitlines()
            lines = [self.training_override if l.startswith("parameters") else l for l in lines]
            source = "\n".join(lines) + "\n"
        header = ["# %s: %s" % (self.name, self.title),
                  "# Written by make_network_fixtures.py from Tests/SymbolicTests/Resources/%s; do not edit." % self.source,
                  "# reference: %s %s" % (self.source, self.variant), ""]
        return "\n".join(header) + source + "\n[claims]\n" + "\n".join(self.claims) + "\n"

    training_override = None


def standard(f, names, derivatives, trained=True):
    """exact / truncated / last-digit / wrong claims over some names and derivatives."""
    kinds = ["exact", "truncated", "last-digit", "exact", "wrong"]
    for index, quantity in enumerate(names + derivatives):
        f.claim(quantity, kinds[index % len(kinds)])
    if trained:
        f.claim("E_total", "exact", step=1)
        f.claim("w1", "exact", step=1)
        f.claim("E_total", "exact", step=100)
        f.claim("E_total", "truncated", step=100)
        f.wrong_from("E_total", 100, f.value("E_total", 99), "off-by-one", "the error after 99 steps")


fixtures = []

f = Fixture("tanh.deriv", "tanh-logistic.deriv", "tanh", "a 2-3-2 net, tanh hidden layer, logistic outputs")
standard(f, ["net_h1", "out_h1", "out_h3", "net_o1", "out_o1", "E_o2", "E_total"],
         ["dE_total/dw1", "dE_total/dw6", "dE_total/dw7", "dE_total/dw12", "dE_total/db1"])
f.formula("dout_h1/dnet_h1", "1 - out_h1^2", "equal", "tanh' = 1 - tanh^2")
f.formula("dout_h1/dnet_h1", "out_h1*(1 - out_h1)", "not-equal", "the logistic's derivative, not tanh's")
f.formula("dE_total/dw1", "dE_total/dnet_h1*i1", "equal", "delta rule")
f.formula("w7+", "w7 - 0.5*dE_total/dw7", "equal", "the update rule at rate 0.5")
f.formula("w7+", "w7 + 0.5*dE_total/dw7", "not-equal", "the update with the wrong sign")
fixtures.append(f)

f = Fixture("relu.deriv", "relu.deriv", "relu", "a 3-2-1 relu net with the squared loss (h1 is dead: net_h1 < 0)")
standard(f, ["net_h1", "out_h2", "out_o1", "E_total"], ["dE_total/dw4", "dE_total/dw8", "dE_total/db2"], trained=False)
f.claim("E_total", "exact", step=1)
f.claim("w6", "exact", step=1)
f.claim("E_total", "exact", step=2)
f.claim("out_o1", "truncated", step=2)
f.wrong_from("E_total", 2, f.value("E_total", 1), "off-by-one", "the error after 1 step")
f.claims.append("out_h1 = 0    # expect: exact (relu of a negative net input)")
f.claims.append("dE_total/dw1 = 0    # expect: exact (relu'(net_h1) = 0: no gradient through the dead neuron)")
f.claims.append("E_total = 67081/250000    # expect: exact (0.268324 as a rational claims its exact value)")
f.claims.append("E_total = 1/4    # expect: wrong (a rational claim that is not the value)")
f.formula("dE_total/dout_o1", "2*(out_o1 - target_o1)", "equal", "the squared loss has no 1/2")
f.formula("dE_total/dout_o1", "out_o1 - target_o1", "not-equal", "that is the half-squared loss's derivative")
f.formula("dE_total/dw1", "0", "equal", "h1 stays dead at every point within 10% of the givens")
fixtures.append(f)

f = Fixture("relu-100.deriv", "relu.deriv", "relu", "the relu net after 100 steps (its training oscillates: out_o1 jumps around the target)")
f.claim("E_total", "exact", step=100)
f.claim("out_o1", "exact", step=100)
f.claim("w8", "exact", step=100)
f.wrong_from("E_total", 100, f.value("E_total", 99), "off-by-one", "the error after 99 steps")
fixtures.append(f)

f = Fixture("cross-entropy.deriv", "per-neuron-bias.deriv", "cross-entropy",
            "a 2-2-2 logistic net with per-neuron biases and the binary cross-entropy loss")
standard(f, ["net_h2", "out_h2", "out_o1", "E_o1", "E_total"],
         ["dE_total/dw1", "dE_total/dw5", "dE_total/dw8", "dE_total/db_h1", "dE_total/db_o2"])
f.formula("dE_total/dnet_o1", "out_o1 - target_o1", "equal", "logistic output with cross-entropy: delta = out - target")
f.formula("dE_total/dnet_o1", "(out_o1 - target_o1)*out_o1*(1 - out_o1)", "not-equal", "the half-squared loss's delta")
f.formula("dE_o1/dout_o1", "(out_o1 - target_o1)/(out_o1*(1 - out_o1))", "equal", "the derivative of the binary cross-entropy")
f.formula("dE_total/db_o1", "dE_total/dnet_o1", "equal", "a per-neuron bias's gradient is its neuron's delta")
f.formula("dE_total/db_h1", "dE_total/dnet_h1", "equal", "a per-neuron bias's gradient is its neuron's delta")
fixtures.append(f)

f = Fixture("trained-biases.deriv", "per-neuron-bias.deriv", "trained-biases",
            "the per-neuron-bias net with its biases trained too ([training] parameters list them)")
f.training_override = "parameters = w1 w2 w3 w4 w5 w6 w7 w8 b_h1 b_h2 b_o1 b_o2"
for q in ["b_h1", "b_h2", "b_o1", "b_o2", "w5", "E_total", "out_o1"]:
    f.claim(q, "exact", step=1)
f.claim("b_o2", "last-digit", step=1)
f.claim("b_o1", "exact", step=100)
f.claim("E_total", "exact", step=100)
f.claim("E_total", "truncated", step=100)
f.wrong_from("E_total", 1, TRAINING[("cross-entropy", "1", "E_total")], "biases-trained", "the biases left fixed")
f.wrong_from("b_o1", 1, f.value("b_o1", 2), "off-by-one", "b_o1 after 2 steps")
f.formula("b_o1+", "b_o1 - 0.5*dE_total/db_o1", "equal", "a trained bias's update rule")
f.formula("b_o1+", "b_o1 - 0.5*dE_total/dnet_o2", "not-equal", "o2's delta is not o1's")
fixtures.append(f)

f = Fixture("two-hidden.deriv", "two-hidden.deriv", "two-hidden", "a 2-3-2-2 logistic net with two hidden layers")
standard(f, ["out_h1_1", "net_h2_1", "out_h2_2", "out_o1", "out_o2", "E_total"],
         ["dE_total/dw1", "dE_total/dw7", "dE_total/dw12", "dE_total/dw13", "dE_total/dw16", "dE_total/db1", "dE_total/db3"])
f.formula("dE_total/dw13", "dE_total/dnet_o1*out_h2_1", "equal", "w13 feeds o1 from h2_1")
f.formula("dE_total/dw13", "dE_total/dnet_o1*out_h1_1", "not-equal", "out_h1_1 does not feed o1")
f.formula("dE_total/dout_h1_1", "dE_total/dnet_h2_1*w7 + dE_total/dnet_h2_2*w10", "equal", "h1_1 feeds h2_1 by w7 and h2_2 by w10")
fixtures.append(f)

f = Fixture("equations.deriv", "equations.deriv", "tutorial",
            "the tutorial's net written as [model] equations; no claim is wrong (exit status 0)")
for q, verdict in [("net_h1", "exact"), ("out_h1", "exact"), ("out_h2", "truncated"), ("out_o1", "exact"),
                   ("E_o2", "last-digit"), ("E_total", "exact"), ("dE_total/dw1", "exact"), ("dE_total/dw5", "exact"),
                   ("dE_total/dw4", "truncated"), ("dE_total/db2", "exact"), ("dout_o1/dnet_o1", "exact"),
                   ("dE_total/dout_h1", "exact"), ("dE_o2/dout_h1", "last-digit")]:
    f.value(q)  # must exist
    f.claim(q, verdict)
f.claim("E_total", "exact", step=1)
f.claim("w5", "exact", step=1)
f.claim("E_total", "exact", step=100)
f.claim("out_o1", "exact", step=100)
f.formula("dE_total/dw5", "(out_o1 - target_o1)*out_o1*(1 - out_o1)*out_h1", "equal", "the delta rule")
f.formula("E_total", "1/2*(target_o1 - out_o1)^2 + 1/2*(target_o2 - out_o2)^2", "equal", "the definitions expanded")
f.formula("w1+", "w1 - 0.5*dE_total/dw1", "equal", "the update rule at rate 0.5")
fixtures.append(f)

f = Fixture("equations-biases.deriv", "equations.deriv", "tutorial-biases",
            "the tutorial's net as equations, training the shared biases b1 and b2 as well")
f.training_override = "parameters = w1 w2 w3 w4 w5 w6 w7 w8 b1 b2"
for q in ["b1", "b2", "w1", "w5", "E_total"]:
    f.claim(q, "exact", step=1)
f.claim("E_total", "exact", step=100)
f.wrong_from("E_total", 1, TRAINING[("tutorial", "1", "E_total")], "biases-trained", "the tutorial's value, biases left fixed")
fixtures.append(f)


def main():
    for f in fixtures:
        with open(os.path.join(HERE, f.name), "w", encoding="utf-8") as fh:
            fh.write(f.text())
        print("wrote", f.name, len(f.claims), "claims")


main()
