package dev.sextant.trading.risk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SelectionTest {
    @Property(tries = 500)
    void selectReturnsTheOrderStatisticAndPartitions(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1, max = 1) Double> values,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 299) int rank) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        int k = rank % a.length;
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[k], Selection.select(a, a.length, k));
        for (int i = 0; i < k; i++) {
            assertEquals(true, a[i] <= a[k]);
        }
        for (int i = k + 1; i < a.length; i++) {
            assertEquals(true, a[i] >= a[k]);
        }
        double expectedSum = 0;
        for (int i = 0; i <= k; i++) {
            expectedSum += sorted[i];
        }
        assertEquals(expectedSum, Selection.sum(a, k + 1), 1e-12);
    }

    @Test
    void handlesTiesAndSingleElements() {
        double[] a = {3, 3, 3, 1, 1};
        assertEquals(1, Selection.select(a, 5, 1));
        assertEquals(3, Selection.select(a, 5, 2));
        assertEquals(7, Selection.select(new double[] {7}, 1, 0));
    }
}
