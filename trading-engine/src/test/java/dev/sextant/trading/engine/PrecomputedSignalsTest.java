package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrecomputedSignalsTest {
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    private static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();

    private static Bar bar(long time) {
        return new Bar(time, 100, 101, 99, 100, 10);
    }

    @Test
    void signalIsTheMostProbableClassStampedAtTheBarsCloseOfItsTimeFrame() {
        PrecomputedSignals s = new PrecomputedSignals(new long[] {T0, T0 + 300_000}, new double[] {0.1, 0.2, 0.7, 0.5, 0.3, 0.2},
                "wf", "1");
        Signal first = ((SignalResult.Ready) s.onBar(BTC, TimeFrame.M5, bar(T0))).signal();
        assertEquals(Direction.BUY, first.direction());
        assertEquals(0.7, first.confidence(), 0);
        assertEquals(Instant.ofEpochMilli(T0 + 300_000), first.time());
        Signal second = ((SignalResult.Ready) s.onBar(BTC, TimeFrame.M5, bar(T0 + 300_000))).signal();
        assertEquals(Direction.SELL, second.direction());
        assertEquals(Instant.ofEpochMilli(T0 + 600_000), second.time());
    }

    @Test
    void barWithoutAPredictionHasNone() {
        PrecomputedSignals s = new PrecomputedSignals(new long[] {T0}, new double[] {0.1, 0.2, 0.7}, "wf", "1");
        assertEquals(SignalResult.noPrediction(), s.onBar(BTC, TimeFrame.M1, bar(T0 + 60_000)));
    }

    @Test
    void refusesMismatchedOrUnorderedInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrecomputedSignals(new long[] {T0}, new double[] {0.5, 0.5}, "wf", "1"));
        assertTrue(e.getMessage().contains("3 probabilities per time"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PrecomputedSignals(new long[] {T0, T0}, new double[6], "wf", "1"));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }
}
