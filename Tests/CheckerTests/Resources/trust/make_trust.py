"""make_trust.py -- independent reference values for derivcheck regression tests.

Computed with Python 3 + mpmath at 60 significant digits (mpmath.mp.dps = 60).
Run:  python3 make_trust.py > trust.tsv
Output: TSV with header  case<TAB>quantity<TAB>step<TAB>value ; values are
mpmath.nstr(x, 40).  Deterministic (no randomness, no I/O besides stdout;
a self-check summary goes to stderr).

Network model ("fixture format"): fully connected n0-n1-n2 net.
  * Weight vector order: all hidden-layer weights first, grouped by receiving
    neuron (h1 from i1..in0, then h2, ...), then output-layer weights grouped
    by receiving neuron (o1 from h1..hn1, then o2, ...).
  * Shared biases: one bias b1 for the hidden layer, b2 for the output layer,
    never trained here.
  * net = sum(w * sender_out) + b ; out = act(net).
    logistic(x) = 1/(1+e^-x), derivative out*(1-out);
    softplus(x) = log(1+e^x), derivative logistic(x).
  * Loss: E_total = sum_k 1/2 (t_k - out_ok)^2.
  * Backprop: delta_o = -(t-out_o)*act'(net_o); dE/dw_ho = delta_o*out_h;
    delta_h = (sum_o delta_o*w_ho)*act'(net_h); dE/dw_ih = delta_h*in_i.
  * Correct training: simultaneous plain gradient descent, all weights
    updated from gradients computed at the current weights, p <- p - eta*g.
  * "step k" = state after k updates (step 0 = initial weights); E_total and
    outputs at step k are the forward pass at the step-k weights.

Mistakes reproduced:
  * no-activation-derivative: act'(net) replaced by 1 in every gradient
    (forward pass unchanged).
  * sequential: per step, output weights updated first with correct
    gradients; then hidden deltas use the step's forward pass (out_h, out_o,
    delta_o at the step's starting weights) but the UPDATED output weights
    w_ho+; then hidden weights updated.
  * sign: p <- p + eta*g (gradient ascent).
  For softplus-sign, "double-overflow" says whether any softplus argument x of
  the forward pass at that step exceeds 709.782712893384 (the largest x with
  exp(x) finite in binary64), i.e. whether log1p(exp(x)) would overflow.
"""
import sys
import mpmath
from mpmath import mpf, mp

mp.dps = 60

DBL_EXP_MAX = mpf("709.782712893384")


def logistic(x):
    return 1 / (1 + mpmath.exp(-x))


def softplus(x):
    return mpmath.log1p(mpmath.exp(x))


ACT = {
    "logistic": (logistic, lambda net, out: out * (1 - out)),
    "softplus": (softplus, lambda net, out: logistic(net)),
}


class Net:
    def __init__(self, n0, n1, n2, weights, b1, b2, act, eta, inputs, targets):
        assert len(weights) == n0 * n1 + n1 * n2
        self.n0, self.n1, self.n2 = n0, n1, n2
        self.w = [mpf(x) for x in weights]
        self.b1, self.b2 = mpf(b1), mpf(b2)
        self.f, self.df = ACT[act]
        self.eta = mpf(eta)
        self.x = [mpf(v) for v in inputs]
        self.t = [mpf(v) for v in targets]

    def wh(self, j, i):  # index of weight h_j <- i_i
        return j * self.n0 + i

    def wo(self, k, j):  # index of weight o_k <- h_j
        return self.n0 * self.n1 + k * self.n1 + j

    def forward(self, w=None):
        w = self.w if w is None else w
        net_h = [sum(w[self.wh(j, i)] * self.x[i] for i in range(self.n0)) + self.b1
                 for j in range(self.n1)]
        out_h = [self.f(v) for v in net_h]
        net_o = [sum(w[self.wo(k, j)] * out_h[j] for j in range(self.n1)) + self.b2
                 for k in range(self.n2)]
        out_o = [self.f(v) for v in net_o]
        E = sum((self.t[k] - out_o[k]) ** 2 / 2 for k in range(self.n2))
        return net_h, out_h, net_o, out_o, E

    def step(self, mode="correct"):
        w = self.w
        net_h, out_h, net_o, out_o, _ = self.forward()
        if mode == "no-act-deriv":
            d = lambda net, out: mpf(1)
        else:
            d = self.df
        delta_o = [-(self.t[k] - out_o[k]) * d(net_o[k], out_o[k]) for k in range(self.n2)]
        g = [mpf(0)] * len(w)
        for k in range(self.n2):
            for j in range(self.n1):
                g[self.wo(k, j)] = delta_o[k] * out_h[j]
        sign = 1 if mode == "sign" else -1
        new_w = list(w)
        for k in range(self.n2):
            for j in range(self.n1):
                idx = self.wo(k, j)
                new_w[idx] = w[idx] + sign * self.eta * g[idx]
        # weights used in the backpropagated chain to the hidden layer
        wchain = new_w if mode == "sequential" else w
        for j in range(self.n1):
            dh = sum(delta_o[k] * wchain[self.wo(k, j)] for k in range(self.n2)) \
                * d(net_h[j], out_h[j])
            for i in range(self.n0):
                idx = self.wh(j, i)
                g[idx] = dh * self.x[i]
                new_w[idx] = w[idx] + sign * self.eta * g[idx]
        self.w = new_w


def fmt(x):
    if isinstance(x, str):
        return x
    if mpmath.isnan(x):
        return "nan"
    if mpmath.isinf(x):
        return "overflow"
    return mpmath.nstr(x, 40)


ROWS = []


def emit(case, quantity, step, value):
    ROWS.append((case, quantity, str(step), fmt(value)))


def run(make, mode, nsteps, record):
    """record(step, net) is called at step 0..nsteps (after each update)."""
    net = make()
    record(0, net)
    for s in range(1, nsteps + 1):
        net.step(mode)
        record(s, net)
    return net


# ---------------------------------------------------------------- case 1
def tutorial():
    return Net(2, 2, 2, ["0.15", "0.20", "0.25", "0.30", "0.40", "0.45", "0.50", "0.55"],
               "0.35", "0.60", "logistic", "0.5", ["0.05", "0.10"], ["0.01", "0.99"])


C1 = "tutorial-no-activation-derivative"


def rec1(s, net):
    if s in (1, 2, 1000, 10000):
        for i in range(8):
            emit(C1, "w%d" % (i + 1), s, net.w[i])
        emit(C1, "E_total", s, net.forward()[4])


run(tutorial, "no-act-deriv", 10000, rec1)

CHECK = {}


def rec1c(s, net):
    if s in (1, 1000):
        emit(C1, "correct:w2", s, net.w[1])
        emit(C1, "correct:E_total", s, net.forward()[4])
    if s == 0:
        CHECK["E0"] = net.forward()[4]
    if s == 1:
        CHECK["w5_1"] = net.w[4]
    if s == 10000:
        CHECK["E10000"] = net.forward()[4]


run(tutorial, "correct", 10000, rec1c)

# ---------------------------------------------------------------- case 2
def net242():
    return Net(2, 4, 2,
               ["0.15", "0.20", "0.25", "0.30", "0.35", "0.40", "0.45", "0.50",
                "0.40", "0.45", "0.50", "0.55", "0.60", "0.65", "0.70", "0.75"],
               "0.35", "0.60", "logistic", "0.5", ["0.05", "0.10"], ["0.01", "0.99"])


C2 = "net242-sequential"


def rec2(s, net):
    if s in (1, 2, 1000):
        emit(C2, "w9", s, net.w[8])
    if s in (1, 2):
        emit(C2, "w1", s, net.w[0])


run(net242, "sequential", 1000, rec2)


def rec2c(s, net):
    if s in (2, 1000):
        emit(C2, "correct:w9", s, net.w[8])


run(net242, "correct", 1000, rec2c)

# ---------------------------------------------------------------- case 3
def sp():
    return Net(1, 2, 1, ["0.5", "-0.5", "1", "1"], "0", "0", "softplus", "1", ["1"], ["1"])


C3 = "softplus-sign"


def rec3(s, net):
    net_h, out_h, net_o, out_o, E = net.forward()
    emit(C3, "E_total", s, E)
    emit(C3, "out_o1", s, out_o[0])
    over = any(x > DBL_EXP_MAX for x in net_h + net_o)
    emit(C3, "double-overflow", s, "yes" if over else "no")


run(sp, "sign", 6, rec3)


def rec3c(s, net):
    if s == 5:
        emit(C3, "correct:E_total", s, net.forward()[4])


run(sp, "correct", 5, rec3c)

# ---------------------------------------------------------------- check
emit("check", "E_total", 0, CHECK["E0"])
emit("check", "w5", 1, CHECK["w5_1"])
emit("check", "E_total", 10000, CHECK["E10000"])

known = [("E_total step 0", CHECK["E0"], "0.298371108760002688607"),
         ("w5 step 1", CHECK["w5_1"], "0.358916479717884610"),
         ("E_total step 10000", CHECK["E10000"], "3.51018778297884587423401817371257094e-5")]
ok = True
for name, got, want in known:
    nd = len(want.split("e")[0].replace(".", "").lstrip("0"))
    match = mpmath.nstr(got, nd, strip_zeros=False) == mpmath.nstr(mpf(want), nd, strip_zeros=False) \
        or abs(got - mpf(want)) <= abs(mpf(want)) * mpf(10) ** (1 - nd)
    ok = ok and match
    sys.stderr.write("check %-20s %s  known %s  %s\n"
                     % (name, mpmath.nstr(got, 40), want, "OK" if match else "MISMATCH"))
sys.stderr.write("all checks OK\n" if ok else "CHECK FAILED\n")

print("case\tquantity\tstep\tvalue")
for r in ROWS:
    print("\t".join(r))
