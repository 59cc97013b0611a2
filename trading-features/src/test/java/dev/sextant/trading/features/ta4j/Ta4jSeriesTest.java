package dev.sextant.trading.features.ta4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.indicators.TestBars;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;

class Ta4jSeriesTest {

    @Test
    void appleRoundTripsThroughTa4jUnchanged() {
        BarSeries apple = TestBars.apple();
        org.ta4j.core.BarSeries t = Ta4jSeries.toTa4j(apple, DoubleNumFactory.getInstance());
        assertEquals(apple.size(), t.getBarCount());
        assertEquals(Instant.ofEpochMilli(apple.time(0)), t.getBar(0).getBeginTime());
        assertEquals(Duration.ofDays(1), t.getBar(0).getTimePeriod());
        BarSeries back = Ta4jSeries.fromTa4j(t);
        assertEquals(TimeFrame.D1, back.timeFrame());
        for (int i = 0; i < apple.size(); i++) {
            assertEquals(apple.bar(i), back.bar(i), "bar " + i);
        }
    }

    @Test
    void decimalNumSeriesConvertToo() {
        BarSeries btc = TestBars.btcMinutes().view(0, 500);
        BarSeries back = Ta4jSeries.fromTa4j(Ta4jSeries.toTa4j(btc, DecimalNumFactory.getInstance()));
        for (int i = 0; i < btc.size(); i++) {
            assertEquals(btc.close(i), back.close(i), 0.0);
            assertEquals(btc.volume(i), back.volume(i), 1e-12 * Math.max(1, btc.volume(i)));
        }
    }

    @Test
    void rejectsATa4jBarThatSextantConsidersInvalidNamingIt() {
        org.ta4j.core.BarSeries t = new BaseBarSeriesBuilder().withName("bad").withNumFactory(DoubleNumFactory.getInstance()).build();
        Instant begin = Instant.parse("2024-01-01T00:00:00Z");
        t.barBuilder().timePeriod(Duration.ofMinutes(1)).beginTime(begin).endTime(begin.plusSeconds(60))
                .openPrice(10).highPrice(11).lowPrice(9).closePrice(10).volume(1).add();
        t.barBuilder().timePeriod(Duration.ofMinutes(1)).beginTime(begin.plusSeconds(60)).endTime(begin.plusSeconds(120))
                .openPrice(10).highPrice(11).lowPrice(9).closePrice(-1).volume(1).add();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ta4jSeries.fromTa4j(t));
        assertTrue(e.getMessage().contains("bar 1") && e.getMessage().contains("close"), e.getMessage());
    }
}
