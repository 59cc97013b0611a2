package dev.sextant.trading.models.internal;

/**
 * Limited-memory BFGS minimiser with a backtracking Armijo line search, for smooth convex
 * objectives such as regularised logistic regression. Not thread-safe; create one per fit.
 */
public final class Lbfgs {

    /** A differentiable objective. */
    @FunctionalInterface
    public interface Objective {
        /** Returns f(x) and writes its gradient into {@code gradient}. */
        double evaluate(double[] x, double[] gradient);
    }

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;

    /**
     * Configures the minimiser.
     *
     * @param memory            number of correction pairs kept, positive
     * @param maxIterations     iteration limit, positive
     * @param gradientTolerance stop when the largest gradient component is below this
     */
    public Lbfgs(int memory, int maxIterations, double gradientTolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
    }

    /**
     * Minimises {@code f} from {@code x}, updating {@code x} in place.
     *
     * @return the objective value at the returned point
     */
    public double minimise(Objective f, double[] x) {
        int n = x.length;
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int stored = 0;
        int head = 0;
        for (int it = 0; it < maxIterations; it++) {
            if (maxAbs(g) < gradientTolerance) {
                break;
            }
            // Two-loop recursion: d = -H g.
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int idx = Math.floorMod(head - 1 - k, memory);
                alpha[idx] = rho[idx] * dot(s[idx], d);
                axpy(-alpha[idx], y[idx], d);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
                scale(d, gamma);
            }
            for (int k = stored - 1; k >= 0; k--) {
                int idx = Math.floorMod(head - 1 - k, memory);
                double beta = rho[idx] * dot(y[idx], d);
                axpy(alpha[idx] - beta, s[idx], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                System.arraycopy(g, 0, d, 0, n);
                scale(d, -1);
                slope = dot(g, d);
                stored = 0;
            }
            double step = stored == 0 ? Math.min(1, 1 / Math.max(1e-12, Math.sqrt(dot(g, g)))) : 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 50; ls++) {
                for (int j = 0; j < n; j++) {
                    xNew[j] = x[j] + step * d[j];
                }
                fNew = f.evaluate(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] sNext = s[head];
            double[] yNext = y[head];
            for (int j = 0; j < n; j++) {
                sNext[j] = xNew[j] - x[j];
                yNext[j] = gNew[j] - g[j];
            }
            double sy = dot(sNext, yNext);
            if (sy > 1e-12) {
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double change = Math.abs(fx - fNew);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (change <= 1e-12 * Math.max(1, Math.abs(fx))) {
                break;
            }
        }
        return fx;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
