package dev.sextant.trading.engine.rl.internal;

/** Adam (Kingma and Ba) on a flat parameter array, with gradient clipping by global norm. Not thread-safe. */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private final double[] m;
    private final double[] v;
    private int t;

    /** State for {@code n} parameters. */
    public Adam(int n) {
        m = new double[n];
        v = new double[n];
    }

    /**
     * One step: scales {@code gradient} down to global norm {@code maxNorm} when it is larger,
     * then moves {@code params} against it with learning rate {@code rate}.
     */
    public void step(double[] params, double[] gradient, double rate, double maxNorm) {
        double norm = 0;
        for (double g : gradient) {
            norm += g * g;
        }
        norm = Math.sqrt(norm);
        double scale = norm > maxNorm ? maxNorm / norm : 1;
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i] * scale;
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            params[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
        }
    }
}
