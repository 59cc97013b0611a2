package dev.sextant.trading.features.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StandardIndicatorsTest {

    @Test
    void columnsAreTheTwentyNamesOfTheDesignInOrderAndMatchTheIndicatorOutputs() {
        assertEquals(List.of("sma_10", "sma_20", "ema_9", "ema_21", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper",
                "bb_middle", "bb_lower", "stoch_k", "stoch_d", "willr_14", "cci_20", "adx_14", "plus_di_14", "minus_di_14",
                "atr_14", "obv"), StandardIndicators.COLUMNS);
        List<String> outputs = new ArrayList<>();
        StandardIndicators.create().forEach(i -> outputs.addAll(i.outputNames()));
        assertEquals(StandardIndicators.COLUMNS, outputs);
    }

    @Test
    void warmUpsFollowTaLib() {
        assertArrayEquals(new int[] {9, 19, 8, 20, 14, 25, 33, 33, 19, 19, 19, 13, 15, 13, 19, 27, 14, 14, 14, 0},
                StandardIndicators.warmUps());
    }

    @Test
    void batchColumnsEqualTheIndicatorsOwnBatch() {
        BarSeries apple = TestBars.apple();
        double[][] cols = StandardIndicators.compute(apple);
        assertEquals(20, cols.length);
        assertArrayEquals(new Rsi(14).compute(apple)[0], cols[4]);
        assertArrayEquals(new Adx(14).compute(apple)[2], cols[17]);
    }

    /** The 20 columns of the indicators of create(), each computed on its own. */
    private static double[][] oneByOne(BarColumns bars) {
        List<double[]> cols = new ArrayList<>();
        for (Indicator ind : StandardIndicators.create()) {
            double[][] out = new double[ind.outputs()][bars.size()];
            ind.compute(bars, out);
            cols.addAll(Arrays.asList(out));
        }
        return cols.toArray(new double[0][]);
    }

    @Property(tries = 40)
    void computeIntoCallerColumnsEqualsEachIndicatorBitForBit(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int size) {
        BarColumns bars = BarColumns.of(TestBars.random(seed, size));
        double[][] expected = oneByOne(bars);
        double[][] out = new double[20][size];
        // Garbage in the caller's columns must be overwritten everywhere.
        for (double[] column : out) {
            Arrays.fill(column, 12345.0);
        }
        StandardIndicators.compute(bars, out);
        for (int k = 0; k < 20; k++) {
            assertArrayEquals(expected[k], out[k], StandardIndicators.COLUMNS.get(k));
        }
    }

    @Test
    void leadingNaNClosesShiftTheCloseColumnsAsTheIndicatorsDo() {
        BarColumns series = BarColumns.of(TestBars.random(7, 300));
        int n = series.size();
        double[] close = series.close().clone();
        Arrays.fill(close, 0, 5, Double.NaN);
        BarColumns bars = BarColumns.of(series.time(), series.open(), series.high(), series.low(), close, series.volume(), n);
        double[][] out = new double[20][n];
        StandardIndicators.compute(bars, out);
        double[][] sma = new double[1][n];
        new Sma(10).compute(close, n, sma);
        double[][] macd = new double[3][n];
        new Macd().compute(close, n, macd);
        assertArrayEquals(sma[0], out[0]);
        assertArrayEquals(macd[1], out[6]);
        assertTrue(Double.isNaN(out[0][13]) && !Double.isNaN(out[0][14]));
    }

    @Test
    void leavesEntriesPastTheBarCountUntouched() {
        BarColumns bars = BarColumns.of(TestBars.apple());
        int n = bars.size();
        double[][] out = new double[20][n + 3];
        for (double[] column : out) {
            Arrays.fill(column, n, n + 3, -1.0);
        }
        StandardIndicators.compute(bars, out);
        for (double[] column : out) {
            assertArrayEquals(new double[] {-1, -1, -1}, Arrays.copyOfRange(column, n, n + 3));
        }
    }

    @Test
    void rejectsColumnsOfTheWrongShapeOrANonFiniteClose() {
        BarColumns bars = BarColumns.of(TestBars.apple());
        int n = bars.size();
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> StandardIndicators.compute(bars, new double[19][n]));
        assertEquals("standard indicators: out must hold 20 columns but held 19", few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardIndicators.compute(bars, new double[20][n - 1]));
        double[] close = bars.close().clone();
        close[17] = Double.POSITIVE_INFINITY;
        BarColumns bad = BarColumns.of(bars.time(), bars.open(), bars.high(), bars.low(), close, bars.volume(), n);
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> StandardIndicators.compute(bad, new double[20][n]));
        assertEquals("standard indicators: close must be finite but was Infinity at index 17", inf.getMessage());
    }
}
