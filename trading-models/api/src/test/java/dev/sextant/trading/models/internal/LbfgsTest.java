package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void minimisesAQuadratic() {
        double[] x = {5, -3, 10};
        double f = new Lbfgs(5, 200, 1e-10).minimise((v, g) -> {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                double d = v[i] - i;
                s += (i + 1) * d * d;
                g[i] = 2 * (i + 1) * d;
            }
            return s;
        }, x);
        assertEquals(0, f, 1e-12);
        assertEquals(0, x[0], 1e-6);
        assertEquals(1, x[1], 1e-6);
        assertEquals(2, x[2], 1e-6);
    }

    @Test
    void minimisesTheRosenbrockValley() {
        double[] x = {-1.2, 1};
        new Lbfgs(10, 1_000, 1e-9).minimise((v, g) -> {
            double a = 1 - v[0];
            double b = v[1] - v[0] * v[0];
            g[0] = -2 * a - 400 * v[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, x);
        assertEquals(1, x[0], 1e-4);
        assertEquals(1, x[1], 1e-4);
    }
}
