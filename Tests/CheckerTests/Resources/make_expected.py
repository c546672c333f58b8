#!/usr/bin/env python3
"""Independent reference for derivcheck's checker tests.

Reads Fixtures/mazur-2015.deriv and Fixtures/readers/*.deriv (a minimal parser of its own, enough
for those files), computes every claim's true value with mpmath at mp.dps = 60 from the exact
decimal strings (never through a float), decides the verdict by the rules of
/work/shared/fixture-format.md, and lists the mistakes of the format's table (plus the extension
`miswired`) that reproduce each truncated / last-digit / wrong claim at its printed precision.

Writes, beside this script:
  expected.tsv   file, line, quantity, printed, verdict, exact (40 significant digits), explanations
  training.tsv   the tutorial net's training trajectory (simultaneous and sequential updates)
and prints a summary.

Usage: python3 make_expected.py            (from anywhere; paths are relative to the repository)

Decisions where the format leaves room (also in the summary the script prints):
- Printed precision: a plain decimal claims its decimal places (0.0000351085: 10 places), a number
  with an exponent claims its significant digits, an integer claims units, a/b claims exactness.
- "Reproduces at printed precision" means: the printed number is a correct rounding of the
  candidate value (|printed - value| <= half a unit in the last printed place; a tie counts).
- Carried: the judged claim never feeds its own carried value. If the same quantity was claimed
  earlier at the same step, that earlier (first) claim is the carried value; otherwise the
  quantity is recomputed from the other claims at its step. The local derivative of an activation
  whose definition is `C := logistic(B)` is evaluated as C*(1 - C) with C's carried value (what the
  post does: out(1 - out) with the printed out). Parameters at step 1 that are not claimed are the
  update from carried step-0 values; at steps >= 2 they are the true values.
- Mistakes apply to a claim's quantity at its step:
  sequential     training with the later layers' weights updated before the earlier layers'
                 gradients are taken (activations from the step's forward pass); for a gradient
                 claim dLoss/dp@k, the gradient the sequential step takes at step k.
  off-by-one     the true value at k-1 (when k >= 1) and at k+1.
  swapped        for every ordered pair (a, b) of weights of one layer: a's value where b belongs
                 in every local derivative (and so in training gradients); also both exchanged.
                 Forward pass unchanged.
  no-activation-derivative   the activation's local derivative replaced by 1 everywhere.
  sign           minus the true value; and training with p <- p + η·g.
  no-half        loss `squared` instead of `half-squared` (values, derivatives, training).
  biases-trained biases (plain terms of sums) added to the trained parameters.
  carried        the carried value (see above).
  miswired       for every ordered pair (a, b) of weights of one layer: the forward definitions
                 with a written where b belongs (the model itself changed; derivatives and
                 training follow from the changed model).
- The explanations column is filled for truncated, last-digit and wrong claims only (a carried
  claim is already explained by its verdict). Where nothing explains a claim, the printed summary
  names the closest candidate and how many leading significant digits agree (not in the TSV).
- Formula claims: both sides at the givens and at 6 random rational points (seeded), each given
  scaled by a factor in [0.9, 1.1]; equal if they agree to 1e-45 relative at all, not-equal if
  they differ by more than 1e-30 relative at one.
"""

import glob
import math
import os
import random
import sys
from fractions import Fraction

import mpmath
from mpmath import mp, mpf

mp.dps = 60

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

# ----------------------------------------------------------------------------------------------
# number backends


class NotRational(Exception):
    pass


class MPLib:
    name = "mp"

    @staticmethod
    def conv(q):
        q = Fraction(q)
        return mpf(q.numerator) / mpf(q.denominator)

    zero = mpf(0)
    one = mpf(1)

    @staticmethod
    def exp(x):
        return mp.exp(x)

    @staticmethod
    def log(x):
        return mp.log(x)

    @staticmethod
    def tanh(x):
        return mp.tanh(x)

    @staticmethod
    def sqrt(x):
        return mp.sqrt(x)

    @staticmethod
    def logistic(x):
        return 1 / (1 + mp.exp(-x))

    @staticmethod
    def relu(x):
        return x if x > 0 else mpf(0)

    @staticmethod
    def step(x):
        return mpf(1) if x > 0 else mpf(0)

    @staticmethod
    def softplus(x):
        return mp.log(1 + mp.exp(x))


class FloatLib:
    name = "double"

    @staticmethod
    def conv(q):
        return float(Fraction(q))

    zero = 0.0
    one = 1.0

    @staticmethod
    def exp(x):
        return math.exp(x)

    @staticmethod
    def log(x):
        return math.log(x)

    @staticmethod
    def tanh(x):
        return math.tanh(x)

    @staticmethod
    def sqrt(x):
        return math.sqrt(x)

    @staticmethod
    def logistic(x):
        return 1.0 / (1.0 + math.exp(-x))

    @staticmethod
    def relu(x):
        return x if x > 0 else 0.0

    @staticmethod
    def step(x):
        return 1.0 if x > 0 else 0.0

    @staticmethod
    def softplus(x):
        return math.log1p(math.exp(x))


class FracLib:
    """Exact rationals; any transcendental function raises NotRational."""
    name = "fraction"

    @staticmethod
    def conv(q):
        return Fraction(q)

    zero = Fraction(0)
    one = Fraction(1)

    @staticmethod
    def _no(*a):
        raise NotRational()

    exp = log = tanh = sqrt = logistic = softplus = _no

    @staticmethod
    def relu(x):
        return x if x > 0 else Fraction(0)

    @staticmethod
    def step(x):
        return Fraction(1) if x > 0 else Fraction(0)


# ----------------------------------------------------------------------------------------------
# expressions: tuples
#   ('num', Fraction) ('name', s) ('deriv', A, B) ('neg', x) ('add'|'sub'|'mul'|'div', a, b)
#   ('pow', a, int) ('call', f, x)

FUNCS = {"logistic": "logistic", "sigmoid": "logistic", "σ": "logistic", "exp": "exp",
         "log": "log", "tanh": "tanh", "relu": "relu", "softplus": "softplus", "sqrt": "sqrt"}


def is_name_start(c):
    return c == "_" or c.isalpha()


def is_name_char(c):
    return c == "_" or c.isalnum()


class ParseError(Exception):
    pass


def tokenize(s, names):
    """Tokens: ('num', Fraction, text) ('name', s) ('deriv', A, B) ('op', c)."""
    toks = []
    i, n = 0, len(s)

    def read_name(j):
        k = j
        while k < n and is_name_char(s[k]):
            k += 1
        return s[j:k], k

    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or (c == "." and i + 1 < n and s[i + 1].isdigit()):
            j = i
            while j < n and (s[j].isdigit() or s[j] == "."):
                j += 1
            if j < n and s[j] in "eE" and j + 1 < n and (s[j + 1].isdigit() or
                                                        (s[j + 1] in "+-" and j + 2 < n and s[j + 2].isdigit())):
                j += 2
                while j < n and s[j].isdigit():
                    j += 1
            toks.append(("num", Fraction(s[i:j]), s[i:j]))
            i = j
            continue
        if c == "∂":
            a, j = read_name(i + 1)
            if j < n and s[j] == "/" and j + 1 < n and s[j + 1] == "∂":
                b, k = read_name(j + 2)
                toks.append(("deriv", a, b))
                i = k
                continue
            raise ParseError("bad ∂ at %d in %r" % (i, s))
        if is_name_start(c):
            w, j = read_name(i)
            # d(A)/d(B)
            if w == "d" and j < n and s[j] == "(":
                k = s.find(")", j)
                if k > 0 and s[k + 1:k + 4] == "/d(":
                    m = s.find(")", k + 4)
                    a, b = s[j + 1:k].strip(), s[k + 4:m].strip()
                    if a in names and b in names:
                        toks.append(("deriv", a, b))
                        i = m + 1
                        continue
            # dA/dB without spaces
            if w.startswith("d") and w[1:] in names and j + 1 < n and s[j] == "/" and s[j + 1] == "d":
                w2, k = read_name(j + 1)
                if w2[1:] in names:
                    toks.append(("deriv", w[1:], w2[1:]))
                    i = k
                    continue
            toks.append(("name", w))
            i = j
            continue
        if c in "+-*/^()·×":
            toks.append(("op", {"·": "*", "×": "*"}.get(c, c)))
            i += 1
            continue
        raise ParseError("unexpected %r in %r" % (c, s))
    return toks


def parse_expr(s, names):
    toks = tokenize(s, names)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take():
        t = toks[pos[0]]
        pos[0] += 1
        return t

    def is_op(t, c):
        return t is not None and t[0] == "op" and t[1] == c

    def expr():
        a = term()
        while True:
            t = peek()
            if is_op(t, "+") or is_op(t, "-"):
                take()
                b = term()
                a = ("add" if t[1] == "+" else "sub", a, b)
            else:
                return a

    def term():
        a = unary()
        while True:
            t = peek()
            if is_op(t, "*") or is_op(t, "/"):
                take()
                b = unary()
                a = ("mul" if t[1] == "*" else "div", a, b)
            else:
                return a

    def unary():
        t = peek()
        if is_op(t, "-"):
            take()
            return ("neg", unary())
        if is_op(t, "+"):
            take()
            return unary()
        return power()

    def power():
        a = atom()
        if is_op(peek(), "^"):
            take()
            sign = 1
            if is_op(peek(), "-"):
                take()
                sign = -1
            t = take()
            if t[0] != "num" or t[1].denominator != 1:
                raise ParseError("integer exponent expected in %r" % s)
            return ("pow", a, sign * int(t[1]))
        return a

    def atom():
        t = take()
        if t[0] == "num":
            return ("num", t[1])
        if t[0] == "deriv":
            return ("deriv", t[1], t[2])
        if t[0] == "name":
            if t[1] in FUNCS and is_op(peek(), "("):
                take()
                x = expr()
                if not is_op(take(), ")"):
                    raise ParseError(") expected in %r" % s)
                return ("call", FUNCS[t[1]], x)
            if t[1] not in names:
                raise ParseError("unknown name %r in %r" % (t[1], s))
            return ("name", t[1])
        if is_op(t, "("):
            x = expr()
            if not is_op(take(), ")"):
                raise ParseError(") expected in %r" % s)
            return x
        raise ParseError("unexpected token %r in %r" % (t, s))

    e = expr()
    if pos[0] != len(toks):
        raise ParseError("trailing tokens in %r" % s)
    return e


def names_in(e, acc=None):
    if acc is None:
        acc = set()
    k = e[0]
    if k == "name":
        acc.add(e[1])
    elif k in ("neg",):
        names_in(e[1], acc)
    elif k in ("add", "sub", "mul", "div"):
        names_in(e[1], acc)
        names_in(e[2], acc)
    elif k == "pow":
        names_in(e[1], acc)
    elif k == "call":
        names_in(e[2], acc)
    return acc


def subst(e, m):
    """Replace names by names (dict)."""
    k = e[0]
    if k == "name":
        return ("name", m.get(e[1], e[1]))
    if k == "neg":
        return ("neg", subst(e[1], m))
    if k in ("add", "sub", "mul", "div"):
        return (k, subst(e[1], m), subst(e[2], m))
    if k == "pow":
        return ("pow", subst(e[1], m), e[2])
    if k == "call":
        return ("call", e[1], subst(e[2], m))
    return e


ZERO = ("num", Fraction(0))
ONE = ("num", Fraction(1))


def s_add(a, b):
    if a == ZERO:
        return b
    if b == ZERO:
        return a
    return ("add", a, b)


def s_sub(a, b):
    if b == ZERO:
        return a
    if a == ZERO:
        return ("neg", b)
    return ("sub", a, b)


def s_mul(a, b):
    if a == ZERO or b == ZERO:
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    return ("mul", a, b)


def diff(e, v, root_name=None, no_act=False):
    """Local partial derivative of e by the name v (all other names held fixed).
    root_name: the defined name when e is a definition's whole right side (then an activation's
    derivative is written with the defined name, e.g. C*(1 - C))."""
    k = e[0]
    if k == "num":
        return ZERO
    if k == "name":
        return ONE if e[1] == v else ZERO
    if k == "neg":
        d = diff(e[1], v, None, no_act)
        return ZERO if d == ZERO else ("neg", d)
    if k == "add":
        return s_add(diff(e[1], v, None, no_act), diff(e[2], v, None, no_act))
    if k == "sub":
        return s_sub(diff(e[1], v, None, no_act), diff(e[2], v, None, no_act))
    if k == "mul":
        return s_add(s_mul(diff(e[1], v, None, no_act), e[2]), s_mul(e[1], diff(e[2], v, None, no_act)))
    if k == "div":
        da, db = diff(e[1], v, None, no_act), diff(e[2], v, None, no_act)
        if db == ZERO:
            return ZERO if da == ZERO else ("div", da, e[2])
        return ("div", s_sub(s_mul(da, e[2]), s_mul(e[1], db)), ("pow", e[2], 2))
    if k == "pow":
        d = diff(e[1], v, None, no_act)
        if d == ZERO:
            return ZERO
        n = e[2]
        return s_mul(s_mul(("num", Fraction(n)), ("pow", e[1], n - 1) if n - 1 != 1 else e[1]), d)
    if k == "call":
        f, x = e[1], e[2]
        d = diff(x, v, None, no_act)
        if d == ZERO:
            return ZERO
        y = ("name", root_name) if root_name else e
        if f == "logistic":
            fp = ONE if no_act else ("mul", y, ("sub", ONE, y))
        elif f == "tanh":
            fp = ONE if no_act else ("sub", ONE, ("pow", y, 2))
        elif f == "relu":
            fp = ONE if no_act else ("call", "step", x)
        elif f == "softplus":
            fp = ONE if no_act else ("call", "logistic", x)
        elif f == "exp":
            fp = y
        elif f == "log":
            fp = ("div", ONE, x)
        elif f == "sqrt":
            fp = ("div", ONE, ("mul", ("num", Fraction(2)), y))
        else:
            raise ValueError(f)
        return s_mul(fp, d)
    raise ValueError("cannot differentiate %r" % (e,))


def gen(e, consts):
    k = e[0]
    if k == "num":
        consts.append(e[1])
        return "K[%d]" % (len(consts) - 1)
    if k == "name":
        return "E[%r]" % e[1]
    if k == "neg":
        return "(-%s)" % gen(e[1], consts)
    if k in ("add", "sub", "mul", "div"):
        op = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[k]
        return "(%s %s %s)" % (gen(e[1], consts), op, gen(e[2], consts))
    if k == "pow":
        return "(%s ** %d)" % (gen(e[1], consts), e[2])
    if k == "call":
        return "L.%s(%s)" % (e[1], gen(e[2], consts))
    raise ValueError("cannot compile %r" % (e,))


class Compiled:
    """An expression compiled once; bound per backend on first use."""

    def __init__(self, e):
        self.e = e
        consts = []
        self.src = gen(e, consts)
        self.consts = consts
        self.code = compile("lambda E: " + self.src, "<expr>", "eval")
        self.bound = {}

    def __call__(self, E, L):
        f = self.bound.get(L)
        if f is None:
            f = eval(self.code, {"K": [L.conv(c) for c in self.consts], "L": L})
            self.bound[L] = f
        return f(E)


# ----------------------------------------------------------------------------------------------
# fixture files


def split_comment(line):
    i = line.find("#")
    if i < 0:
        return line, None
    return line[:i], line[i + 1:].strip()


class Fixture:
    def __init__(self, path):
        self.path = path
        self.rel = os.path.relpath(path, ROOT)
        self.network = {}
        self.model_lines = []
        self.training = {}
        self.claim_lines = []
        section = None
        with open(path, encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                body, note = split_comment(raw.rstrip("\n"))
                body = body.strip()
                if not body:
                    continue
                if body.startswith("[") and body.endswith("]"):
                    section = body[1:-1].strip()
                    continue
                if section == "network":
                    key, val = body.split("=", 1)
                    self.network[key.strip()] = val.split()
                elif section == "training":
                    key, val = body.split("=", 1)
                    self.training[key.strip()] = val.split()
                elif section == "model":
                    self.model_lines.append((lineno, body))
                elif section == "claims":
                    self.claim_lines.append((lineno, body, note))
                else:
                    raise ParseError("%s:%d: line outside a section" % (path, lineno))


def network_definitions(net, loss_override=None):
    """The [network] shorthand as givens (name -> Fraction) and definitions (name -> text)."""
    sizes = [int(x) for x in net["layers"]]
    acts = net.get("activation", ["logistic"])
    if len(acts) == 1:
        acts = acts * (len(sizes) - 1)
    inputs = [Fraction(x) for x in net["inputs"]]
    weights = [Fraction(x) for x in net["weights"]]
    biases = [Fraction(x) for x in net.get("biases", [])]
    bias_mode = net.get("bias", ["shared"])[0]
    loss = (loss_override or net.get("loss", ["half-squared"])[0])
    givens, defs = {}, {}
    layer_names = [["i%d" % (j + 1) for j in range(sizes[0])]]
    for j, x in enumerate(inputs):
        givens["i%d" % (j + 1)] = x
    nh = len(sizes) - 2
    for li in range(1, len(sizes)):
        if li == len(sizes) - 1:
            layer_names.append(["o%d" % (j + 1) for j in range(sizes[li])])
        elif nh == 1:
            layer_names.append(["h%d" % (j + 1) for j in range(sizes[li])])
        else:
            layer_names.append(["h%d_%d" % (li, j + 1) for j in range(sizes[li])])
    wi, bi = 0, 0
    for li in range(1, len(sizes)):
        prev = layer_names[li - 1]
        for n in layer_names[li]:
            terms = []
            for p in prev:
                wname = "w%d" % (wi + 1)
                givens[wname] = weights[wi]
                wi += 1
                src = p if li == 1 else "out_" + p
                terms.append("%s*%s" % (wname, src))
            if biases:
                if bias_mode == "shared":
                    bname = "b%d" % li
                    givens[bname] = biases[li - 1]
                else:
                    bname = "b_" + n
                    givens[bname] = biases[bi]
                    bi += 1
                terms.append("%s*1" % bname)
            defs["net_" + n] = " + ".join(terms)
            a = acts[li - 1]
            defs["out_" + n] = ("net_" + n) if a == "linear" else "%s(net_%s)" % (a, n)
    outs = layer_names[-1]
    if "targets" in net:
        for j, t in enumerate(net["targets"]):
            givens["target_o%d" % (j + 1)] = Fraction(t)
        for o in outs:
            if loss == "half-squared":
                defs["E_" + o] = "1/2*(target_%s - out_%s)^2" % (o, o)
            elif loss == "squared":
                defs["E_" + o] = "(target_%s - out_%s)^2" % (o, o)
            elif loss == "cross-entropy":
                defs["E_" + o] = "-(target_%s*log(out_%s) + (1 - target_%s)*log(1 - out_%s))" % (o, o, o, o)
        defs["E_total"] = " + ".join("E_" + o for o in outs)
    return givens, defs


class Model:
    """Givens (exact), definitions (compiled), local partials, training set-up."""

    def __init__(self, givens, def_texts, training, no_act=False, dsubst=None, fsubst=None,
                 params_extra=(), sign_update=False, sequential=False):
        self.givens = dict(givens)
        self.names = set(givens) | set(def_texts)
        self.defs = {n: parse_expr(t, self.names) for n, t in def_texts.items()}
        if fsubst:  # miswired: the forward definitions with one weight written for another
            self.defs = {n: subst(e, fsubst) for n, e in self.defs.items()}
        self.uses = {n: names_in(e) for n, e in self.defs.items()}
        self.order = self._topo()
        self.rorder = list(reversed(self.order))
        self.fwd = {n: Compiled(self.defs[n]) for n in self.order}
        self.partials = {}
        self.users = {x: [] for x in self.names}
        for c in self.order:
            lst = []
            for x in sorted(self.uses[c]):
                d = diff(self.defs[c], x, root_name=c, no_act=no_act)
                if dsubst:
                    d = subst(d, dsubst)
                lst.append((x, Compiled(d)))
                self.users[x].append(c)
            self.partials[c] = lst
        self.partial_map = {c: dict(lst) for c, lst in self.partials.items()}
        self.desc = {}
        for x in self.rorder:
            s = set()
            for c in self.users[x]:
                s.add(c)
                s |= self.desc[c]
            self.desc[x] = s
        for g in self.givens:
            s = set()
            for c in self.users[g]:
                s.add(c)
                s |= self.desc[c]
            self.desc[g] = s
        self.loss = training["loss"][0]
        self.params = list(training["parameters"]) + [p for p in params_extra if p not in training["parameters"]]
        rate = training["rate"][0]
        self.rate_name = rate if rate in self.names else None
        self.rate_const = None if self.rate_name else Fraction(rate)
        self.sign_update = sign_update
        self.sequential = sequential
        self.depth = {p: self.count_to_loss(p) for p in self.givens}
        layers = {}
        for p in self.params:
            if self.depth[p] is not None:  # a parameter the loss does not use never moves
                layers.setdefault(self.depth[p], []).append(p)
        self.layers = [layers[d] for d in sorted(layers)]  # later layers (smaller count) first
        self.traj = {}

    def _topo(self):
        order, seen = [], set()

        def visit(n, stack=()):
            if n in seen or n not in self.defs:
                return
            if n in stack:
                raise ValueError("cycle at " + n)
            for m in sorted(self.uses[n]):
                visit(m, stack + (n,))
            seen.add(n)
            order.append(n)

        for n in sorted(self.defs):
            visit(n)
        return order

    def count_to_loss(self, x):
        """Number of definitions on the longest path from x to the loss (None if none)."""
        memo = {}

        def f(n):
            if n == self.loss:
                return 0
            if n in memo:
                return memo[n]
            best = None
            for c in self.users.get(n, []):
                r = f(c)
                if r is not None and (best is None or r + 1 > best):
                    best = r + 1
            memo[n] = best
            return best

        return f(x)

    # -- evaluation
    def env(self, L, state=None):
        E = {g: L.conv(v) for g, v in self.givens.items()}
        if state:
            E.update(state)
        for n in self.order:
            E[n] = self.fwd[n](E, L)
        return E

    def adjoints(self, E, L, A):
        adj = {A: L.one}
        for c in self.rorder:
            a = adj.get(c)
            if a is None:
                continue
            for x, pf in self.partials[c]:
                adj[x] = adj.get(x, L.zero) + a * pf(E, L)
        return adj

    def rate(self, E, L):
        return E[self.rate_name] if self.rate_name else L.conv(self.rate_const)

    def step(self, L, state):
        """One training step from state (param -> value); returns (new state, gradients used)."""
        E = self.env(L, state)
        eta = self.rate(E, L)
        grads = {}
        if not self.sequential:
            adj = self.adjoints(E, L, self.loss)
            grads = {p: adj.get(p, L.zero) for p in self.params}  # 0 for unused parameters
            new = {}
            for p in self.params:
                new[p] = E[p] + eta * grads[p] if self.sign_update else E[p] - eta * grads[p]
            return new, grads
        Emix = dict(E)
        for layer in self.layers:
            adj = self.adjoints(Emix, L, self.loss)
            for p in layer:
                grads[p] = adj.get(p, L.zero)
            for p in layer:
                Emix[p] = Emix[p] + eta * grads[p] if self.sign_update else Emix[p] - eta * grads[p]
        for p in self.params:
            grads.setdefault(p, L.zero)
        return {p: Emix[p] for p in self.params}, grads

    def state_at(self, L, k):
        t = self.traj.setdefault(L, {})
        if 0 not in t:
            t[0] = ({p: L.conv(self.givens[p]) for p in self.params}, None)
        if k in t:
            return t[k]
        j = max(s for s in t if s <= k)
        st = t[j][0]
        while j < k:
            new, grads = self.step(L, st)
            t[j] = (st, grads)
            st = new
            j += 1
            if j == k or j % 1000 == 0 or j <= 3:
                t[j] = (st, None)
        return t[k]

    def grads_at(self, L, k):
        st, grads = self.state_at(L, k)
        if grads is None:
            _, grads = self.step(L, st)
            self.traj[L][k] = (st, grads)
        return grads

    def value(self, L, q, k):
        """Quantity q (('name', X) or ('deriv', A, B)) after k training steps."""
        st, _ = self.state_at(L, k)
        E = self.env(L, st)
        if q[0] == "name":
            return E[q[1]]
        A, B = q[1], q[2]
        if self.sequential and A == self.loss and B in self.params:
            return self.grads_at(L, k)[B]
        return self.adjoints(E, L, A).get(B, L.zero) if A != B else L.one

    def eval_expr(self, e, E, L, adjcache):
        k = e[0]
        if k == "num":
            return L.conv(e[1])
        if k == "name":
            return E[e[1]]
        if k == "deriv":
            A, B = e[1], e[2]
            if A == B:
                return L.one
            if A not in adjcache:
                adjcache[A] = self.adjoints(E, L, A)
            return adjcache[A].get(B, L.zero)
        if k == "neg":
            return -self.eval_expr(e[1], E, L, adjcache)
        if k in ("add", "sub", "mul", "div"):
            a = self.eval_expr(e[1], E, L, adjcache)
            b = self.eval_expr(e[2], E, L, adjcache)
            return {"add": a + b, "sub": a - b, "mul": a * b}[k] if k != "div" else a / b
        if k == "pow":
            return self.eval_expr(e[1], E, L, adjcache) ** e[2]
        if k == "call":
            return getattr(L, e[1])(self.eval_expr(e[2], E, L, adjcache))
        raise ValueError(e)


# ----------------------------------------------------------------------------------------------
# claims

def parse_quantity(text, names):
    t = text.strip()
    step = 0
    if t.endswith("+"):
        t, step = t[:-1].strip(), 1
    elif "@" in t:
        t, s = t.rsplit("@", 1)
        t, step = t.strip(), int(s)
    toks = tokenize(t, names)
    if len(toks) == 1 and toks[0][0] == "name" and toks[0][1] in names:
        return ("name", toks[0][1]), step
    if len(toks) == 1 and toks[0][0] == "deriv":
        return ("deriv", toks[0][1], toks[0][2]), step
    raise ParseError("bad quantity %r" % text)


class Claim:
    def __init__(self, fixture, lineno, body, note, names):
        self.fixture, self.line, self.note = fixture, lineno, note
        if "==" in body:
            lhs, rhs = body.split("==", 1)
            self.kind = "formula"
            self.expr = parse_expr(rhs, names)
        else:
            lhs, rhs = body.split("=", 1)
            self.kind = "numeric"
        self.quantity_text = lhs.strip()
        self.printed = rhs.strip()
        self.q, self.step = parse_quantity(lhs, names)
        if self.kind == "numeric":
            self.value, self.quantum, self.rational, self.sig = printed_precision(self.printed)


def printed_precision(s):
    """(exact value, quantum of the last printed place, is a/b, significant digits)."""
    t = s.strip()
    if "/" in t:
        return Fraction(t), None, True, None
    v = Fraction(t)
    u = t.lstrip("+-")
    exp = 0
    if "e" in u.lower():
        u, e = u.lower().split("e")
        exp = int(e)
    decimals = len(u.split(".")[1]) if "." in u else 0
    digits = u.replace(".", "").lstrip("0")
    return v, Fraction(10) ** (exp - decimals), False, len(digits)


# ----------------------------------------------------------------------------------------------
# certified-enough comparisons (60 digits, printed precision <= 12 digits)

def to_mpf(x):
    return MPLib.conv(x) if isinstance(x, Fraction) else mpf(x)


NEAR_TIES = []


def within_half(printed, quantum, value, what=""):
    """Is printed a correct rounding of value at quantum (ties count)?"""
    if isinstance(value, Fraction):
        return abs(printed - value) <= quantum / 2
    d = abs(to_mpf(printed) - value)
    h = to_mpf(quantum) / 2
    if abs(d - h) < to_mpf(quantum) * mpf(10) ** -40:
        NEAR_TIES.append(what)
        return True
    return d <= h


def agreeing_digits(a, b):
    """Leading significant digits that a and b share (same sign, aligned at the larger one)."""
    if (a < 0) != (b < 0) or a == 0 or b == 0:
        return 0
    a, b = abs(a), abs(b)
    e = int(mp.floor(mp.log10(max(a, b))))
    da = str(int(mp.floor(a * mpf(10) ** (29 - e)))).zfill(30)
    db = str(int(mp.floor(b * mpf(10) ** (29 - e)))).zfill(30)
    n = 0
    for x, y in zip(da, db):
        if x != y or (x == "0" and n == 0):
            break
        n += 1
    return n


def fmt40(x):
    x = to_mpf(x)
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    x = abs(x)
    e = int(mp.floor(mp.log10(x)))
    for _ in range(3):
        m = int(mp.nint(x * mpf(10) ** (39 - e)))
        if m >= 10 ** 40:
            e += 1
        elif m < 10 ** 39:
            e -= 1
        else:
            break
    d = str(m)
    return "%s%s.%se%d" % (sign, d[0], d[1:], e)


# ----------------------------------------------------------------------------------------------
# per-fixture checking

class Checker:
    def __init__(self, fx):
        self.fx = fx
        self.givens, self.def_texts = network_definitions(fx.network) if fx.network else ({}, {})
        extra_defs = {}
        for lineno, body in fx.model_lines:
            if ":=" in body:
                n, t = body.split(":=", 1)
                extra_defs[n.strip()] = t.strip()
            else:
                n, t = body.split("=", 1)
                self.givens[n.strip()] = Fraction(t.strip())
        self.def_texts.update(extra_defs)
        self.training = fx.training
        self.true = Model(self.givens, self.def_texts, self.training)
        self.names = self.true.names
        self.claims = [Claim(fx, ln, b, note, self.names) for ln, b, note in fx.claim_lines]
        self._variants = None

    # -- mistakes
    def weight_layers(self):
        """Weights grouped by layer: givens multiplied by something inside a definition."""
        m = self.true
        groups = {}
        for g in sorted(m.givens):
            if self.is_bias(g) or not m.users[g] or g == m.rate_name:
                continue
            if any(g.startswith(p) for p in ("i", "target_")) and not g.startswith("w"):
                continue
            if not g.startswith("w") and g not in m.params:
                continue
            groups.setdefault(m.depth[g], []).append(g)
        return [sorted(v, key=lambda s: (len(s), s)) for _, v in sorted(groups.items())]

    def is_bias(self, g):
        """A given that enters a definition as a plain term of a sum (b1*1 counts as plain)."""
        m = self.true

        def terms(e):
            if e[0] == "add":
                return terms(e[1]) + terms(e[2])
            if e[0] == "sub":
                return terms(e[1]) + [e[2]]
            return [e]

        for c in m.users[g]:
            ts = terms(m.defs[c])
            if len(ts) < 2:
                continue
            for t in ts:
                if t == ("name", g) or t in (("mul", ("name", g), ONE), ("mul", ONE, ("name", g))):
                    return True
        return False

    def variants(self):
        if self._variants is not None:
            return self._variants
        G, D, T = self.givens, self.def_texts, self.training
        V = [("sequential", "later layers updated first", Model(G, D, T, sequential=True)),
             ("no-activation-derivative", "activation derivative left out", Model(G, D, T, no_act=True)),
             ("sign", "update p + η·g", Model(G, D, T, sign_update=True))]
        if self.fx.network and self.fx.network.get("loss", ["half-squared"])[0] in ("half-squared", "squared"):
            cur = self.fx.network.get("loss", ["half-squared"])[0]
            g2, d2 = network_definitions(self.fx.network, "squared" if cur == "half-squared" else "half-squared")
            d2.update({k: v for k, v in D.items() if k not in d2})
            V.append(("no-half", "½ dropped" if cur == "half-squared" else "½ added", Model(G, d2, T)))
        biases = [g for g in sorted(G) if self.is_bias(g)]
        if biases:
            trained = [b for b in biases if b in T["parameters"]]
            if trained:
                T2 = dict(T)
                T2["parameters"] = [p for p in T["parameters"] if p not in biases]
                V.append(("biases-trained", "biases left fixed", Model(G, D, T2)))
            else:
                V.append(("biases-trained", "biases trained too", Model(G, D, T, params_extra=biases)))
        for layer in self.weight_layers():
            for a in layer:
                for b in layer:
                    if a == b:
                        continue
                    V.append(("swapped", "%s used for %s" % (a, b), Model(G, D, T, dsubst={b: a})))
                    V.append(("miswired", "%s in place of %s in the forward pass" % (a, b),
                              Model(G, D, T, fsubst={b: a})))
                    if a < b or (len(a), a) < (len(b), b):
                        V.append(("swapped", "%s and %s exchanged" % (a, b), Model(G, D, T, dsubst={b: a, a: b})))
        self._variants = V
        return V

    # -- carried values
    def carried(self, L, claim_index, claims_by_step):
        c = self.claims[claim_index]
        k = c.step
        key = c.q
        # an earlier claim of the same quantity at the same step is the carried value
        for j in range(claim_index):
            o = self.claims[j]
            if o.kind == "numeric" and o.step == k and o.q == key:
                return L.conv(o.value)
        M = {q: v for q, v in claims_by_step.get(k, {}).items() if q != key}
        return self._carried_value(L, k, M, claims_by_step, key)

    def _carried_value(self, L, k, M, claims_by_step, key):
        m = self.true
        vals, ders = {}, {}
        M0 = claims_by_step.get(0, {})
        true_state = None
        if k >= 2:
            true_state = m.state_at(MPLib, k)[0]

        class Lazy(dict):
            def __missing__(s, x):
                v = val(x)
                s[x] = v
                return v

        env = Lazy()

        def val(x):
            if x in vals:
                return vals[x]
            if ("name", x) in M:
                v = L.conv(M[("name", x)])
            elif x in m.givens:
                if k >= 1 and x in m.params:
                    if k == 1:
                        v = carried0(x)
                    else:
                        v = true_state[x] if L is MPLib else L.conv(Fraction(str(true_state[x])))
                else:
                    v = L.conv(m.givens[x])
            else:
                v = m.fwd[x](env, L)
            vals[x] = v
            return v

        def der(A, B, MM, valf, envx):
            if ("deriv", A, B) in MM:
                return L.conv(MM[("deriv", A, B)])
            if A == B:
                return L.one
            memo = ders.setdefault(id(MM), {})
            if (A, B) in memo:
                return memo[(A, B)]
            s = L.zero
            for C in m.users[B]:
                if C != A and A not in m.desc[C]:
                    continue
                if ("deriv", C, B) in MM:
                    f = L.conv(MM[("deriv", C, B)])
                else:
                    f = m.partial_map[C][B](envx, L)
                s = s + der(A, C, MM, valf, envx) * f
            memo[(A, B)] = s
            return s

        step0 = {}

        def carried0(p):
            # the update from carried step-0 values
            if "env0" not in step0:
                vals0 = {}

                class Lazy0(dict):
                    def __missing__(s, x):
                        v = val0(x)
                        s[x] = v
                        return v

                env0 = Lazy0()

                def val0(x):
                    if x in vals0:
                        return vals0[x]
                    if ("name", x) in M0:
                        v = L.conv(M0[("name", x)])
                    elif x in m.givens:
                        v = L.conv(m.givens[x])
                    else:
                        v = m.fwd[x](env0, L)
                    vals0[x] = v
                    return v

                step0["env0"] = env0
                step0["val0"] = val0
            env0, val0 = step0["env0"], step0["val0"]
            eta = val0(m.rate_name) if m.rate_name else L.conv(m.rate_const)
            g = der(m.loss, p, M0, val0, env0)
            return val0(p) - eta * g

        if key[0] == "name":
            return val(key[1])
        return der(key[1], key[2], M, val, env)

    def carried_any(self, i, by_step):
        try:
            return self.carried(FracLib, i, by_step)
        except NotRational:
            return self.carried(MPLib, i, by_step)

    # -- formula claims
    def formula_verdict(self, c, rng):
        base = self.givens
        points = [dict(base)]
        for _ in range(6):
            pt = {}
            for g, v in base.items():
                pt[g] = v * (1 + Fraction(rng.randint(-1000, 1000), 10000))
            points.append(pt)
        worst = mpf(0)
        for pt in points:
            m = Model(pt, self.def_texts, self.training)
            st = m.state_at(MPLib, c.step)[0]
            lhs = m.value(MPLib, c.q, c.step)
            E0 = m.env(MPLib)
            rhs = m.eval_expr(c.expr, E0, MPLib, {})
            rel = abs(lhs - rhs) / max(mpf(1), abs(lhs))
            worst = max(worst, rel)
        if worst <= mpf(10) ** -45:
            return "equal", worst
        if worst > mpf(10) ** -30:
            return "not-equal", worst
        return "undecided", worst

    # -- numeric claims
    def numeric(self, i, by_step):
        c = self.claims[i]
        m = self.true
        true = m.value(MPLib, c.q, c.step)
        p, q = c.value, c.quantum
        tag = "%s:%d" % (self.fx.rel, c.line)
        dbl = m.value(FloatLib, c.q, c.step)
        if c.rational:
            exact = abs(to_mpf(p) - true) < mpf(10) ** -50
            verdict = "exact" if exact else "wrong"
            repro = lambda v: abs(to_mpf(p) - to_mpf(v)) < mpf(10) ** -50
        else:
            repro = lambda v: within_half(p, q, to_mpf(v), tag)
            pm, qm = to_mpf(p), to_mpf(q)
            dist = abs(pm - true)
            trunc = mp.floor(abs(true) / qm) * qm * (1 if true >= 0 else -1)
            carried = self.carried_any(i, by_step)
            if within_half(p, q, true, tag):
                verdict = "exact"
            elif abs(pm - trunc) < qm * mpf(10) ** -30:
                verdict = "truncated"
            elif dist <= qm * 3 / 2 + qm * mpf(10) ** -40:
                verdict = "last-digit"
            elif within_half(p, q, to_mpf(carried), tag + " (carried)"):
                verdict = "carried"
            elif c.sig >= 15 and dist <= 4 * max(abs(mpf(dbl) - true), mpf(math.ulp(float(true)))):
                verdict = "floating"
            else:
                verdict = "wrong"
        expl = []
        if verdict in ("truncated", "last-digit", "wrong"):
            expl = self.explanations(c, i, by_step, repro)
        return verdict, true, dbl, expl

    def closest(self, c, i, by_step):
        """For a claim no mistake explains: the nearest candidate and how many leading
        significant digits it shares with the printed number."""
        m, k = self.true, c.step
        cands = [("off-by-one", "value after %d steps" % kk, m.value(MPLib, c.q, kk))
                 for kk in (k - 1, k + 1) if kk >= 0]
        cands.append(("sign", "opposite sign", -m.value(MPLib, c.q, k)))
        if not c.rational:
            cands.append(("carried", "rounded intermediates", to_mpf(self.carried_any(i, by_step))))
        for name, detail, vm in self.variants():
            try:
                cands.append((name, detail, vm.value(MPLib, c.q, k)))
            except (ZeroDivisionError, ValueError, OverflowError):
                pass
        p = to_mpf(c.value)
        name, detail, v = min(cands, key=lambda t: abs(to_mpf(t[2]) - p))
        return name, detail, v, agreeing_digits(p, to_mpf(v))

    def explanations(self, c, i, by_step, repro):
        m = self.true
        found = []
        k = c.step
        # off-by-one
        for kk in (k - 1, k + 1):
            if kk >= 0 and repro(m.value(MPLib, c.q, kk)):
                found.append(("off-by-one", "value after %d steps" % kk))
        # sign of the quantity
        if repro(-m.value(MPLib, c.q, k)):
            found.append(("sign", "opposite sign"))
        # carried
        if not c.rational:
            try:
                cv = self.carried_any(i, by_step)
                if repro(cv):
                    found.append(("carried", "rounded intermediates"))
            except Exception as ex:  # pragma: no cover
                print("carried failed", c.quantity_text, ex, file=sys.stderr)
        # model / training variants (a float pre-filter first for long trainings)
        for name, detail, vm in self.variants():
            if k >= 50:
                vf = vm.value(FloatLib, c.q, k)
                if not math.isfinite(vf):
                    continue
                slack = float(c.quantum or 0) / 2 + 1e-9 * max(1.0, abs(vf))
                if abs(vf - float(c.value)) > slack:
                    continue
            if repro(vm.value(MPLib, c.q, k)):
                found.append((name, detail))
        return found


def claims_by_step(ch):
    by = {}
    for c in ch.claims:
        if c.kind != "numeric":
            continue
        d = by.setdefault(c.step, {})
        if c.q not in d:
            d[c.q] = c.value
    return by


def main():
    files = [os.path.join(ROOT, "Fixtures", "mazur-2015.deriv")] + \
        sorted(glob.glob(os.path.join(ROOT, "Fixtures", "readers", "*.deriv")))
    rows = []
    summary = {}
    wrong_list = []
    mazur = None
    for path in files:
        fx = Fixture(path)
        ch = Checker(fx)
        if mazur is None:
            mazur = ch
        by = claims_by_step(ch)
        rng = random.Random(20150317)
        for i, c in enumerate(ch.claims):
            if c.kind == "formula":
                verdict, worst = ch.formula_verdict(c, rng)
                rows.append((fx.rel, c.line, c.quantity_text, c.printed, verdict, "", ""))
                summary[verdict] = summary.get(verdict, 0) + 1
                if verdict != "equal":
                    wrong_list.append((fx.rel, c.line, c.quantity_text, c.printed, verdict, "", []))
                continue
            verdict, true, dbl, expl = ch.numeric(i, by)
            names = sorted(set(n for n, _ in expl if n != "none"))
            rows.append((fx.rel, c.line, c.quantity_text, c.printed, verdict, fmt40(true), ",".join(names)))
            summary[verdict] = summary.get(verdict, 0) + 1
            if verdict != "exact":
                if not expl and verdict in ("last-digit", "wrong"):
                    n, d, v, agree = ch.closest(c, i, by)
                    expl = [("none", "closest: %s (%s) = %s, %d significant digits agree"
                             % (n, d, mp.nstr(to_mpf(v), 12), agree))]
                wrong_list.append((fx.rel, c.line, c.quantity_text, c.printed, verdict,
                                   mp.nstr(true, 15), expl))
        print("checked", fx.rel, file=sys.stderr)

    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as fh:
        fh.write("file\tline\tquantity\tprinted\tverdict\texact\texplanations\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")

    # training trajectories of the tutorial net
    G, D, T = mazur.givens, mazur.def_texts, mazur.training
    sim = mazur.true
    seq = Model(G, D, T, sequential=True)
    outq = ["E_total", "out_o1", "out_o2"] + ["w%d" % j for j in range(1, 9)]
    with open(os.path.join(HERE, "training.tsv"), "w", encoding="utf-8") as fh:
        fh.write("variant\tstep\tquantity\tvalue\n")
        for label, mm, steps in (("simultaneous", sim, [0, 1, 2, 10, 100, 1000, 9999, 10000, 10001]),
                                 ("sequential", seq, [1, 10000])):
            for s in steps:
                st = mm.state_at(MPLib, s)[0]
                E = mm.env(MPLib, st)
                for qn in outq:
                    fh.write("%s\t%d\t%s\t%s\n" % (label, s, qn, fmt40(E[qn])))

    print("== derivcheck reference summary ==")
    for v in ("exact", "truncated", "last-digit", "carried", "floating", "wrong", "equal", "not-equal", "undecided"):
        if v in summary:
            print("  %-10s %d" % (v, summary[v]))
    print("== claims that are not exact / equal ==")
    for f, ln, qt, pr, v, tv, expl in wrong_list:
        ex = "; ".join("%s (%s)" % e for e in expl) if expl else "-"
        eq = "==" if v in ("equal", "not-equal", "undecided") else "="
        tv = ("  true " + tv) if tv else ""
        print("  %s:%d  %s %s %s  -> %s%s  explained by: %s" % (f, ln, qt, eq, pr, v, tv, ex))
    if NEAR_TIES:
        print("== comparisons within 1e-40 of a rounding tie (counted as ties) ==")
        for t in sorted(set(NEAR_TIES)):
            print("  " + t)


if __name__ == "__main__":
    main()
