package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class StackingEnsembleTest {

    @Test
    void feedsTheMetaLearnerLogProbabilitiesOfEveryBase() {
        FakeModels.Lambda meta = new FakeModels.Lambda("meta", 6, 1, (x, p) -> {
            p[0] = 0.3;
            p[1] = 0.3;
            p[2] = 0.4;
        }, 0.77);
        StackingEnsemble e = new StackingEnsemble("s",
                List.of(FakeModels.constant("a", 2, 0.5, 0.25, 0.25), FakeModels.constant("b", 2, 0, 0.5, 0.5)), meta,
                Provenance.unknown("t"));
        double[] p = new double[3];
        assertEquals(0.77, e.predict(new float[] {1, 2}, p));
        float floor = (float) Math.log(StackingEnsemble.FLOOR);
        assertArrayEquals(new float[] {(float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.25),
            floor, (float) Math.log(0.5), (float) Math.log(0.5)}, meta.lastInput, 1e-6f);
        assertArrayEquals(new double[] {0.3, 0.3, 0.4}, p);
    }

    @Test
    void rejectsAMetaLearnerOfTheWrongWidth() {
        FakeModels.Lambda meta = FakeModels.constant("meta", 5, 1, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new StackingEnsemble("s",
                List.of(FakeModels.constant("a", 2, 1, 0, 0), FakeModels.constant("b", 2, 1, 0, 0)), meta,
                Provenance.unknown("t")));
    }

    @Test
    void closesBasesAndMeta() {
        FakeModels.Lambda a = FakeModels.constant("a", 1, 1, 0, 0);
        FakeModels.Lambda meta = FakeModels.constant("meta", 3, 1, 0, 0);
        new StackingEnsemble("s", List.of(a), meta, Provenance.unknown("t")).close();
        assertTrue(a.closed && meta.closed);
    }

    @Property(tries = 200)
    void probabilitiesSumToOneWithALogisticMetaLearner(@ForAll @DoubleRange(min = 0, max = 1) double x,
            @ForAll @DoubleRange(min = -50, max = 50) double w) {
        LogisticRegression meta = new LogisticRegression("meta",
                new double[][] {{w, 0, 0, 1, 0, 0}, {0, w, 0, 0, 1, 0}, {0, 0, w, 0, 0, 1}}, new double[3],
                Provenance.unknown("t"));
        StackingEnsemble e = new StackingEnsemble("s",
                List.of(FakeModels.constant("a", 1, x, 0, 1 - x), FakeModels.constant("b", 1, 0, 1, 0)), meta,
                Provenance.unknown("t"));
        double[] p = new double[3];
        e.predict(new float[] {0}, p);
        assertEquals(1, p[0] + p[1] + p[2], 1e-9);
    }
}
