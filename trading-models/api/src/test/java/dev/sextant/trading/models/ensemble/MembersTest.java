package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MembersTest {

    @Test
    void feedsEachMemberTheLatestVectorsItReads() {
        FakeModels.Lambda vector = FakeModels.constant("v", 1, 1, 0, 0);
        FakeModels.Lambda two = new FakeModels.Lambda("w2", 1, 2, (x, p) -> p[1] = 1, Double.NaN);
        FakeModels.Lambda four = new FakeModels.Lambda("w4", 1, 4, (x, p) -> p[2] = 1, Double.NaN);
        Members m = new Members(List.of(vector, two, four));
        assertEquals(4, m.sequenceLength);
        float[] input = {1, 2, 3, 4};
        for (int k = 0; k < 3; k++) {
            m.predict(k, input, new double[3]);
        }
        assertArrayEquals(new float[] {4}, vector.lastInput);
        assertArrayEquals(new float[] {3, 4}, two.lastInput);
        assertArrayEquals(new float[] {1, 2, 3, 4}, four.lastInput);
    }

    @Test
    void closesEveryMemberEvenWhenOneFails() {
        FakeModels.Lambda ok = FakeModels.constant("ok", 1, 1, 0, 0);
        FakeModels.Lambda failing = new FakeModels.Lambda("bad", 1, 1, (x, p) -> { }, Double.NaN) {
            @Override
            public void close() {
                throw new IllegalStateException("boom");
            }
        };
        Members m = new Members(List.of(failing, ok));
        assertThrows(IllegalStateException.class, m::close);
        assertTrue(ok.closed);
    }

    @Test
    void aMemberWhoseOutputIsNotADistributionIsNamed() {
        Members members = new Members(java.util.List.of(FakeModels.constant("good", 1, 0.2, 0.3, 0.5),
                FakeModels.constant("bad", 1, 0.2, Double.POSITIVE_INFINITY, 0.5)));
        double[] p = new double[3];
        members.predict(0, new float[] {1}, p);
        dev.sextant.trading.models.ModelOutputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.sextant.trading.models.ModelOutputException.class, () -> members.predict(1, new float[] {1}, p));
        org.junit.jupiter.api.Assertions.assertEquals("bad", e.model());
    }
}
