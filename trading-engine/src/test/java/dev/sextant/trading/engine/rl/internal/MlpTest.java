package dev.sextant.trading.engine.rl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void backwardMatchesFiniteDifferencesOfAWeightedOutputSum() {
        Mlp mlp = new Mlp(4, 6, 5, 3);
        SplittableRandom r = new SplittableRandom(1);
        double[] p = new double[mlp.parameterCount() + 7];
        mlp.initialise(p, 7, r, 1.0, 1.0);
        double[] x = {0.3, -1.2, 0.8, 0.05};
        double[] w = {0.7, -1.1, 0.4};
        Mlp.Workspace ws = mlp.workspace();
        mlp.forward(p, 7, x, 0, ws);
        double[] g = new double[p.length];
        mlp.backward(p, 7, w, ws, g);
        double h = 1e-6;
        for (int k = 7; k < p.length; k++) {
            double keep = p[k];
            p[k] = keep + h;
            double up = dot(mlp.forward(p, 7, x, 0, ws), w);
            p[k] = keep - h;
            double down = dot(mlp.forward(p, 7, x, 0, ws), w);
            p[k] = keep;
            // Central differences of a smooth function: error O(h^2) ~ 1e-12 plus rounding ~1e-10.
            assertEquals((up - down) / (2 * h), g[k], 1e-7, "parameter " + k);
        }
        for (int k = 0; k < 7; k++) {
            assertEquals(0, g[k], "outside the MLP's parameters");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void countsParametersPerLayerAndRejectsEmptyLayers() {
        assertEquals(4 * 6 + 6 + 6 * 3 + 3, new Mlp(4, 6, 3).parameterCount());
        assertThrows(IllegalArgumentException.class, () -> new Mlp(4, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(4));
    }
}
