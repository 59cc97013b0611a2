package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.Trade;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealDataTest {

    @Test
    void appleDailyBarsLoad() {
        BarSeries apple = RealData.apple();
        assertEquals(252, apple.size());
        assertEquals(Instant.parse("2013-01-02T00:00:00Z").toEpochMilli(), apple.time(0));
        assertEquals(549.03, apple.close(0), 0);
        assertEquals(TimeFrame.D1, apple.timeFrame());
    }

    @Test
    void bitstampTradesAggregateIntoMinuteAndHourBarsConservingVolume() {
        List<Trade> trades = RealData.bitstampTrades();
        assertEquals(100_000, trades.size());
        double volume = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Trade t : trades) {
            volume += t.amount();
            lo = Math.min(lo, t.price());
            hi = Math.max(hi, t.price());
        }
        for (TimeFrame tf : new TimeFrame[] {TimeFrame.M1, TimeFrame.H1}) {
            BarSeries bars = TradeAggregator.aggregate(trades, tf, "btc");
            double sum = 0;
            double barLo = Double.POSITIVE_INFINITY;
            double barHi = 0;
            for (int i = 0; i < bars.size(); i++) {
                sum += bars.volume(i);
                barLo = Math.min(barLo, bars.low(i));
                barHi = Math.max(barHi, bars.high(i));
                assertTrue(bars.high(i) >= Math.max(bars.open(i), bars.close(i)));
                assertTrue(bars.low(i) <= Math.min(bars.open(i), bars.close(i)));
                assertEquals(0, bars.time(i) % tf.millis(), "bar aligned to " + tf);
            }
            assertEquals(volume, sum, volume * 1e-12, "volume conserved for " + tf);
            assertEquals(lo, barLo, 0);
            assertEquals(hi, barHi, 0);
        }
        BarSeries minutes = TradeAggregator.aggregate(trades, TimeFrame.M1, "btc");
        BarSeries hours = TradeAggregator.aggregate(trades, TimeFrame.H1, "btc");
        assertTrue(minutes.size() > 5000, "minute bars " + minutes.size());
        // Resampling the minute bars to hours gives the hour bars aggregated from trades.
        BarSeries resampled = BarResampler.resample(minutes, TimeFrame.H1, true);
        assertEquals(hours.size(), resampled.size());
        for (int i = 0; i < hours.size(); i++) {
            assertEquals(hours.bar(i).time(), resampled.time(i));
            assertEquals(hours.open(i), resampled.open(i), 0);
            assertEquals(hours.high(i), resampled.high(i), 0);
            assertEquals(hours.low(i), resampled.low(i), 0);
            assertEquals(hours.close(i), resampled.close(i), 0);
            assertEquals(hours.volume(i), resampled.volume(i), 1e-9 * hours.volume(i) + 1e-12);
        }
    }

    @Test
    void ethJsonBarsLoadWithOpenTimes() {
        BarSeries eth = Ta4jJsonBarReader.read(RealData.stream(RealData.ETH), RealData.ETH);
        assertEquals(TimeFrame.M5, eth.timeFrame());
        assertEquals(1678730400000L, eth.time(0));
        assertEquals(1673.58, eth.open(0), 0);
        assertTrue(eth.size() > 500, "bars " + eth.size());
    }
}
