package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.Provenance;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class WeightedAverageEnsembleTest {

    @Test
    void averagesWithNormalisedWeights() {
        WeightedAverageEnsemble e = new WeightedAverageEnsemble("avg",
                List.of(FakeModels.constant("a", 2, 1, 0, 0), FakeModels.constant("b", 2, 0, 0, 1)),
                new double[] {1, 3}, Provenance.unknown("test"));
        double[] p = new double[3];
        assertTrue(Double.isNaN(e.predict(new float[] {0, 0}, p)));
        assertArrayEquals(new double[] {0.25, 0, 0.75}, p, 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75}, e.weights(), 1e-12);
    }

    @Test
    void vectorMembersReadTheLatestVectorOfTheWindow() {
        FakeModels.Lambda vector = FakeModels.constant("v", 2, 0.2, 0.6, 0.2);
        FakeModels.Lambda window = new FakeModels.Lambda("w", 2, 3, (x, p) -> {
            p[0] = 0.2;
            p[1] = 0.2;
            p[2] = 0.6;
        }, Double.NaN);
        WeightedAverageEnsemble e = new WeightedAverageEnsemble("avg", List.of(vector, window), new double[] {1, 1},
                Provenance.unknown("test"));
        assertEquals(InputKind.WINDOW, e.metadata().inputKind());
        assertEquals(3, e.metadata().sequenceLength());
        e.predict(new float[] {1, 2, 3, 4, 5, 6}, new double[3]);
        assertArrayEquals(new float[] {5, 6}, vector.lastInput);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, window.lastInput);
    }

    @Test
    void rejectsMismatchedMembersWeightsAndInput() {
        List<Model> members = List.of(FakeModels.constant("a", 2, 1, 0, 0), FakeModels.constant("b", 3, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedAverageEnsemble("x", members, new double[] {1, 1}, Provenance.unknown("t")));
        List<Model> same = List.of(FakeModels.constant("a", 2, 1, 0, 0), FakeModels.constant("a", 2, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedAverageEnsemble("x", same, new double[] {1, 1}, Provenance.unknown("t")));
        List<Model> ok = List.of(FakeModels.constant("a", 2, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedAverageEnsemble("x", ok, new double[] {0}, Provenance.unknown("t")));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedAverageEnsemble("x", ok, new double[] {1, 2}, Provenance.unknown("t")));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedAverageEnsemble("x", ok, new double[] {-1}, Provenance.unknown("t")));
        WeightedAverageEnsemble e = new WeightedAverageEnsemble("x", ok, new double[] {1}, Provenance.unknown("t"));
        assertThrows(ModelInputException.class, () -> e.predict(new float[] {1}, new double[3]));
    }

    @Test
    void closesEveryMember() {
        FakeModels.Lambda a = FakeModels.constant("a", 1, 1, 0, 0);
        FakeModels.Lambda b = FakeModels.constant("b", 1, 1, 0, 0);
        new WeightedAverageEnsemble("x", List.of(a, b), new double[] {1, 1}, Provenance.unknown("t")).close();
        assertTrue(a.closed && b.closed);
    }

    @Property(tries = 300)
    void probabilitiesSumToOne(@ForAll @DoubleRange(min = 0, max = 1) double x, @ForAll @DoubleRange(min = 0, max = 1) double y,
            @ForAll @DoubleRange(min = 0.01, max = 100) double w1, @ForAll @DoubleRange(min = 0, max = 100) double w2) {
        FakeModels.Lambda a = FakeModels.constant("a", 1, x, 1 - x, 0);
        FakeModels.Lambda b = FakeModels.constant("b", 1, 0, y, 1 - y);
        double[] p = new double[3];
        new WeightedAverageEnsemble("x", List.of(a, b), new double[] {w1, w2}, Provenance.unknown("t"))
                .predict(new float[] {0}, p);
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
    }
}
