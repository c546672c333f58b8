"""Symbolic reference derivatives and values for the fixtures in this directory.

Run as `python3 Tests/SymbolicTests/Resources/make_derivatives.py` from the
repository root; it regenerates derivatives.tsv and values.tsv byte for byte.

Inputs: the fixture files FIXTURES below (derivcheck fixture format v1,
/work/shared/fixture-format.md), read by a small parser written here (it knows
only what these files use: [network], [model] givens and `:=` definitions with
+ - * / ^ unary minus, parentheses and the activation functions, [training]).
[network] is expanded into the model it stands for (net_n := sum w*x + b*1,
out_n := act(net_n), E_on := loss, E_total := sum E_on), with the format's
names and weight numbering.  Every number is read exactly as a rational.

Method 1 (the published values), library sympy: every definition is
substituted until the quantity is one expression in the givens (fully
expanded); derivatives are taken with sympy.diff; the result is evaluated at
the exact rational givens with evalf(60) and rounded exactly (half to even)
to 50 significant digits.  For dA/dB with B an intermediate quantity, B is
replaced by a fresh symbol wherever it is used (so everything B is computed
from is held fixed), A is expanded down to the givens and that symbol,
differentiated by the symbol, and evaluated with the symbol at B's value.
relu is Piecewise((x, x > 0), (0, True)), so relu'(0) = 0.

Method 2 (independent check), library mpmath at mp.dps = 80: a hand-written
forward pass over the definitions and a reverse-mode (adjoint) pass over the
expression trees; for dA/dB the adjoints are accumulated from A down to B and
not propagated past B.  Method 3 (a second check for dE_total/dp of every
fixture): mpmath.diff numerical differentiation of the forward pass at
mp.dps = 80.  The script asserts that method 2 agrees with method 1 to at
least 55 significant digits and method 3 to at least 40 (exact zeros must be
exact zeros in both), that equations.deriv reproduces tutorial.deriv exactly,
and that the tutorial's printed figures are reproduced at their precision.

Output columns (tab separated):
  derivatives.tsv  fixture  of  parameter  value
  values.tsv       fixture  name  value
`value` is [-]D.DDD...e[+-]N with exactly 50 significant digits (49 after the
point, trailing zeros kept), correctly rounded, the exponent always present
with an explicit sign ('e+0' for exponent zero); an exact zero is 0.0e+0.
"""
import os
import re
from fractions import Fraction

import mpmath
import sympy

HERE = os.path.join("Tests", "SymbolicTests", "Resources")
FIXTURES = ["tutorial.deriv", "equations.deriv", "tanh-logistic.deriv",
            "relu.deriv", "two-hidden.deriv", "per-neuron-bias.deriv",
            "softplus-linear.deriv"]
# fixtures that also get derivatives of outputs/errors and by intermediates
EXTRA = {"tutorial.deriv", "equations.deriv"}
DIGITS = 50
mpmath.mp.dps = 80


# ----------------------------------------------------------------- numbers
def round_sig(q, digits=DIGITS):
    """Correctly rounded (half-even) scientific string of an exact Fraction."""
    if q == 0:
        return "0.0e+0"
    sign = "-" if q < 0 else ""
    q = abs(q)
    ex = len(str(q.numerator)) - len(str(q.denominator))
    while Fraction(10) ** ex > q:
        ex -= 1
    while Fraction(10) ** (ex + 1) <= q:
        ex += 1
    n = round(q / Fraction(10) ** (ex - digits + 1))
    if n == 10 ** digits:
        n //= 10
        ex += 1
    s = str(n)
    assert len(s) == digits
    return "%s%s.%se%s%d" % (sign, s[0], s[1:], "+" if ex >= 0 else "-", abs(ex))


def mpf_to_fraction(v):
    sign, man, exp, _ = mpmath.mpf(v)._mpf_  # (mpf.man_exp drops the sign)
    return (-1) ** sign * Fraction(man) * Fraction(2) ** exp


def sympy_to_fraction(v):
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    assert v.is_Float, v
    return mpf_to_fraction(mpmath.mpf(v))


# ----------------------------------------------------------------- parsing
TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)"
                   r"|(?P<name>[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff]*)"
                   r"|(?P<op>[-+*/^()·×]))")
FUNCS = {"logistic": "logistic", "sigmoid": "logistic", "σ": "logistic",
         "exp": "exp", "log": "log", "tanh": "tanh", "relu": "relu",
         "softplus": "softplus", "sqrt": "sqrt"}


def tokenize(text):
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError("bad character at %r" % text[pos:])
        pos = m.end()
        if m.group("num"):
            out.append(("num", Fraction(m.group("num"))))
        elif m.group("name"):
            out.append(("name", m.group("name")))
        else:
            op = m.group("op")
            out.append(("op", {"·": "*", "×": "*"}.get(op, op)))
    return out


class Parser:
    """Expression AST: ('num', Fraction) ('var', name) ('neg', a)
    ('add'|'sub'|'mul'|'div', a, b) ('pow', a, int) ('call', f, a)."""

    def __init__(self, text):
        self.t = tokenize(text)
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if (kind and tok[0] != kind) or (value and tok[1] != value):
            raise SyntaxError("expected %s %s, got %r" % (kind, value, tok))
        self.i += 1
        return tok

    def parse(self):
        e = self.expr()
        if self.i != len(self.t):
            raise SyntaxError("trailing %r" % (self.t[self.i:],))
        return e

    def expr(self):
        e = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            e = ("add" if op == "+" else "sub", e, self.term())
        return e

    def term(self):
        e = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            e = ("mul" if op == "*" else "div", e, self.unary())
        return e

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.unary())
        if self.peek() == ("op", "+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self):
        e = self.atom()
        if self.peek() == ("op", "^"):
            self.take()
            sign = 1
            if self.peek() == ("op", "-"):
                self.take()
                sign = -1
            n = self.take("num")[1]
            assert n.denominator == 1
            e = ("pow", e, sign * int(n))
        return e

    def atom(self):
        kind, val = self.peek()
        if kind == "num":
            self.take()
            return ("num", val)
        if kind == "name":
            self.take()
            if self.peek() == ("op", "("):
                self.take()
                arg = self.expr()
                self.take("op", ")")
                return ("call", FUNCS[val], arg)
            return ("var", val)
        self.take("op", "(")
        e = self.expr()
        self.take("op", ")")
        return e


def read_fixture(path):
    """Returns (givens: ordered dict name -> Fraction, defs: dict name -> AST,
    def_order: list, training: dict)."""
    sections = {"model": [], "network": [], "training": [], "claims": []}
    cur = None
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r"\[(\w+)\]", line)
            if m:
                cur = m.group(1)
                continue
            sections[cur].append(line)
    givens, defs, order = {}, {}, []

    def define(name, text):
        assert name not in defs and name not in givens, name
        defs[name] = Parser(text).parse()
        order.append(name)

    for line in sections["model"]:
        m = re.fullmatch(r"(\w+)\s*:=\s*(.+)", line)
        if m:
            define(m.group(1), m.group(2))
            continue
        m = re.fullmatch(r"(\w+)\s*=\s*(\S+)", line)
        name = m.group(1)
        assert name not in givens and name not in defs, name
        givens[name] = Fraction(m.group(2))
    if sections["network"]:
        expand_network(dict(kv_lines(sections["network"])), givens, define)
    training = dict(kv_lines(sections["training"]))
    return givens, defs, order, training


def kv_lines(lines):
    for line in lines:
        k, v = line.split("=", 1)
        yield k.strip(), v.split()


def expand_network(net, givens, define):
    sizes = [int(x) for x in net["layers"]]
    acts = net.get("activation", ["logistic"])
    if len(acts) == 1:
        acts = acts * (len(sizes) - 1)
    assert len(acts) == len(sizes) - 1
    nlayers = len(sizes)
    hidden = nlayers - 2

    def neuron(layer, k):  # layer 0 = inputs, 1..nlayers-1
        if layer == 0:
            return "i%d" % k
        if layer == nlayers - 1:
            return "o%d" % k
        return "h%d" % k if hidden == 1 else "h%d_%d" % (layer, k)

    def give(name, text):
        assert name not in givens, name
        givens[name] = Fraction(text)

    for k, v in enumerate(net["inputs"], 1):
        give("i%d" % k, v)
    assert len(net["inputs"]) == sizes[0]
    if "targets" in net:
        assert len(net["targets"]) == sizes[-1]
        for k, v in enumerate(net["targets"], 1):
            give("target_o%d" % k, v)
    weights = list(net["weights"])
    assert len(weights) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    wnames = []
    for idx, v in enumerate(weights, 1):
        wnames.append("w%d" % idx)
        give("w%d" % idx, v)
    biases = net.get("biases")
    mode = net.get("bias", ["shared"])[0]
    bname = {}
    if biases:
        if mode == "shared":
            assert len(biases) == nlayers - 1
            for layer in range(1, nlayers):
                give("b%d" % layer, biases[layer - 1])
                for k in range(1, sizes[layer] + 1):
                    bname[(layer, k)] = "b%d" % layer
        else:
            assert mode == "per-neuron" and len(biases) == sum(sizes[1:])
            it = iter(biases)
            for layer in range(1, nlayers):
                for k in range(1, sizes[layer] + 1):
                    n = "b_" + neuron(layer, k)
                    give(n, next(it))
                    bname[(layer, k)] = n
    w = iter(wnames)
    for layer in range(1, nlayers):
        act = acts[layer - 1]
        for k in range(1, sizes[layer] + 1):
            src = []
            for j in range(1, sizes[layer - 1] + 1):
                prev = neuron(layer - 1, j)
                src.append("%s*%s" % (next(w), prev if layer == 1 else "out_" + prev))
            if (layer, k) in bname:
                src.append("%s*1" % bname[(layer, k)])
            n = neuron(layer, k)
            define("net_" + n, " + ".join(src))
            define("out_" + n, "net_" + n if act == "linear" else "%s(net_%s)" % (act, n))
    loss = net.get("loss", [None])[0]
    if loss:
        names = []
        for k in range(1, sizes[-1] + 1):
            t, o = "target_o%d" % k, "out_o%d" % k
            if loss == "half-squared":
                e = "1/2*(%s - %s)^2" % (t, o)
            elif loss == "squared":
                e = "(%s - %s)^2" % (t, o)
            else:
                assert loss == "cross-entropy"
                e = "-(%s*log(%s) + (1 - %s)*log(1 - %s))" % (t, o, t, o)
            define("E_o%d" % k, e)
            names.append("E_o%d" % k)
        define("E_total", " + ".join(names))


def topo(defs):
    order, state = [], {}

    def visit(n):
        if n not in defs or state.get(n) == 2:
            return
        assert state.get(n) != 1, "cycle at " + n
        state[n] = 1
        for d in refs(defs[n]):
            visit(d)
        state[n] = 2
        order.append(n)

    for n in sorted(defs):
        visit(n)
    return order


def refs(ast):
    if ast[0] == "var":
        yield ast[1]
    elif ast[0] in ("add", "sub", "mul", "div"):
        yield from refs(ast[1])
        yield from refs(ast[2])
    elif ast[0] in ("neg", "pow"):
        yield from refs(ast[1])
    elif ast[0] == "call":
        yield from refs(ast[2])


# ------------------------------------------------------- method 1: sympy
def sym_relu(x):
    return sympy.Piecewise((x, x > 0), (0, True))


SYM_F = {"logistic": lambda x: 1 / (1 + sympy.exp(-x)), "exp": sympy.exp,
         "log": sympy.log, "tanh": sympy.tanh, "relu": sym_relu,
         "softplus": lambda x: sympy.log(1 + sympy.exp(x)), "sqrt": sympy.sqrt}


class Symbolic:
    def __init__(self, givens, defs):
        self.givens, self.defs = givens, defs
        self.syms = {n: sympy.Symbol(n) for n in givens}
        self.point = {self.syms[n]: sympy.Rational(v.numerator, v.denominator)
                      for n, v in givens.items()}

    def expand(self, name, free=None, memo=None):
        """Fully expanded expression of `name` in the givens; `free` (an
        intermediate name) is replaced by the symbol FREE."""
        memo = {} if memo is None else memo
        if name == free:
            return sympy.Symbol("FREE__")
        if name in self.syms:
            return self.syms[name]
        if name not in memo:
            memo[name] = self.conv(self.defs[name], free, memo)
        return memo[name]

    def conv(self, a, free, memo):
        k = a[0]
        if k == "num":
            return sympy.Rational(a[1].numerator, a[1].denominator)
        if k == "var":
            return self.expand(a[1], free, memo)
        if k == "neg":
            return -self.conv(a[1], free, memo)
        if k == "pow":
            return self.conv(a[1], free, memo) ** a[2]
        if k == "call":
            return SYM_F[a[1]](self.conv(a[2], free, memo))
        x, y = self.conv(a[1], free, memo), self.conv(a[2], free, memo)
        return {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y}[k]

    def value(self, name):
        return self.evaluate(self.expand(name))

    def evaluate(self, expr, extra=None):
        point = dict(self.point)
        point.update(extra or {})
        v = expr.xreplace(point)
        v = v.evalf(60)
        return sympy_to_fraction(v) if v != 0 else Fraction(0)

    def deriv(self, of, wrt):
        if wrt in self.givens:
            return self.evaluate(sympy.diff(self.expand(of), self.syms[wrt]))
        free = sympy.Symbol("FREE__")
        d = sympy.diff(self.expand(of, free=wrt), free)
        at = self.expand(wrt).xreplace(self.point)  # exact value expression of wrt
        return self.evaluate(d, {free: at})


# ---------------------------------------------- method 2: mpmath reverse mode
def mp_logistic(x):
    return 1 / (1 + mpmath.exp(-x))


MP_F = {"logistic": mp_logistic, "exp": mpmath.exp, "log": mpmath.log,
        "tanh": mpmath.tanh, "relu": lambda x: x if x > 0 else mpmath.mpf(0),
        "softplus": lambda x: mpmath.log(1 + mpmath.exp(x)), "sqrt": mpmath.sqrt}
# derivative of f at x, given y = f(x)
MP_D = {"logistic": lambda x, y: y * (1 - y), "exp": lambda x, y: y,
        "log": lambda x, y: 1 / x, "tanh": lambda x, y: 1 - y * y,
        "relu": lambda x, y: mpmath.mpf(1) if x > 0 else mpmath.mpf(0),
        "softplus": lambda x, y: mp_logistic(x), "sqrt": lambda x, y: 1 / (2 * y)}


class Numeric:
    def __init__(self, givens, defs):
        self.givens, self.defs = givens, defs
        self.order = topo(defs)

    def forward(self, override=None):
        env = {n: mpmath.mpf(v.numerator) / v.denominator for n, v in self.givens.items()}
        env.update(override or {})
        for n in self.order:
            if override and n in override:
                continue
            env[n] = self.ev(self.defs[n], env)
        return env

    def ev(self, a, env, cache=None):
        k = a[0]
        if k == "num":
            r = mpmath.mpf(a[1].numerator) / a[1].denominator
        elif k == "var":
            r = env[a[1]]
        elif k == "neg":
            r = -self.ev(a[1], env, cache)
        elif k == "pow":
            r = self.ev(a[1], env, cache) ** a[2]
        elif k == "call":
            r = MP_F[a[1]](self.ev(a[2], env, cache))
        else:
            x, y = self.ev(a[1], env, cache), self.ev(a[2], env, cache)
            r = {"add": lambda: x + y, "sub": lambda: x - y,
                 "mul": lambda: x * y, "div": lambda: x / y}[k]()
        if cache is not None:
            cache[id(a)] = r
        return r

    def back(self, a, adj, env, cache, grads):
        k = a[0]
        if k == "num":
            return
        if k == "var":
            grads[a[1]] = grads.get(a[1], 0) + adj
            return
        if k == "neg":
            return self.back(a[1], -adj, env, cache, grads)
        if k == "pow":
            x = cache[id(a[1])]
            return self.back(a[1], adj * a[2] * x ** (a[2] - 1), env, cache, grads)
        if k == "call":
            x, y = cache[id(a[2])], cache[id(a)]
            return self.back(a[2], adj * MP_D[a[1]](x, y), env, cache, grads)
        x, y = cache[id(a[1])], cache[id(a[2])]
        if k == "add":
            self.back(a[1], adj, env, cache, grads)
            self.back(a[2], adj, env, cache, grads)
        elif k == "sub":
            self.back(a[1], adj, env, cache, grads)
            self.back(a[2], -adj, env, cache, grads)
        elif k == "mul":
            self.back(a[1], adj * y, env, cache, grads)
            self.back(a[2], adj * x, env, cache, grads)
        else:
            self.back(a[1], adj / y, env, cache, grads)
            self.back(a[2], -adj * x / (y * y), env, cache, grads)

    def deriv(self, of, wrt):
        """dof/dwrt; wrt given or intermediate (adjoints are not pushed past wrt)."""
        env = self.forward()
        grads = {of: mpmath.mpf(1)}
        for n in reversed(self.order):
            if n == wrt or n not in grads:
                continue
            cache = {}
            self.ev(self.defs[n], env, cache)
            self.back(self.defs[n], grads[n], env, cache, grads)
        return grads.get(wrt, mpmath.mpf(0))

    def numdiff(self, of, wrt):
        """Method 3: mpmath.diff of the forward pass (wrt a given)."""
        return mpmath.diff(lambda t: self.forward({wrt: t})[of],
                           self.forward()[wrt])


def agree(exact, approx, digits, what):
    """exact: Fraction from sympy; approx: mpf. Assert >= digits significant digits,
    and that the printed 50-digit string, read back, is approx to 49 digits."""
    if exact == 0:
        assert approx == 0, (what, approx)
        return
    printed = mpmath.mpf(round_sig(exact))
    assert digits < DIGITS or abs(printed - approx) <= abs(approx) * mpmath.mpf(10) ** -(DIGITS - 1), what
    rel = abs(mpmath.mpf(exact.numerator) / exact.denominator - approx) \
        / abs(mpmath.mpf(exact.numerator) / exact.denominator)
    assert rel <= mpmath.mpf(10) ** -digits, (what, float(rel))


# ------------------------------------------------------------------ main
def main():
    drows, vrows = [], []
    results = {}
    for fx in FIXTURES:
        givens, defs, order, training = read_fixture(os.path.join(HERE, fx))
        assert training.get("loss") == ["E_total"] and "E_total" in defs
        for p in training.get("parameters", []):
            assert p in givens, (fx, p)
        S, N = Symbolic(givens, defs), Numeric(givens, defs)
        env = N.forward()
        # relu kinks: no relu argument may be exactly 0
        for n in defs:
            if defs[n][0] == "call" and defs[n][1] == "relu":
                assert N.ev(defs[n][2], env) != 0, (fx, n, "relu at its kink")
        res = {}
        # values
        names = [n for n in topo(defs)]
        for n in names:
            v = S.value(n)
            agree(v, env[n], 55, (fx, n))
            res[("value", n)] = v
            vrows.append((fx, n, round_sig(v)))
        # dE_total / d(weight or bias)
        params = [n for n in givens if not re.fullmatch(r"i\d+|target_\w+", n)]
        pairs = [("E_total", p) for p in params]
        if fx in EXTRA:
            for of in ("out_o1", "out_o2", "E_o1", "E_o2"):
                pairs += [(of, p) for p in params]
            inter = ["net_h1", "net_h2", "out_h1", "out_h2",
                     "net_o1", "net_o2", "out_o1", "out_o2"]
            for of in ("E_total", "E_o1", "E_o2", "out_o1", "out_o2"):
                pairs += [(of, b) for b in inter if b != of]
        for of, p in pairs:
            d = S.deriv(of, p)
            agree(d, N.deriv(of, p), 55, (fx, of, p))
            if of == "E_total" and p in givens:
                agree(d, N.numdiff(of, p), 40, (fx, of, p, "numdiff"))
            res[(of, p)] = d
            drows.append((fx, of, p, round_sig(d)))
        results[fx] = res
        print("%-24s %3d values, %3d derivatives: checked" % (fx, len(names), len(pairs)))

    # the [model] form of the tutorial must give exactly the same numbers
    t, e = results["tutorial.deriv"], results["equations.deriv"]
    assert set(t) == set(e) and all(round_sig(t[k]) == round_sig(e[k]) for k in t)
    # the tutorial's printed (forward and first-step) figures, at their precision
    printed = {("value", "out_h1"): "0.593269992", ("value", "out_h2"): "0.596884378",
               ("value", "out_o1"): "0.75136507", ("value", "out_o2"): "0.772928465",
               ("value", "E_o1"): "0.274811083", ("value", "E_o2"): "0.023560026",
               ("value", "E_total"): "0.298371109",
               ("E_total", "w5"): "0.082167041", ("E_total", "w1"): "0.000438568",
               ("E_total", "out_h1"): "0.036350306", ("E_o1", "out_h1"): "0.055399425",
               ("E_o2", "out_h1"): "-0.019049119", ("E_o1", "net_o1"): "0.138498562",
               ("out_o1", "net_o1"): "0.186815602"}
    for k, s in printed.items():
        ulp = Fraction(1, 10 ** len(s.split(".")[1]))
        assert abs(t[k] - Fraction(s)) <= ulp, (k, s, float(t[k]))

    with open(os.path.join(HERE, "derivatives.tsv"), "w", newline="\n") as fh:
        fh.write("fixture\tof\tparameter\tvalue\n")
        fh.writelines("\t".join(r) + "\n" for r in drows)
    with open(os.path.join(HERE, "values.tsv"), "w", newline="\n") as fh:
        fh.write("fixture\tname\tvalue\n")
        fh.writelines("\t".join(r) + "\n" for r in vrows)
    print("wrote derivatives.tsv (%d rows), values.tsv (%d rows)" % (len(drows), len(vrows)))


if __name__ == "__main__":
    main()
