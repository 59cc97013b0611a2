package dev.sextant.trading.features.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.trading.core.BarSeries;
import java.util.ArrayList;
import java.util.List;
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
}
