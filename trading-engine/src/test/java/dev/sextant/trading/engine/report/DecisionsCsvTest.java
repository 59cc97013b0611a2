package dev.sextant.trading.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.engine.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionsCsvTest {
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "BITSTAMP", "USD");
    private static final Instrument ODD = Instrument.crypto("A,\"B\"/USD", "X", "USD");

    @TempDir
    Path dir;

    /** A Hold for a HOLD signal, else the signal held back by an open circuit. */
    private static Decision hold(Instrument instrument, Instant time, Direction direction) {
        ClassProbabilities p = direction == Direction.BUY ? new ClassProbabilities(0.1, 0.2, 0.7)
                : direction == Direction.SELL ? new ClassProbabilities(0.7, 0.2, 0.1) : new ClassProbabilities(0.2, 0.6, 0.2);
        Signal signal = new Signal(instrument, time, direction, p, 0.7, "m", "1");
        return direction == Direction.HOLD ? new Decision.Hold(instrument, time, signal)
                : new Decision.CircuitOpen(instrument, time, signal);
    }

    @Test
    void writesOneRowPerDecisionSortedByInstrumentThenTime() throws IOException {
        Instant t0 = Instant.parse("2013-01-02T00:00:00Z");
        Instant t1 = Instant.parse("2013-01-03T00:00:00Z");
        Path file = dir.resolve("decisions.csv");
        DecisionsCsv.write(file, List.of(hold(BTC, t1, Direction.SELL), new Decision.WarmingUp(BTC, t0),
                hold(ODD, t0, Direction.BUY)));
        assertEquals(List.of("instrument,time,direction,kind",
                "\"A,\"\"B\"\"/USD\",2013-01-02T00:00:00Z,BUY,circuit_open",
                "BTC/USD,2013-01-02T00:00:00Z,,warming_up",
                "BTC/USD,2013-01-03T00:00:00Z,SELL,circuit_open"), Files.readAllLines(file));
    }

    @Test
    void rowCarriesTheSignalsDirectionOrNone() {
        Instant t = Instant.parse("2020-05-01T10:15:00Z");
        assertEquals(new DecisionsCsv.Row("BTC/USD", t, Optional.of(Direction.HOLD), "hold"),
                DecisionsCsv.row(hold(BTC, t, Direction.HOLD)));
        assertEquals(new DecisionsCsv.Row("BTC/USD", t, Optional.empty(), "model_failed"),
                DecisionsCsv.row(new Decision.ModelFailed(BTC, t, "boom")));
        assertEquals("BTC/USD,2020-05-01T10:15:00Z,,no_prediction",
                DecisionsCsv.row(new Decision.NoPrediction(BTC, t)).toCsv());
    }

    @Test
    void rowRejectsABlankInstrument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DecisionsCsv.Row(" ", Instant.EPOCH, Optional.empty(), "hold"));
        assertEquals(true, e.getMessage().contains("instrument"), e.getMessage());
    }
}
