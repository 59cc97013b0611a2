#!/usr/bin/env python3
"""Golden values for DieboldMarianoTest and StudentTDistributionTest.

Pure Python (no numpy/scipy on the build machine), written independently of the Java code:
the Student-t tail is integrated numerically in the angle theta (x = sqrt(df) tan theta, where
the density becomes c cos^(df-1) theta) with composite Simpson's rule, rather than the Java
continued fraction for the incomplete beta function. The Diebold-Mariano statistic follows
Diebold and Mariano (1995) with a Bartlett (Newey-West) long-run variance and the Harvey,
Leybourne and Newbold (1997) correction, p-value two-sided against t(n - 1).

Run:  python3 diebold_mariano_golden.py   (rewrites dm_golden.csv and t_golden.csv here)
CI never runs this script; the CSV files it wrote are committed.
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def t_two_sided(t, df, steps=200000):
    """P(|T| >= |t|) by Simpson's rule on theta in [atan(|t|/sqrt(df)), pi/2]."""
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(math.pi)
    a = math.atan(abs(t) / math.sqrt(df))
    b = math.pi / 2
    h = (b - a) / steps

    def f(theta):
        return math.cos(theta) ** (df - 1)

    s = f(a) + f(b)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return min(1.0, 2 * c * s * h / 3)


def bandwidth(n):
    return min(n - 1, int(math.floor(4 * (n / 100.0) ** (2.0 / 9.0))))


def dm(d, horizon, lag=None):
    n = len(d)
    if lag is None:
        lag = min(n - 1, max(horizon - 1, bandwidth(n)))
    mean = sum(d) / n

    def gamma(k):
        return sum((d[i] - mean) * (d[i - k] - mean) for i in range(k, n)) / n

    lrv = gamma(0) + 2 * sum((1 - k / (lag + 1)) * gamma(k) for k in range(1, lag + 1))
    stat = mean / math.sqrt(lrv / n)
    stat *= math.sqrt((n + 1 - 2 * horizon + horizon * (horizon - 1) / n) / n)
    return stat, t_two_sided(stat, n - 1), n, mean, lag, lrv


def cases():
    rng = random.Random(20261203)
    yield "hand", [1.0, 2.0, 3.0, 4.0], 1, None
    yield "iid-shift", [0.1 + rng.gauss(0, 1) for _ in range(250)], 1, None
    ar, x = [], 0.0
    for _ in range(500):
        x = 0.6 * x + rng.gauss(0, 1)
        ar.append(0.02 + x)
    yield "ar1-h10", ar, 10, None
    e = [rng.gauss(0, 1) for _ in range(124)]
    yield "ma4-h5", [sum(e[i:i + 5]) for i in range(120)], 5, None
    yield "iid-lag0", [rng.gauss(0.3, 2) for _ in range(60)], 1, 0


def main():
    with open(os.path.join(HERE, "dm_golden.csv"), "w") as out:
        out.write("case,horizon,lag_given,n,lag,mean,lrv,statistic,p_value,values\n")
        for name, d, h, lag in cases():
            stat, p, n, mean, used, lrv = dm(d, h, lag)
            values = " ".join(repr(v) for v in d)
            out.write(f"{name},{h},{'' if lag is None else lag},{n},{used},{mean!r},{lrv!r},{stat!r},{p!r},{values}\n")
    with open(os.path.join(HERE, "t_golden.csv"), "w") as out:
        out.write("t,df,two_sided_p\n")
        for t, df in [(2.0, 1), (2.0, 5), (-1.3, 3), (0.5, 30), (4.0, 499), (1.96, 1000), (10.0, 4),
                      (6.0, 200), (0.01, 2), (3.0, 59), (-2.5, 119)]:
            out.write(f"{t!r},{df},{t_two_sided(t, df)!r}\n")


if __name__ == "__main__":
    main()
