"""make_v2_reference.py -- independent reference values for the derivcheck fixture format, version 2.

WHAT
  Reference values (and the claims of the fixtures that go with them) for the version-2 features
  of /work/shared/fixture-format.md: `loss = mean-squared`, `activation = ... softmax` with
  categorical cross-entropy, `numbering = by-sender`, `[data]` with `batch = full | 1 | K` and
  `reduction = sum | mean` (and the `reduction` mistake), binary32 (`float32`) evaluation,
  `double-rounding` and `carried` by truncation.
  The fixtures (*.deriv) lie next to this script; it does not write them, it checks that their
  [claims] are exactly what it computes (every numeric claim is re-derived here, and the
  script fails if a fixture claims a different number or a quantity it did not compute).

HOW
  Python 3 + mpmath, mpmath.mp.dps = 60 (60 significant digits) for every true value.
  The network code below is written from the spec alone (no derivcheck code is used):
    * fully connected net, one hidden layer; net = sum(w * in) + b (shared biases b1, b2, never
      trained here); weights numbered layer by layer, then by receiving neuron, then by sending
      neuron (`by-receiver`), or then by sending neuron, then by receiving neuron (`by-sender`);
    * activations: logistic 1/(1+e^-x) (derivative out(1-out)), relu max(0,x) (derivative 1 for
      x > 0, else 0: a unit with net <= 0 is dead), softmax exp(net_k)/sum_j exp(net_j) (Jacobian
      out_k([k=j] - out_j));
    * losses: half-squared sum 1/2 (t-out)^2; mean-squared (1/n) sum (t-out)^2 over the n
      outputs; softmax + cross-entropy: -sum t_k log(out_k);
    * gradients by backpropagation (chain rule), each one also checked against mpmath.diff
      (numerical differentiation at raised precision) of the loss as a function of that weight;
    * training: simultaneous gradient descent p <- p - eta * dLoss/dp, all gradients at the same
      point. With [data]: batch = full (every sample), 1 (step k uses sample ((k-1) mod N)+1) or
      K (step k uses group ((k-1) mod G)+1 of the consecutive groups of K from sample 1, the
      last possibly smaller, G = ceil(N/K)); the batch loss is the sum or the mean of its
      samples' losses (reduction). `E_total@k` / `dE_total/dw@k` without [s] = the reduced loss
      over the WHOLE data set at the step-k weights (and its gradient), `X[s]@k` = sample s.
  binary32: exact rational arithmetic (fractions.Fraction) with our own round-to-nearest-even to
  binary32 after every +, -, *, /; exp computed with mpmath at 320 bits and rounded ONCE to
  binary32 (with a check that the 320-bit result is far enough from a rounding boundary for
  that rounding to be the correct rounding). Never through a binary64.
  Verdicts predicted in the fixtures' comments follow the spec's table order
  (exact, truncated, last-digit, carried, floating, wrong); carried values are recomputed by the
  spec's "Carried values" rules (section "carried" below).

RUN
  python3 make_v2_reference.py      -> writes v2-reference.tsv next to this file
  Deterministic: no randomness, no clock, no network. Self-checks go to stderr; any failed
  self-check raises (exit status 1) before the TSV is written. The fixtures' claims and their
  `# expect VERDICT` notes are compared with what this script computes and predicts; with
  V2REF_DRAFT=1 a mismatch only prints the expected claims (used to draft the fixtures).

TSV: header `fixture<TAB>quantity<TAB>value`; value = mpmath.nstr(x, 40) unless the quantity's
  prefix says otherwise:
    float32:Q            the binary32 result, nstr(x, 40)  (exactly the binary32 number)
    float32-exact:Q      the full, exact decimal expansion of that binary32 number
    float32-shortest:Q   the shortest decimal that rounds back to the same binary32 (numpy/Python
                         style repr of a float32)
    float32-print9:Q     the binary32 number correctly rounded to 9 significant digits (the claim)
    float32-alt-*:Q      the same under other readings of "every operation" (see float32.deriv)
    true60:Q             the true value, 60 significant digits (computed at 90 digits)
    claim:Q              for double-rounding.deriv / truncated-carry.deriv, the claimed number
    carried:Q            the carried value the spec defines for that claim (float32.deriv: in its
                         first [claims] group)
    G|Q, claim:G|Q, carried:G|Q   truncated-carry.deriv: true value, claimed number and carried
                         value of claim Q in [claims] group G (A, B, C)
    exact-carried:E_o1   truncated-carry.deriv: 1/2 (0.01 - 0.75136506)^2, exact decimal
    reduction-mistake:Q  the value with the other reduction (sum <-> mean), not claimed anywhere
"""
import math
import os
import re
import sys
from fractions import Fraction as Fr

import mpmath
from mpmath import mp, mpf

mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = []          # (fixture, quantity, value-string)
CHECKS = []


def log(msg):
    print(msg, file=sys.stderr)


def check(cond, msg):
    CHECKS.append(msg)
    if not cond:
        raise SystemExit("SELF-CHECK FAILED: " + msg)
    log("ok  " + msg)


def D(s):
    """A decimal (or a/b) string read exactly as a rational, as the fixture format reads numbers."""
    return Fr(s.replace("\u2212", "-"))


def M(x):
    """Fraction -> mpf at the working precision."""
    if isinstance(x, Fr):
        return mpf(x.numerator) / x.denominator
    return mpf(x)


def to_fr(x):
    """mpf -> the exact Fraction of its binary value."""
    if isinstance(x, Fr):
        return x
    if isinstance(x, int):
        return Fr(x)
    sign, man, e, _ = mpf(x)._mpf_     # (man_exp drops the sign)
    if man == 0:
        assert mpf(x) == 0, "inf/nan"
        return Fr(0)
    return (-1 if sign else 1) * Fr(int(man)) * (Fr(2) ** e)


def n40(x):
    return mpmath.nstr(M(x) if isinstance(x, Fr) else x, 40)


def row(fixture, quantity, value):
    ROWS.append((fixture, quantity, value if isinstance(value, str) else n40(value)))


# --------------------------------------------------------------------------------------------
# decimal rounding helpers (exact, on Fractions)
# --------------------------------------------------------------------------------------------
def decimal_places_for_sig(x, n):
    """Decimal places p such that rounding |x| to p places keeps n significant digits."""
    ax = abs(to_fr(x))
    k = 0  # floor(log10 ax)
    while Fr(10) ** (k + 1) <= ax:
        k += 1
    while Fr(10) ** k > ax:
        k -= 1
    return n - 1 - k


def round_places(x, p, tie="even"):
    """Round Fraction x to p decimal places (p may be negative); returns integer q, x ~ q/10^p."""
    s = Fr(10) ** p
    y = x * s
    f = math.floor(y)
    r = y - f
    if r > Fr(1, 2) or (r == Fr(1, 2) and (tie == "up" and x > 0 or tie == "even" and f % 2 == 1
                                             or tie == "down" and x < 0)):
        f += 1
    return f


def trunc_places(x, p):
    s = Fr(10) ** p
    y = x * s
    return math.floor(y) if y >= 0 else -math.floor(-y)


def fmt_places(q, p):
    """Integer q scaled by 10^-p, printed positionally with exactly p decimals (p >= 0)."""
    neg = q < 0
    q = abs(q)
    s = str(q)
    if p > 0:
        s = s.rjust(p + 1, "0")
        s = s[:-p] + "." + s[-p:]
    else:
        s = s + "0" * (-p)
    return ("-" if neg else "") + s


def tie_margin(x_mp, p):
    """Distance (in units of the p-th decimal) of x from the nearest rounding tie."""
    y = to_fr(x_mp) * Fr(10) ** p
    r = y - math.floor(y)
    return abs(r - Fr(1, 2))


def claim_str(x, nsig=12):
    """The true value x (mpf at 60 digits) correctly rounded to nsig significant digits."""
    if x == 0:
        return "0." + "0" * nsig
    p = decimal_places_for_sig(x, nsig)
    # the 60-digit value must be far from a tie for the rounding to be certain
    assert tie_margin(x, p) > Fr(1, 10 ** 30), ("near a rounding tie", x, nsig)
    q = round_places(to_fr(x), p)
    if len(str(abs(q))) > nsig:      # rounded up to the next power of ten
        p -= 1
        q = round_places(to_fr(x), p)
    return fmt_places(q, p)


def parse_claim(s):
    """A claim's printed number: (exact Fraction, decimal places)."""
    s = s.replace("\u2212", "-")
    m = re.fullmatch(r"-?(\d*)(?:\.(\d+))?(?:e([-+]?\d+))?", s)
    assert m, s
    p = len(m.group(2) or "") - int(m.group(3) or 0)
    return D(s) if "e" not in s else Fr(s), p


def sig_digits(s):
    digits = re.sub(r"[^0-9]", "", s.split("e")[0]).lstrip("0")
    return len(digits)


# --------------------------------------------------------------------------------------------
# the network (true values, mpmath)
# --------------------------------------------------------------------------------------------
def logistic(x):
    return 1 / (1 + mpmath.exp(-x))


class Net:
    """One hidden layer, shared biases, fixture numbering."""

    def __init__(self, sizes, acts, biases, numbering="by-receiver", loss="half-squared"):
        self.sizes = sizes
        self.acts = acts          # per non-input layer
        self.biases = [M(b) for b in biases]
        self.numbering = numbering
        self.loss_kind = loss
        self.offsets = [0]
        for a, b in zip(sizes, sizes[1:]):
            self.offsets.append(self.offsets[-1] + a * b)
        self.nweights = self.offsets[-1]

    def idx(self, layer, r, s):
        """Index (0-based) of the weight from sender s to receiver r into non-input layer `layer`
        (1-based layer, 0-based neurons)."""
        a, b = self.sizes[layer - 1], self.sizes[layer]
        off = self.offsets[layer - 1]
        if self.numbering == "by-receiver":
            return off + r * a + s
        return off + s * b + r

    def forward(self, w, x):
        outs = [[M(v) for v in x]]
        nets = [None]
        for l in range(1, len(self.sizes)):
            prev = outs[-1]
            net = [mpmath.fsum(w[self.idx(l, r, s)] * prev[s] for s in range(len(prev)))
                   + self.biases[l - 1] for r in range(self.sizes[l])]
            act = self.acts[l - 1]
            if act == "logistic":
                out = [logistic(v) for v in net]
            elif act == "relu":
                out = [v if v > 0 else mpf(0) for v in net]
            elif act == "linear":
                out = list(net)
            elif act == "softmax":
                ex = [mpmath.exp(v) for v in net]
                z = mpmath.fsum(ex)
                out = [e / z for e in ex]
            else:
                raise ValueError(act)
            nets.append(net)
            outs.append(out)
        return nets, outs

    def loss(self, out, t):
        t = [M(v) for v in t]
        if self.loss_kind == "half-squared":
            return mpmath.fsum((tk - ok) ** 2 / 2 for tk, ok in zip(t, out))
        if self.loss_kind == "mean-squared":
            return mpmath.fsum((tk - ok) ** 2 for tk, ok in zip(t, out)) / len(out)
        if self.loss_kind == "cross-entropy" and self.acts[-1] == "softmax":
            return -mpmath.fsum(tk * mpmath.log(ok) for tk, ok in zip(t, out))
        raise ValueError(self.loss_kind)

    def dloss_dout(self, out, t):
        t = [M(v) for v in t]
        n = len(out)
        if self.loss_kind == "half-squared":
            return [-(tk - ok) for tk, ok in zip(t, out)]
        if self.loss_kind == "mean-squared":
            return [-2 * (tk - ok) / n for tk, ok in zip(t, out)]
        if self.loss_kind == "cross-entropy":
            return [-tk / ok for tk, ok in zip(t, out)]
        raise ValueError

    def backprop(self, w, x, t):
        """Returns (loss, gradient list, info) where info holds dE/dnet per layer."""
        nets, outs = self.forward(w, x)
        L = len(self.sizes) - 1
        g = [mpf(0)] * self.nweights
        dout = self.dloss_dout(outs[L], t)
        dnets = {}
        for l in range(L, 0, -1):
            act = self.acts[l - 1]
            out = outs[l]
            if act == "softmax":   # full Jacobian out_k([k=j] - out_j)
                dnet = [mpmath.fsum(dout[k] * out[k] * ((1 if k == j else 0) - out[j])
                                    for k in range(len(out))) for j in range(len(out))]
            elif act == "logistic":
                dnet = [dout[j] * out[j] * (1 - out[j]) for j in range(len(out))]
            elif act == "relu":
                dnet = [dout[j] if nets[l][j] > 0 else mpf(0) for j in range(len(out))]
            elif act == "linear":
                dnet = list(dout)
            dnets[l] = dnet
            prev = outs[l - 1]
            for r in range(self.sizes[l]):
                for s in range(self.sizes[l - 1]):
                    g[self.idx(l, r, s)] = dnet[r] * prev[s]
            dout = [mpmath.fsum(dnet[r] * w[self.idx(l, r, s)] for r in range(self.sizes[l]))
                    for s in range(self.sizes[l - 1])]
        return self.loss(outs[L], t), g, {"nets": nets, "outs": outs, "dnets": dnets}


def reduced(net, w, data, reduction, samples=None):
    """Reduced loss and gradient over `samples` (1-based indices; default: all)."""
    samples = samples or list(range(1, len(data) + 1))
    E = mpf(0)
    G = [mpf(0)] * net.nweights
    for s in samples:
        x, t = data[s - 1]
        e, g, _ = net.backprop(w, x, t)
        E += e
        G = [a + b for a, b in zip(G, g)]
    if reduction == "mean":
        E /= len(samples)
        G = [v / len(samples) for v in G]
    return E, G


def groups_for(N, batch):
    if batch == "full":
        return [list(range(1, N + 1))]
    K = int(batch)
    return [list(range(a, min(a + K, N + 1))) for a in range(1, N + 1, K)]


def train(net, w0, data, batch, reduction, rate, steps, params):
    """Weights after 0..steps steps."""
    rate = M(rate)
    groups = groups_for(len(data), batch)
    ws = [list(w0)]
    w = list(w0)
    for k in range(1, steps + 1):
        grp = groups[(k - 1) % len(groups)]
        _, G = reduced(net, w, data, reduction, grp)
        w = [w[i] - rate * G[i] if i in params else w[i] for i in range(net.nweights)]
        ws.append(w)
    return ws


def numdiff_check(f, x0, analytic, label):
    nd = mpmath.diff(f, x0)
    err = abs(nd - analytic)
    check(err <= mpf(10) ** -40 * max(1, abs(analytic)),
          "%s: backprop vs mpmath.diff agree (|diff| = %s)" % (label, mpmath.nstr(err, 3)))


def grad_numdiff(net, w, idx, lossfn):
    def f(v):
        ww = list(w)
        ww[idx] = v
        return lossfn(ww)
    return f


TUT_W = ["0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55"]
TUT_B = ["0.35", "0.60"]
TUT_X = ["0.05", "0.10"]
TUT_T = ["0.01", "0.99"]


def Ws(lst):
    return [M(D(v)) for v in lst]


# --------------------------------------------------------------------------------------------
# fixtures: the files are written by hand; we compare their claims with ours
# --------------------------------------------------------------------------------------------
def read_claims(fname):
    """Numeric claims of every [claims] group, in order: list of (group, quantity, printed)."""
    out = []
    section = None
    group = None
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        for line in fh:
            s = line.split("#", 1)[0].strip()
            if not s:
                continue
            m = re.fullmatch(r'\[(\w+)(?:\s+"([^"]*)")?\]', s)
            if m:
                section = m.group(1)
                group = m.group(2) or ""
                continue
            if section == "claims" and "==" not in s:
                q, v = [p.strip() for p in s.split("=", 1)]
                out.append((group, q, v))
    return out


def read_expectations(fname):
    """The `# expect VERDICT` words of the fixture's numeric claims, in file order."""
    out = []
    section = None
    with open(os.path.join(HERE, fname), encoding="utf-8") as fh:
        for line in fh:
            s = line.strip()
            if re.fullmatch(r'\[(\w+)(?:\s+"[^"]*")?\]', s.split("#", 1)[0].strip()):
                section = s[1:].split("]")[0].split()[0]
                continue
            if section == "claims" and "=" in s.split("#", 1)[0] and "==" not in s:
                m = re.search(r"#\s*expect\s+([a-z-]+)", s)
                out.append(m.group(1) if m else None)
    return out


def check_expectations(fname, predicted):
    """predicted: list of (quantity, printed, verdict, notes) in file order."""
    want = read_expectations(fname)
    check(len(want) == len(predicted), "%s: one `# expect` per claim" % fname)
    for (q, pr, verdict, notes), w in zip(predicted, want):
        check(verdict == w, "%s: %s = %s is %s%s" % (fname, q, pr, verdict,
                                                     (" (" + "; ".join(notes) + ")") if notes else ""))


def check_fixture(fname, expected):
    """expected: list of (quantity, printed) in file order (all groups)."""
    got = [(q, v) for _, q, v in read_claims(fname)] if os.path.exists(os.path.join(HERE, fname)) else []
    if got != expected:
        log("     %s: expected claims:" % fname)
        for q, v in expected:
            log("         %s = %s" % (q, v))
        if os.environ.get("V2REF_DRAFT"):
            return
    check(got == expected, "%s: its [claims] are exactly the computed ones (%d claims)"
          % (fname, len(expected)))


def sig12(fixture, items):
    """items: (quantity, mpf). Writes rows, returns expected claim list."""
    exp = []
    for q, v in items:
        row(fixture, q, v)
        exp.append((q, claim_str(v, 12)))
    return exp


# --------------------------------------------------------------------------------------------
# 0. sanity: the tutorial
# --------------------------------------------------------------------------------------------
def tutorial_net(loss="half-squared", numbering="by-receiver"):
    return Net([2, 2, 2], ["logistic", "logistic"], [D(b) for b in TUT_B], numbering, loss)


def sanity():
    net = tutorial_net()
    w = Ws(TUT_W)
    E, g, _ = net.backprop(w, [D(v) for v in TUT_X], [D(v) for v in TUT_T])
    check(mpmath.nstr(E, 21).startswith("0.29837110876000268860"),
          "tutorial E_total = 0.298371108760002688607... (%s)" % mpmath.nstr(E, 25))
    w5 = w[4] - mpf("0.5") * g[4]
    check(mpmath.nstr(w5, 18).startswith("0.35891647971788461"),
          "tutorial w5@1 = 0.358916479717884610... (%s)" % mpmath.nstr(w5, 25))
    # one-sample [data], batch full, reduction sum (and mean) == the tutorial's own training
    one = [([D(v) for v in TUT_X], [D(v) for v in TUT_T])]
    ref = [list(w)]
    ww = list(w)
    for k in range(10):
        _, gg, _ = net.backprop(ww, one[0][0], one[0][1])
        ww = [a - mpf("0.5") * b for a, b in zip(ww, gg)]
        ref.append(ww)
    for red in ("sum", "mean"):
        for batch in ("full", "1"):
            ws = train(net, w, one, batch, red, D("0.5"), 10, set(range(8)))
            check(all(a == b for wa, wb in zip(ws, ref) for a, b in zip(wa, wb)),
                  "[data] with the tutorial's one sample, batch %s, reduction %s: the tutorial's "
                  "10 steps, bit for bit" % (batch, red))
    # the 60-digit run agrees with a 90-digit run (so 40 printed digits are safe)
    with mp.workdps(90):
        ww9 = Ws(TUT_W)
        for k in range(10):
            _, gg, _ = net.backprop(ww9, one[0][0], one[0][1])
            ww9 = [a - mpf("0.5") * b for a, b in zip(ww9, gg)]
        err = max(abs(a - b) for a, b in zip(ww9, ref[-1]))
    check(err < mpf(10) ** -55, "60-digit vs 90-digit training agree to 1e-55 after 10 steps")


# --------------------------------------------------------------------------------------------
# 1. mean-squared
# --------------------------------------------------------------------------------------------
def fixture_mean_squared():
    F = "mean-squared.deriv"
    net = tutorial_net("mean-squared")
    x, t = [D(v) for v in TUT_X], [D(v) for v in TUT_T]
    w = Ws(TUT_W)
    E, g, _ = net.backprop(w, x, t)
    lossfn = lambda ww: net.loss(net.forward(ww, x)[1][-1], t)
    numdiff_check(grad_numdiff(net, w, 4, lossfn), w[4], g[4], F + " dE_total/dw5")
    numdiff_check(grad_numdiff(net, w, 0, lossfn), w[0], g[0], F + " dE_total/dw1")
    ws = train(net, w, [(x, t)], "full", "sum", D("0.5"), 100, set(range(8)))
    E1 = lossfn(ws[1])
    E100 = lossfn(ws[100])
    # with n = 2 outputs, (1/2) sum (t-out)^2 is the half-squared loss: same numbers as the tutorial
    hs = tutorial_net()
    check(abs(E - hs.loss(hs.forward(w, x)[1][-1], t)) < mpf(10) ** -58,
          "mean-squared with n = 2 outputs equals half-squared (E_total)")
    items = [("E_total", E), ("dE_total/dw5", g[4]), ("dE_total/dw1", g[0]),
             ("w5@1", ws[1][4]), ("w1@1", ws[1][0]), ("E_total@1", E1), ("E_total@100", E100)]
    check_fixture(F, sig12(F, items))


# --------------------------------------------------------------------------------------------
# 2. softmax + categorical cross-entropy, relu hidden layer
# --------------------------------------------------------------------------------------------
SOFTMAX_W = ["0.1", "0.2", "-0.3", "0.4", "-0.5", "0.6",                      # into h1, h2, h3
             "0.2", "-0.1", "0.3", "-0.4", "0.5", "0.1", "0.3", "0.2", "-0.2"]  # into o1, o2, o3


def fixture_softmax():
    F = "softmax.deriv"
    net = Net([2, 3, 3], ["relu", "softmax"], [D("0.1"), D("0.05")], "by-receiver", "cross-entropy")
    x, t = [D("0.5"), D("-0.2")], [D("0"), D("1"), D("0")]
    w = Ws(SOFTMAX_W)
    E, g, info = net.backprop(w, x, t)
    nets, outs = info["nets"], info["outs"]
    # exact nets of the hidden layer: 0.11, -0.13, -0.27 -> h2 and h3 dead
    exact_h = [sum(D(SOFTMAX_W[2 * r + s]) * x[s] for s in range(2)) + D("0.1") for r in range(3)]
    check(exact_h == [D("0.11"), D("-0.13"), D("-0.27")], "softmax: net_h = 0.11, -0.13, -0.27 exactly")
    check(outs[1][1] == 0 and outs[1][2] == 0, "softmax: h2 and h3 are dead relu units (out = 0)")
    dnet_o = info["dnets"][2]
    for k in range(3):
        check(abs(dnet_o[k] - (outs[2][k] - M(t[k]))) < mpf(10) ** -55,
              "softmax: dE_total/dnet_o%d (via the softmax Jacobian) = out_o%d - target" % (k + 1, k + 1))
    lossfn = lambda ww: net.loss(net.forward(ww, x)[1][-1], t)
    for i in range(15):
        numdiff_check(grad_numdiff(net, w, i, lossfn), w[i], g[i], F + " dE_total/dw%d" % (i + 1))
    check(all(g[i] == 0 for i in (2, 3, 4, 5, 7, 8, 10, 11, 13, 14)),
          "softmax: weights into and out of the dead units get gradient exactly 0")
    ws = train(net, w, [(x, t)], "full", "sum", D("0.1"), 10, set(range(15)))
    for k in range(11):
        n_h = net.forward(ws[k], x)[0][1]
        check((n_h[0] > mpf("0.001") if k < 10 else n_h[0] < mpf("-0.01")) and n_h[1] < 0 and n_h[2] < 0,
              "softmax: step %d: h2, h3 dead, h1 %s (net_h1 = %s)"
              % (k, "alive" if k < 10 else "DEAD too", mpmath.nstr(n_h[0], 6)))
    # after step 10 every hidden unit is dead: out_o = softmax(b2, b2, b2) = 1/3 each
    check(abs(lossfn(ws[10]) - mpmath.log(3)) < mpf(10) ** -58,
          "softmax: E_total@10 = log 3 (all hidden units dead, outputs 1/3 each)")
    items = [("out_h1", outs[1][0]), ("out_h2", outs[1][1]), ("out_h3", outs[1][2]),
             ("out_o1", outs[2][0]), ("out_o2", outs[2][1]), ("out_o3", outs[2][2]),
             ("E_total", E), ("dE_total/dnet_o1", dnet_o[0]), ("dE_total/dnet_o2", dnet_o[1]),
             ("dE_total/dnet_o3", dnet_o[2]),
             ("dE_total/dw10", g[9]), ("dE_total/dw1", g[0]),
             ("w10@1", ws[1][9]), ("w1@1", ws[1][0]),
             ("E_total@1", lossfn(ws[1])), ("E_total@10", lossfn(ws[10]))]
    exp = []
    for q, v in items:
        row(F, q, v)
        exp.append((q, "0.000000000000" if v == 0 else claim_str(v, 12)))
    check_fixture(F, exp)


# --------------------------------------------------------------------------------------------
# 3. by-sender numbering
# --------------------------------------------------------------------------------------------
def fixture_by_sender():
    F = "by-sender.deriv"
    net = tutorial_net("half-squared", "by-sender")
    check(net.idx(1, 0, 0) == 0 and net.idx(1, 1, 0) == 1 and net.idx(1, 0, 1) == 2
          and net.idx(1, 1, 1) == 3 and net.idx(2, 0, 0) == 4 and net.idx(2, 1, 0) == 5
          and net.idx(2, 0, 1) == 6 and net.idx(2, 1, 1) == 7,
          "by-sender: w1 i1->h1, w2 i1->h2, w3 i2->h1, w4 i2->h2, w5 h1->o1, w6 h1->o2, "
          "w7 h2->o1, w8 h2->o2")
    x, t = [D(v) for v in TUT_X], [D(v) for v in TUT_T]
    w = Ws(TUT_W)
    E, g, info = net.backprop(w, x, t)
    lossfn = lambda ww: net.loss(net.forward(ww, x)[1][-1], t)
    numdiff_check(grad_numdiff(net, w, 5, lossfn), w[5], g[5], F + " dE_total/dw6")
    numdiff_check(grad_numdiff(net, w, 2, lossfn), w[2], g[2], F + " dE_total/dw3")
    check(to_fr(info["nets"][1][0]) - D("0.3825") == 0 or abs(info["nets"][1][0] - M(D("0.3825"))) < mpf(10) ** -58,
          "by-sender: net_h1 = 0.15*0.05 + 0.25*0.10 + 0.35 = 0.3825")
    # independent re-statement: the same network in by-receiver numbering with permuted weights
    perm = [w[0], w[2], w[1], w[3], w[4], w[6], w[5], w[7]]
    E2, g2, _ = tutorial_net().backprop(perm, x, t)
    check(abs(E - E2) < mpf(10) ** -58 and abs(g[5] - g2[6]) < mpf(10) ** -58,
          "by-sender net == by-receiver net with w2<->w3, w6<->w7 (E_total, dE/dw6 = by-receiver dE/dw7)")
    ws = train(net, w, [(x, t)], "full", "sum", D("0.5"), 1, set(range(8)))
    items = [("net_h1", info["nets"][1][0]), ("out_h1", info["outs"][1][0]),
             ("out_o1", info["outs"][2][0]), ("E_total", E),
             ("dE_total/dw6", g[5]), ("dE_total/dw3", g[2]), ("w6@1", ws[1][5]), ("w3@1", ws[1][2])]
    check_fixture(F, sig12(F, items))


# --------------------------------------------------------------------------------------------
# 4. [data], batch, reduction
# --------------------------------------------------------------------------------------------
BATCH_DATA = [(["0.05", "0.10"], ["0.01", "0.99"]),
              (["0.10", "0.20"], ["0.50", "0.50"]),
              (["0.90", "0.30"], ["0.80", "0.10"])]


def fixture_batch(batch, reduction):
    F = "batch-%s-%s.deriv" % (batch, reduction)
    net = tutorial_net()
    data = [([D(v) for v in x], [D(v) for v in t]) for x, t in BATCH_DATA]
    w = Ws(TUT_W)
    ws = train(net, w, data, batch, reduction, D("0.5"), 5, set(range(8)))
    exp = []
    items = []
    for k in range(6):
        E, G = reduced(net, ws[k], data, reduction)
        items += [("w1@%d" % k, ws[k][0]), ("w5@%d" % k, ws[k][4]), ("w8@%d" % k, ws[k][7]),
                  ("E_total@%d" % k, E)]
        if k in (0, 5):
            for s in (1, 2, 3):
                x, t = data[s - 1]
                nets, outs = net.forward(ws[k], x)
                items += [("E_total[%d]@%d" % (s, k), net.loss(outs[-1], t)),
                          ("out_o1[%d]@%d" % (s, k), outs[-1][0])]
            items.append(("dE_total/dw5@%d" % k, G[4]))
            lossfn = lambda ww: reduced(net, ww, data, reduction)[0]
            numdiff_check(grad_numdiff(net, ws[k], 4, lossfn), ws[k][4], G[4],
                          "%s dE_total/dw5@%d (whole-data %s)" % (F, k, reduction))
    exp = sig12(F, items)
    if batch == "full":
        other = "mean" if reduction == "sum" else "sum"
        wm = train(net, w, data, batch, other, D("0.5"), 2, set(range(8)))
        row(F, "reduction-mistake:w5@2", wm[2][4])
    # independent re-statement of the schedule: which samples step k used
    groups = groups_for(3, batch)
    used = [groups[(k - 1) % len(groups)] for k in range(1, 6)]
    log("     %s: steps 1..5 use samples %s" % (F, used))
    check_fixture(F, exp)
    return ws


# --------------------------------------------------------------------------------------------
# binary32
# --------------------------------------------------------------------------------------------
def f32(x):
    """Round a Fraction to the nearest binary32 (ties to even). Normal range only (asserted)."""
    x = Fr(x)
    if x == 0:
        return Fr(0)
    sgn = -1 if x < 0 else 1
    a = abs(x)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fr(2) ** e > a:
        e -= 1
    if Fr(2) ** (e + 1) <= a:
        e += 1
    assert Fr(2) ** e <= a < Fr(2) ** (e + 1)
    assert -126 <= e <= 127, "outside binary32's normal range"
    q = a / Fr(2) ** (e - 23)
    n = math.floor(q)
    r = q - n
    if r > Fr(1, 2) or (r == Fr(1, 2) and n % 2 == 1):
        n += 1
    assert n <= 2 ** 24
    if n == 2 ** 24:
        assert e + 1 <= 127
    return sgn * Fr(n) * Fr(2) ** (e - 23)


def ulp32(x):
    a = abs(to_fr(x))
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fr(2) ** e > a:
        e -= 1
    if Fr(2) ** (e + 1) <= a:
        e += 1
    return Fr(2) ** (e - 23)


def f32_fn(fn, x):
    """fn (mpmath function) of a binary32 x, correctly rounded to binary32 (rounded once)."""
    with mp.workprec(320):
        y = fn(M(x))
        lo = to_fr(y) * (1 - Fr(1, 2 ** 300))
        hi = to_fr(y) * (1 + Fr(1, 2 ** 300))
    a, b = f32(lo), f32(hi)
    assert a == b, "binary32 rounding of %s not decided at 320 bits" % fn
    return a


def exact_decimal(x):
    """Full decimal expansion of a Fraction whose denominator is 2^a 5^b (binary32 numbers,
    decimals and their products)."""
    x = Fr(x)
    d = x.denominator
    a = b = 0
    while d % 2 == 0:
        d //= 2
        a += 1
    while d % 5 == 0:
        d //= 5
        b += 1
    assert d == 1
    k = max(a, b)
    q = x.numerator * 2 ** (k - a) * 5 ** (k - b)        # x = q / 10^k
    s = fmt_places(q, k)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def f32_shortest(x):
    """Shortest decimal string that rounds back (RNE) to the binary32 x; closest if several."""
    x = Fr(x)
    if x == 0:
        return "0.0"
    for n in range(1, 10):
        p = decimal_places_for_sig(x, n)
        lo = math.floor(x * Fr(10) ** p)
        best = None
        for c in (lo, lo + 1):
            v = Fr(c) / Fr(10) ** p
            if f32(v) == x:
                d = abs(v - x)
                if best is None or d < best[0] or (d == best[0] and c % 2 == 0):
                    best = (d, c)
        if best:
            return fmt_places(best[1], p) if p > 0 else fmt_places(best[1], p) + ".0"
    raise AssertionError


def f32_print(x, nsig=9):
    p = decimal_places_for_sig(x, nsig)
    q = round_places(Fr(x), p)
    y = Fr(x) * Fr(10) ** p
    assert y - math.floor(y) != Fr(1, 2), "binary32 value on a 9-digit tie"
    if len(str(abs(q))) > nsig:
        p -= 1
        q = round_places(Fr(x), p)
    return fmt_places(q, p)


def numpy_crosscheck(values):
    """Cross-check our binary32 printing against numpy (a separate implementation)."""
    try:
        import numpy as np
    except ImportError:
        log("     numpy not available: printing cross-check skipped")
        return
    for name, x in values:
        bits = None
        v = np.float32(0)
        # build the float32 from its exact value without a double: sign, exponent, mantissa
        a = abs(x)
        e = a.numerator.bit_length() - a.denominator.bit_length()
        if Fr(2) ** e > a:
            e -= 1
        if Fr(2) ** (e + 1) <= a:
            e += 1
        mant = int(a / Fr(2) ** (e - 23)) - 2 ** 23
        bits = ((1 if x < 0 else 0) << 31) | ((e + 127) << 23) | mant
        v = np.array([bits], dtype=np.uint32).view(np.float32)[0]
        s_np = str(v)
        p9_np = np.format_float_positional(v, precision=9, unique=False, fractional=False)
        check(D(s_np) == D(f32_shortest(x)) and D(p9_np) == D(f32_print(x)),
              "float32 %s: numpy prints %s / %s, we print %s / %s"
              % (name, s_np, p9_np, f32_shortest(x), f32_print(x)))


def numpy_pipeline_check(main):
    """The same binary32 computation done by numpy.float32 (its own expf): informational
    cross-check of the whole pipeline (numpy's expf is not guaranteed correctly rounded)."""
    try:
        import numpy as np
    except ImportError:
        log("     numpy not available: pipeline cross-check skipped")
        return
    f = np.float32
    w = [f(v) for v in (0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]  # f32(double(0.15)) = f32(0.15)
    i = [f(0.05), f(0.10)]
    t = [f(0.01), f(0.99)]
    b = [f(0.35), f(0.60)]

    def run(w):
        sig = lambda x: f(1) / (f(1) + np.exp(-x))
        oh = [sig((w[2 * r] * i[0] + w[2 * r + 1] * i[1]) + b[0]) for r in range(2)]
        oo = [sig((w[4 + 2 * r] * oh[0] + w[5 + 2 * r] * oh[1]) + b[1]) for r in range(2)]
        E = f(0.5) * ((t[0] - oo[0]) * (t[0] - oo[0])) + f(0.5) * ((t[1] - oo[1]) * (t[1] - oo[1]))
        do = [(oo[k] - t[k]) * (oo[k] * (f(1) - oo[k])) for k in range(2)]
        g = [None] * 8
        for r in range(2):
            for s in range(2):
                g[4 + 2 * r + s] = do[r] * oh[s]
        for j in range(2):
            dh = (do[0] * w[4 + j] + do[1] * w[6 + j]) * (oh[j] * (f(1) - oh[j]))
            for s in range(2):
                g[2 * j + s] = dh * i[s]
        return oh, oo, E, g
    oh, oo, E, g = run(w)
    w1 = [w[k] - f(0.5) * g[k] for k in range(8)]
    E1 = run(w1)[2]
    got = {"out_h1": oh[0], "out_o1": oo[0], "E_total": E, "dE_total/dw5": g[4],
           "dE_total/dw1": g[0], "w5@1": w1[4], "w1@1": w1[0], "E_total@1": E1}
    same = all(Fr(float(got[q])) == main[q] for q in got)
    check(same, "numpy.float32 pipeline (numpy expf) gives the same binary32 bits for all 8 quantities")


class F32Tutorial:
    """The tutorial net (by-receiver, half-squared) evaluated in binary32.
    logistic_mode: 'ops' = 1/(1+exp(-x)), each of exp, +, / rounded (the reading used);
                   'cr'  = logistic rounded once (correctly rounded as one function).
    delta_mode:    'chain' = (out - t) * [out*(1-out)]   (the carried chain's factors);
                   'ltr'   = ((out - t) * out) * (1-out)  (left to right as printed)."""

    def __init__(self, logistic_mode="ops", delta_mode="chain"):
        self.lm = logistic_mode
        self.dm = delta_mode

    def logistic(self, x):
        if self.lm == "cr":
            return f32_fn(logistic, x)
        e = f32_fn(mpmath.exp, -x)
        return f32(Fr(1) / f32(1 + e))

    def run(self, w, x, t, b):
        L = self.logistic
        net_h = [f32(f32(f32(w[2 * r] * x[0]) + f32(w[2 * r + 1] * x[1])) + b[0]) for r in range(2)]
        out_h = [L(v) for v in net_h]
        net_o = [f32(f32(f32(w[4 + 2 * r] * out_h[0]) + f32(w[5 + 2 * r] * out_h[1])) + b[1])
                 for r in range(2)]
        out_o = [L(v) for v in net_o]
        E_o = [f32(Fr(1, 2) * f32(f32(t[k] - out_o[k]) * f32(t[k] - out_o[k]))) for k in range(2)]
        E = f32(E_o[0] + E_o[1])
        # backprop, in the carried chain's order
        d_o = []
        for k in range(2):
            dEdout = f32(out_o[k] - t[k])                         # -(t - out), negation exact
            if self.dm == "chain":
                d_o.append(f32(dEdout * f32(out_o[k] * f32(1 - out_o[k]))))
            else:
                d_o.append(f32(f32(dEdout * out_o[k]) * f32(1 - out_o[k])))
        g = [None] * 8
        for r in range(2):
            for s in range(2):
                g[4 + 2 * r + s] = f32(d_o[r] * out_h[s])
        for j in range(2):
            dEdouth = f32(f32(d_o[0] * w[4 + j]) + f32(d_o[1] * w[6 + j]))
            if self.dm == "chain":
                d_h = f32(dEdouth * f32(out_h[j] * f32(1 - out_h[j])))
            else:
                d_h = f32(f32(dEdouth * out_h[j]) * f32(1 - out_h[j]))
            for s in range(2):
                g[2 * j + s] = f32(d_h * x[s])
        return dict(net_h=net_h, out_h=out_h, net_o=net_o, out_o=out_o, E=E, g=g)

    def quantities(self):
        w = [f32(D(v)) for v in TUT_W]
        x = [f32(D(v)) for v in TUT_X]
        t = [f32(D(v)) for v in TUT_T]
        b = [f32(D(v)) for v in TUT_B]
        eta = f32(D("0.5"))
        r0 = self.run(w, x, t, b)
        w1 = [f32(w[i] - f32(eta * r0["g"][i])) for i in range(8)]
        r1 = self.run(w1, x, t, b)
        q = {"out_h1": r0["out_h"][0], "out_o1": r0["out_o"][0], "E_total": r0["E"],
             "dE_total/dw5": r0["g"][4], "dE_total/dw1": r0["g"][0],
             "w5@1": w1[4], "w1@1": w1[0], "E_total@1": r1["E"]}
        givens = {"i1": x[0], "i2": x[1], "target_o1": t[0], "target_o2": t[1], "b1": b[0],
                  "b2": b[1]}
        givens.update({"w%d" % (i + 1): w[i] for i in range(8)})
        return q, givens


# --------------------------------------------------------------------------------------------
# carried values (the spec's "Carried values" + "Precisely"), for the tutorial net
# --------------------------------------------------------------------------------------------
def carried_tutorial(claims, target, eta=Fr(1, 2)):
    """Carried value of claim `target` = (quantity, step), the tutorial net, half-squared loss,
    training w1..w8. `claims`: dict (quantity, step) -> Fraction (the first claim of each, in
    the claim's [claims] group). The target's own claim is left out (it is what is being judged).
    Evaluated lazily, so only what the target depends on is looked at. Returns (value, fed) with
    fed = True when some claimed number entered the computation."""
    cl = {k: v for k, v in claims.items() if k != target}
    fed = [False]
    tx = [M(D(v)) for v in TUT_X]
    tt = [M(D(v)) for v in TUT_T]
    tb = [M(D(v)) for v in TUT_B]
    kmax = max(k for _, k in list(claims) + [target])
    truew = train(tutorial_net(), Ws(TUT_W), [([D(v) for v in TUT_X], [D(v) for v in TUT_T])],
                  "full", "sum", D("0.5"), kmax + 1, set(range(8)))
    memo = {}

    def get(q, k):
        if (q, k) in cl:
            fed[0] = True
            return M(cl[(q, k)])
        if (q, k) not in memo:
            memo[(q, k)] = rule(q, k)
        return memo[(q, k)]

    def rule(q, k):
        m = re.fullmatch(r"w(\d)", q)
        if m:
            i = int(m.group(1)) - 1
            if k == 0:
                return Ws(TUT_W)[i]
            # p@k = p@(k-1) (its claimed number there, else its TRUE value) - eta * carried g@(k-1)
            base = M(cl[(q, k - 1)]) if (q, k - 1) in cl else truew[k - 1][i]
            if (q, k - 1) in cl:
                fed[0] = True
            return base - M(eta) * get("dE_total/d" + q, k - 1)
        W = lambda n: get("w%d" % n, k)
        m = re.fullmatch(r"net_h(\d)", q)
        if m:
            j = int(m.group(1)) - 1
            return W(2 * j + 1) * tx[0] + W(2 * j + 2) * tx[1] + tb[0]
        m = re.fullmatch(r"out_([ho]\d)", q)
        if m:
            return logistic(get("net_" + m.group(1), k))
        m = re.fullmatch(r"net_o(\d)", q)
        if m:
            j = int(m.group(1)) - 1
            return W(5 + 2 * j) * get("out_h1", k) + W(6 + 2 * j) * get("out_h2", k) + tb[1]
        m = re.fullmatch(r"E_o(\d)", q)
        if m:
            j = int(m.group(1)) - 1
            return (tt[j] - get("out_o%d" % (j + 1), k)) ** 2 / 2
        if q == "E_total":
            return get("E_o1", k) + get("E_o2", k)
        # derivatives, one definition at a time; every factor is looked up with get(), so a
        # claimed factor replaces it
        if q in ("dE_total/dE_o1", "dE_total/dE_o2"):
            return mpf(1)
        m = re.fullmatch(r"dE_o(\d)/dout_o\1", q)
        if m:
            j = int(m.group(1)) - 1
            return -(tt[j] - get("out_o%d" % (j + 1), k))
        m = re.fullmatch(r"dE_total/dout_o(\d)", q)
        if m:
            o = "o" + m.group(1)
            return get("dE_total/dE_" + o, k) * get("dE_%s/dout_%s" % (o, o), k)
        m = re.fullmatch(r"dout_([ho]\d)/dnet_\1", q)
        if m:
            out = get("out_" + m.group(1), k)
            return out * (1 - out)
        m = re.fullmatch(r"dE_total/dnet_([ho]\d)", q)
        if m:
            n = m.group(1)
            return get("dE_total/dout_" + n, k) * get("dout_%s/dnet_%s" % (n, n), k)
        m = re.fullmatch(r"dE_total/dout_h(\d)", q)
        if m:
            j = int(m.group(1)) - 1
            return (get("dE_total/dnet_o1", k) * W(5 + j) + get("dE_total/dnet_o2", k) * W(7 + j))
        m = re.fullmatch(r"dE_total/dw(\d)", q)
        if m:
            i = int(m.group(1)) - 1
            if i < 4:
                r, s_ = divmod(i, 2)
                return get("dE_total/dnet_h%d" % (r + 1), k) * tx[s_]
            r, s_ = divmod(i - 4, 2)
            return get("dE_total/dnet_o%d" % (r + 1), k) * get("out_h%d" % (s_ + 1), k)
        raise KeyError(q)

    q, k = target
    memo.clear()
    v = rule(q, k)
    return v, fed[0]


def predict_verdict(printed, true, carried=None, fed=False, fmt=None, f32val=None):
    """The verdict the spec's table gives, in its order. `true`: mpf (60 digits).
    Returns (verdict, notes)."""
    c, p = parse_claim(printed)
    T = to_fr(true)            # a Fraction true value is exact; an mpf one must be far from ties
    notes = []
    assert isinstance(true, Fr) or tie_margin(true, p) > Fr(1, 10 ** 30)
    y = T * Fr(10) ** p
    fl = math.floor(y)
    r = y - fl
    rounds = {fl} if r < Fr(1, 2) else ({fl + 1} if r > Fr(1, 2) else {fl, fl + 1})
    cq = c * Fr(10) ** p
    assert cq.denominator == 1
    cq = int(cq)
    carried_ok = False
    if carried is not None and fed:
        cv = to_fr(carried)
        z = cv * Fr(10) ** p
        zf = math.floor(z)
        zr = z - zf
        crounds = {zf} if zr < Fr(1, 2) else ({zf + 1} if zr > Fr(1, 2) else {zf, zf + 1})
        ctr = trunc_places(cv, p)
        if cq in crounds:
            carried_ok = True
            notes.append("carried (rounded)")
        if cq == ctr:
            carried_ok = True
            notes.append("carried (truncated)")
    if cq in rounds:
        return "exact", notes
    if cq == trunc_places(T, p):
        return "truncated", notes
    if any(abs(cq - q) == 1 for q in rounds):
        dr = []
        for extra in (1, 2, 3):
            for tie in ("up", "even"):
                mid = round_places(T, p + extra, tie)
                midv = Fr(mid) / Fr(10) ** (p + extra)
                for tie2 in ("up", "even", "down"):
                    if round_places(midv, p, tie2) == cq:
                        dr.append("+%d places, %s then %s" % (extra, tie, tie2))
        if dr:
            notes.append("double-rounding: " + "; ".join(sorted(set(dr))))
        return "last-digit", notes
    if carried_ok:
        return "carried", notes
    if fmt == "float32" and sig_digits(printed) >= 7:
        bound = 4 * max(abs(f32val - T), ulp32(T))
        notes.append("|claim - true| / bound = %s, / (4 ulp32(true)) = %s"
                     % (mpmath.nstr(M(abs(c - T) / bound), 3), mpmath.nstr(M(abs(c - T) / (4 * ulp32(T))), 3)))
        if abs(c - T) <= bound:
            return "floating", notes
    return "wrong", notes


# --------------------------------------------------------------------------------------------
# 5. float32
# --------------------------------------------------------------------------------------------
def fixture_float32():
    F = "float32.deriv"
    order = ["out_h1", "out_o1", "E_total", "dE_total/dw5", "dE_total/dw1", "w5@1", "w1@1", "E_total@1"]
    main, givens = F32Tutorial("ops", "chain").quantities()
    alts = {"float32-alt-logistic-rounded-once": F32Tutorial("cr", "chain").quantities()[0],
            "float32-alt-left-to-right-delta": F32Tutorial("ops", "ltr").quantities()[0],
            "float32-alt-both": F32Tutorial("cr", "ltr").quantities()[0]}
    # true values
    net = tutorial_net()
    x, t = [D(v) for v in TUT_X], [D(v) for v in TUT_T]

    def truth():
        w = Ws(TUT_W)
        E, g, info = net.backprop(w, x, t)
        w1 = [a - mpf("0.5") * b for a, b in zip(w, g)]
        E1 = net.loss(net.forward(w1, x)[1][-1], t)
        return {"out_h1": info["outs"][1][0], "out_o1": info["outs"][2][0], "E_total": E,
                "dE_total/dw5": g[4], "dE_total/dw1": g[0], "w5@1": w1[4], "w1@1": w1[0],
                "E_total@1": E1}
    true = truth()
    with mp.workdps(90):
        true90 = truth()
        true60s = {q: mpmath.nstr(true90[q], 60) for q in order}
    for name in ["i1", "i2", "target_o1", "target_o2", "b1", "b2"] + ["w%d" % i for i in range(1, 9)]:
        row(F, "float32:" + name, M(givens[name]))
        row(F, "float32-exact:" + name, exact_decimal(givens[name]))
    numpy_crosscheck([(q, main[q]) for q in order])
    # our binary32 arithmetic against numpy's (IEEE) for the +,-,*,/ steps of a small sample
    try:
        import numpy as np

        def npf(v):
            return np.float32(np.float64(v)) if v == Fr(float(v)) else None
        a, b = main["out_o1"], main["out_h1"]
        for op, fo, fn in (("+", lambda u, v: u + v, lambda u, v: u + v),
                           ("-", lambda u, v: u - v, lambda u, v: u - v),
                           ("*", lambda u, v: u * v, lambda u, v: u * v),
                           ("/", lambda u, v: u / v, lambda u, v: u / v)):
            ours = f32(fo(a, b))
            theirs = fn(npf(a), npf(b))   # binary32 values are exact binary64 values
            check(Fr(float(theirs)) == ours, "binary32 %s agrees with numpy.float32 %s" % (op, op))
    except ImportError:
        pass
    claims = {}
    exp = []
    for q in order:
        qq, k = (q.split("@") + ["0"])[:2]
        claims[(qq, int(k))] = D(f32_print(main[q]))
    results = {}
    predicted = []
    for q in order + ["E_total"]:
        if q in results:     # the second [claims] group: E_total on its own (nothing fed)
            v = main[q]
            cv, fed = carried_tutorial({("E_total", 0): D(f32_print(v))}, ("E_total", 0))
            verdict, notes = predict_verdict(f32_print(v), true[q], cv, fed, "float32", v)
            log("     float32 %-13s claim %-13s verdict %-9s (alone in its group) %s"
                % (q, f32_print(v), verdict, notes))
            results["E_total (alone)"] = (f32_print(v), verdict, notes, None, None)
            exp.append((q, f32_print(v)))
            predicted.append((q, f32_print(v), verdict, notes))
            continue
        v = main[q]
        row(F, q, true[q])
        row(F, "true60:" + q, true60s[q])
        row(F, "float32:" + q, M(v))
        row(F, "float32-exact:" + q, exact_decimal(v))
        row(F, "float32-shortest:" + q, f32_shortest(v))
        row(F, "float32-print9:" + q, f32_print(v))
        for an, aq in alts.items():
            row(F, an + ":" + q, M(aq[q]))
        qq, k = (q.split("@") + ["0"])[:2]
        cv, fed = carried_tutorial(claims, (qq, int(k)))
        row(F, "carried:" + q, cv)
        verdict, notes = predict_verdict(f32_print(v), true[q], cv, fed, "float32", v)
        ulps = M((v - to_fr(true[q])) / ulp32(true[q]))
        same9 = {an: f32_print(aq[q]) == f32_print(v) for an, aq in alts.items()}
        results[q] = (f32_print(v), verdict, notes, ulps, same9)
        log("     float32 %-13s claim %-13s verdict %-9s f32-true = %s ulp32  %s  alt same 9 digits: %s"
            % (q, f32_print(v), verdict, mpmath.nstr(ulps, 3), notes, same9))
        exp.append((q, f32_print(v)))
        predicted.append((q, f32_print(v), verdict, notes))
    check_fixture(F, exp)
    check_expectations(F, predicted)
    numpy_pipeline_check(main)
    return results


# --------------------------------------------------------------------------------------------
# 6. double rounding (a [model] of givens; y := x etc.)
# --------------------------------------------------------------------------------------------
DR_CLAIMS = [  # (quantity, exact true value, printed claim, expected verdict)
    ("y", D("0.4449"), "0.45", "last-digit"),
    ("y", D("0.4449"), "0.44", "exact"),
    ("z", D("0.4349"), "0.44", "last-digit"),
    ("p", D("0.6595") ** 2, "0.44", "last-digit"),
    ("u", D("0.4441"), "0.45", "last-digit"),
    ("u", D("0.4441"), "0.43", "last-digit"),
    ("v", D("0.445"), "0.44", "exact"),
    ("v", D("0.445"), "0.45", "exact"),
]


def fixture_double_rounding():
    F = "double-rounding.deriv"
    exp = []
    predicted = []
    for q, val, printed, want in DR_CLAIMS:
        verdict, notes = predict_verdict(printed, val)     # exact rational true value
        log("     double-rounding %s = %s (true %s): %s %s" % (q, printed, val, verdict, notes))
        check(verdict == want, "double-rounding.deriv: %s = %s is %s" % (q, printed, want))
        if not any(r[0] == F and r[1] == q for r in ROWS):
            row(F, q, M(val))
        row(F, "claim:" + q, printed)
        exp.append((q, printed))
        predicted.append((q, printed, verdict, notes))
    # the explanation must be present exactly where claimed
    dr = {(q, pr): any(n.startswith("double-rounding") for n in predict_verdict(pr, v)[1])
          for q, v, pr, _ in DR_CLAIMS}
    check(dr[("y", "0.45")] and dr[("z", "0.44")] and dr[("p", "0.44")]
          and not dr[("u", "0.45")] and not dr[("u", "0.43")],
          "double-rounding explains y=0.45, z=0.44, p=0.44 and not u=0.45, u=0.43")
    check_fixture(F, exp)
    check_expectations(F, predicted)


# --------------------------------------------------------------------------------------------
# 7. carried by truncation
# --------------------------------------------------------------------------------------------
def fixture_truncated_carry():
    F = "truncated-carry.deriv"
    net = tutorial_net()
    x, t = [D(v) for v in TUT_X], [D(v) for v in TUT_T]
    E, g, info = net.backprop(Ws(TUT_W), x, t)
    out_o1 = info["outs"][2][0]
    out_o2 = info["outs"][2][1]
    E_o1 = (M(t[0]) - out_o1) ** 2 / 2
    E_o2 = (M(t[1]) - out_o2) ** 2 / 2
    true = {"out_o1": out_o1, "E_o1": E_o1, "E_total": E, "dE_total/dw5": g[4],
            "out_h1": info["outs"][1][0]}
    oc = Fr(trunc_places(to_fr(out_o1), 8), 10 ** 8)
    check(oc == D("0.75136506"), "out_o1 cut at 8 decimals is 0.75136506")
    eo1_exact = Fr(1, 2) * (t[0] - oc) ** 2          # exact rational
    groups = []
    # group A: 9 decimals (the brief's); B: 10 decimals, where only truncation reproduces it
    eA = fmt_places(trunc_places(eo1_exact, 9), 9)
    eB = fmt_places(trunc_places(eo1_exact, 10), 10)
    eB_round = fmt_places(round_places(eo1_exact, 10), 10)
    check(eB != eB_round, "at 10 decimals, truncating the carried E_o1 (%s) differs from rounding it (%s)"
          % (eB, eB_round))
    # E_total carried from the claimed E_o1 (group B) and the true E_o2, cut at 10 decimals
    etot_c = D(eB) + to_fr(E_o2)
    eT = fmt_places(trunc_places(etot_c, 10), 10)
    # dE_total/dw5 with the truncated out_o1 and out_h1 cut at 8 decimals
    oh = Fr(trunc_places(to_fr(true["out_h1"]), 8), 10 ** 8)
    g5c = (oc - t[0]) * oc * (1 - oc) * oh
    g5 = fmt_places(trunc_places(g5c, 10), 10)
    plan = [("A: 9 decimals", [("out_o1", "0.75136506"), ("E_o1", eA)]),
            ("B: 10 decimals", [("out_o1", "0.75136506"), ("E_o1", eB), ("E_total", eT)]),
            ("C: a derivative", [("out_h1", fmt_places(trunc_places(to_fr(true["out_h1"]), 8), 8)),
                                 ("out_o1", "0.75136506"), ("dE_total/dw5", g5)])]
    exp = []
    out = []
    predicted = []
    for label, cls in plan:
        claims = {(q, 0): D(v) for q, v in cls}
        for q, v in cls:
            cv, fed = carried_tutorial(claims, (q, 0))
            verdict, notes = predict_verdict(v, true[q], cv, fed)
            out.append((label, q, v, verdict, notes, cv, fed))
            log("     truncated-carry [%s] %s = %s: %s %s (carried %s, fed=%s)"
                % (label, q, v, verdict, notes, mpmath.nstr(cv, 20), fed))
            row(F, "%s|%s" % (label.split(":")[0], q), true[q])  # group|quantity
            row(F, "claim:%s|%s" % (label.split(":")[0], q), v)
            row(F, "carried:%s|%s" % (label.split(":")[0], q), cv)
            exp.append((q, v))
            predicted.append((q, v, verdict, notes))
    row(F, "exact-carried:E_o1", exact_decimal(eo1_exact))
    check_fixture(F, exp)
    check_expectations(F, predicted)
    return out


def main():
    sanity()
    fixture_mean_squared()
    fixture_softmax()
    fixture_by_sender()
    for batch in ("full", "1", "2"):
        for red in ("sum", "mean"):
            fixture_batch(batch, red)
    f32res = fixture_float32()
    fixture_double_rounding()
    tc = fixture_truncated_carry()
    path = os.path.join(HERE, "v2-reference.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("fixture\tquantity\tvalue\n")
        for r in ROWS:
            fh.write("\t".join(r) + "\n")
    log("wrote %s (%d rows); %d self-checks passed" % (path, len(ROWS), len(CHECKS)))


if __name__ == "__main__":
    main()
