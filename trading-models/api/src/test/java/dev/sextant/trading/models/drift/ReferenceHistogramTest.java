package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceHistogramTest {

    @Test
    void evenlySpreadValuesGetEqualBins() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        ReferenceHistogram h = ReferenceHistogram.of("x", v, 10);
        assertEquals(10, h.bins());
        assertArrayEquals(new double[] {100, 200, 300, 400, 500, 600, 700, 800, 900}, h.edges());
        for (double p : h.proportions()) {
            assertEquals(0.1, p, 1e-12);
        }
        assertEquals(0, h.binOf(-5));
        assertEquals(1, h.binOf(100));
        assertEquals(9, h.binOf(1e9));
    }

    @Test
    void tiedValuesMergeCutsAndKeepEveryBinNonEmpty() {
        double[] v = {1, 1, 1, 1, 1, 1, 1, 2, 3, 3};
        ReferenceHistogram h = ReferenceHistogram.of("x", v, 5);
        // Quantiles at 2/10, 4/10, 6/10 are the minimum (no cut); at 8/10 it is 3.
        assertArrayEquals(new double[] {3}, h.edges());
        assertArrayEquals(new double[] {0.8, 0.2}, h.proportions(), 1e-12);
        ReferenceHistogram constant = ReferenceHistogram.of("c", new double[] {4, 4, 4}, 20);
        assertEquals(1, constant.bins());
        assertEquals(0, constant.binOf(-1e9));
    }

    @Test
    void rejectsBadGrids() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceHistogram("x", 2, new double[] {1, 1},
                new double[] {0.3, 0.3, 0.4}));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceHistogram("x", 2, new double[] {1},
                new double[] {0.3, 0.3}));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceHistogram("x", 2, new double[] {1},
                new double[] {0.3, 0.3, 0.4}));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceHistogram("x", 0, new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceHistogram("x", 1, new double[] {Double.NaN},
                new double[] {0.5, 0.5}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceHistogram.of("rsi_14", new double[] {1, Double.POSITIVE_INFINITY}, 4));
        assertTrue(e.getMessage().contains("rsi_14 value 1"), e.getMessage());
    }

    @Property(tries = 200)
    void proportionsAreTheSharesOfTheValuesInEachBin(@ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6,
            max = 1e6) Double> values, @ForAll @IntRange(min = 2, max = 50) int bins) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        ReferenceHistogram h = ReferenceHistogram.of("x", v, bins);
        assertTrue(h.bins() <= bins);
        int[] counts = new int[h.bins()];
        for (double x : v) {
            counts[h.binOf(x)]++;
        }
        double[] p = h.proportions();
        for (int k = 0; k < counts.length; k++) {
            assertEquals((double) counts[k] / v.length, p[k], 1e-12);
            assertTrue(counts[k] > 0, "bin " + k + " is empty");
        }
    }

    @Property(tries = 300)
    void countingAndBinarySearchFindTheSameBinOnAnySortedGridWithTies(
            @ForAll @Size(min = 1, max = 70) List<@IntRange(min = -20, max = 20) Integer> cuts,
            @ForAll @DoubleRange(min = -25, max = 25) double x) {
        // Integer cut points give ties between edges and values that sit exactly on an edge.
        double[] edges = cuts.stream().mapToDouble(Integer::doubleValue).sorted().toArray();
        int expected = ReferenceHistogram.binarySearch(edges, x);
        assertEquals(expected, ReferenceHistogram.bin(edges, x));
        double onEdge = edges[Math.floorMod((int) x, edges.length)];
        assertEquals(ReferenceHistogram.binarySearch(edges, onEdge), ReferenceHistogram.bin(edges, onEdge));
        int count = 0;
        for (double e : edges) {
            count += e <= x ? 1 : 0;
        }
        assertEquals(count, expected, "the bin is the number of edges at or below the value");
    }
}
