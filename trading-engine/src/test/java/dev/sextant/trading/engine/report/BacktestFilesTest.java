package dev.sextant.trading.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryFillTheCashBehindEachCloseAndWhatWasRun() throws IOException {
        BarSeries bars = SyntheticBars.ar1(600, -0.25, 0.001, 5);
        Instrument btc = Instrument.crypto("BTC/USD", "PAPER", "USD");
        BacktestConfig cfg = BacktestConfig.builder(btc, TimeFrame.M1).initialCash(50_000).trials(7)
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.2), 0, false)).build();
        BacktestResult r = Backtester.run(bars, alternating(), cfg);
        assertTrue(r.fills().size() > 4, "the test needs fills: " + r.fills().size());

        BacktestFiles.write(r, cfg, "backtest", dir);

        List<String> trades = Files.readAllLines(dir.resolve("trades.csv"));
        assertEquals(BacktestFiles.TRADES_HEADER, trades.getFirst());
        assertEquals(r.fills().size() + 1, trades.size());
        double fees = trades.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[6])).sum();
        assertEquals(r.portfolio().feesPaid(), fees, 1e-6);

        List<String> exposure = Files.readAllLines(dir.resolve("exposure.csv"));
        assertEquals(BacktestFiles.EXPOSURE_HEADER, exposure.getFirst());
        assertEquals(r.times().length + 1, exposure.size());
        for (int i = 0; i < r.times().length; i++) {
            String[] f = exposure.get(i + 1).split(",");
            double cash = Double.parseDouble(f[1]);
            double value = Double.parseDouble(f[2]);
            assertEquals(r.equity()[i], cash + value, 1e-6 * r.equity()[i], "row " + i);
            assertEquals(value / r.equity()[i], Double.parseDouble(f[3]), 1e-12);
            if (i == 0 && r.fills().getFirst().time().toEpochMilli() > r.times()[0]) {
                assertEquals(50_000, cash, 1e-9, "no fill before the first close");
            }
        }
        assertEquals(r.portfolio().cash(), Double.parseDouble(exposure.getLast().split(",")[1]), 1e-9);

        String run = Files.readString(dir.resolve("run.json"));
        assertTrue(run.contains("\"kind\" : \"backtest\""), run);
        assertTrue(run.contains("\"trials\" : 7"), run);
        assertTrue(run.contains("\"time_frame\" : \"1m\""), run);
        assertTrue(run.contains("\"periods_per_year\" : " + cfg.periodsPerYear()), run);
    }

    /** BUY then SELL every ten bars: enough fills to check the accounting. */
    private static SignalSource alternating() {
        int[] n = new int[1];
        return (instrument, timeFrame, bar) -> {
            int i = n[0]++;
            Direction d = i % 20 == 5 ? Direction.BUY : i % 20 == 15 ? Direction.SELL : Direction.HOLD;
            ClassProbabilities p = d == Direction.BUY ? new ClassProbabilities(0.1, 0.1, 0.8)
                    : d == Direction.SELL ? new ClassProbabilities(0.8, 0.1, 0.1) : new ClassProbabilities(0.1, 0.8, 0.1);
            return new SignalResult.Ready(new Signal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()), d, p,
                    0.8, "alternating", "1"));
        };
    }
}
