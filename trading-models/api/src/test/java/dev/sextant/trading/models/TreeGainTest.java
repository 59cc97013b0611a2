package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.WeightedAverageEnsemble;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TreeGainTest {

    @Test
    void rejectsNegativeOrNonFiniteGainAndMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TreeGain(new double[] {1, -2}, new double[2], new long[2]));
        assertTrue(e.getMessage().contains("gain[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TreeGain(new double[] {Double.NaN}, new double[1], new long[1]));
        assertThrows(IllegalArgumentException.class, () -> new TreeGain(new double[2], new double[1], new long[2]));
        assertThrows(IllegalArgumentException.class, () -> new TreeGain(new double[1], new double[1], new long[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new TreeGain(new double[0], new double[0], new long[0]));
    }

    @Test
    void plusAddsInputByInputAndRefusesDifferentSizes() {
        TreeGain a = new TreeGain(new double[] {1, 2}, new double[] {3, 4}, new long[] {1, 0});
        TreeGain b = new TreeGain(new double[] {0.5, 0}, new double[] {1, 1}, new long[] {2, 3});
        TreeGain s = a.plus(b);
        assertArrayEquals(new double[] {1.5, 2}, s.gain());
        assertArrayEquals(new double[] {4, 5}, s.cover());
        assertArrayEquals(new long[] {3, 3}, s.splits());
        assertThrows(IllegalArgumentException.class, () -> a.plus(new TreeGain(new double[1], new double[1], new long[1])));
    }

    @Test
    void wrappersPassTheInnerGainThroughAndEnsemblesSumTheirMembers() {
        TreeGain g = new TreeGain(new double[] {1, 3}, new double[] {2, 2}, new long[] {1, 1});
        Model trees = new Fixed("trees", Optional.of(g));
        Model plain = new Fixed("plain", Optional.empty());
        assertArrayEquals(g.gain(), new CalibratedModel(trees, new TemperatureScaling(2, new FitWindow(0, 1, 2))).treeGain().orElseThrow().gain());
        assertTrue(new CalibratedModel(plain, new TemperatureScaling(2, new FitWindow(0, 1, 2))).treeGain().isEmpty());
        Model twice = new Fixed("trees2", Optional.of(g));
        WeightedAverageEnsemble e = new WeightedAverageEnsemble("e", List.of(trees, plain, twice), new double[] {1, 1, 1},
                Provenance.unknown("test"));
        assertArrayEquals(new double[] {2, 6}, e.treeGain().orElseThrow().gain());
        assertTrue(TreeGain.sum(List.of(plain)).isEmpty());
    }

    @Property(tries = 200)
    void gainSharesAreInTheUnitIntervalAndSumToOne(@ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 1e6) Double> gains) {
        double[] g = gains.stream().mapToDouble(Double::doubleValue).toArray();
        double[] share = new TreeGain(g, new double[g.length], new long[g.length]).gainShare();
        double total = 0;
        for (double v : g) {
            total += v;
        }
        double sum = 0;
        for (double s : share) {
            assertTrue(s >= 0 && s <= 1, "share " + s);
            sum += s;
        }
        // n divisions and n additions, each rounding by at most one ulp of numbers <= 1.
        assertEquals(total > 0 ? 1 : 0, sum, 4 * g.length * Math.ulp(1.0));
    }

    /** A model with fixed outputs and a fixed tree gain. */
    private record Fixed(String id, Optional<TreeGain> gain) implements Model {
        @Override
        public ModelMetadata metadata() {
            return new ModelMetadata(id, "fixed", InputKind.VECTOR, 2, 1, false, Provenance.unknown("test"));
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            probabilities[0] = 0.2;
            probabilities[1] = 0.5;
            probabilities[2] = 0.3;
            return Double.NaN;
        }

        @Override
        public Optional<TreeGain> treeGain() {
            return gain;
        }

        @Override
        public void close() {
        }
    }
}
