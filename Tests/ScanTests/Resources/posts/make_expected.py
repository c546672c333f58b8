"""Reference values for the ScanTests posts, computed with mpmath at 50 digits, independent of
derivcheck. Run: python3 make_expected.py"""
from mpmath import mp, mpf, tanh, exp

mp.dps = 50

# relu-neuron.md: z = w1*x1 + w2*x2 + b, a = relu(z), L = (y - a)^2, eta = 0.1
x1, x2, w1, w2, b, y, eta = mpf(2), mpf(3), mpf("0.5"), mpf("-0.25"), mpf("0.1"), mpf(1), mpf("0.1")
z = w1 * x1 + w2 * x2 + b
a = max(z, 0)
L = (y - a) ** 2
dL_da = -2 * (y - a)
print("relu z", z, "a", a, "L", L, "dL/da", dL_da)
print("relu dL/dw1", dL_da * x1, "dL/dw2", dL_da * x2)
print("relu w1+", w1 - eta * dL_da * x1, "w2+", w2 - eta * dL_da * x2)

# tanh-unit.tex: 2-1 network, tanh, half-squared error, rate 0.25
i1, i2, v1, v2, b1, t = mpf("0.5"), mpf(-1), mpf("0.3"), mpf("0.6"), mpf("0.1"), mpf("0.2")
net = v1 * i1 + v2 * i2 + b1
out = tanh(net)
E = (t - out) ** 2 / 2
dE_dout = out - t
dout_dnet = 1 - out ** 2
print("tanh net", net, "out", out, "E", E)
print("tanh dE/dout", dE_dout, "dout/dnet", dout_dnet, "dE/dw1", dE_dout * dout_dnet * i1)
print("tanh w1+", v1 - mpf("0.25") * dE_dout * dout_dnet * i1)

# mazur-notebook.ipynb: Mazur's network; the values the notebook prints
def logistic(x):
    return 1 / (1 + exp(-x))
h1 = logistic(mpf("0.15") * mpf("0.05") + mpf("0.2") * mpf("0.1") + mpf("0.35"))
h2 = logistic(mpf("0.25") * mpf("0.05") + mpf("0.3") * mpf("0.1") + mpf("0.35"))
o1 = logistic(mpf("0.4") * h1 + mpf("0.45") * h2 + mpf("0.6"))
print("notebook out_h1", h1, "out_o1", o1, "dE/dw5", (o1 - mpf("0.01")) * o1 * (1 - o1) * h1)
