package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sextant backtest --decisions on the real daily Apple bars: the decisions file flink-run also writes. */
class BacktestCommandTest {
    @TempDir
    static Path dir;

    static Path bundle;

    @BeforeAll
    static void train() {
        bundle = dir.resolve("apple");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--horizon", "5", "--vol-window", "20", "--folds", "2", "--output", bundle.toString());
        assertEquals(0, t.exitCode(), t.err());
    }

    @Test
    void decisionsFileHasOneRowPerBarWithTheModelsDirectionAtTheBarClose() throws IOException {
        Path file = dir.resolve("out").resolve("aapl-decisions.csv");
        CliRunner.Result r = CliRunner.run("backtest", "--bundle", bundle.toString(), "--input", CliRunner.APPLE.toString(),
                "--symbol", "AAPL", "--report", dir.resolve("bt").toString(), "--no-html", "--decisions", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("decisions: " + file.toAbsolutePath().normalize()), r.out());

        BarSeries bars = MarketDataFiles.loadBars(CliRunner.APPLE);
        TimeFrame tf = bars.timeFrame() != null ? bars.timeFrame() : SeriesSummary.detectTimeFrame(bars);
        List<String> lines = Files.readAllLines(file);
        assertEquals("instrument,time,direction,kind", lines.get(0));
        assertEquals(bars.size() + 1, lines.size(), "one row per bar");
        // The directions a model signal source gives on the same bars, computed here independently.
        Instrument aapl = new Instrument("AAPL", "PAPER", AssetClass.EQUITY, "USD", 0.01, 1);
        int signals = 0;
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            ModelSignalSource source = new ModelSignalSource(loaded.manifest().featureSpec(), loaded.model(), "x", "1");
            for (int i = 0; i < bars.size(); i++) {
                String[] row = lines.get(i + 1).split(",", -1);
                assertEquals(4, row.length, lines.get(i + 1));
                assertEquals("AAPL", row[0]);
                assertEquals(Instant.ofEpochMilli(bars.time(i) + tf.millis()), Instant.parse(row[1]), "close of bar " + i);
                assertEquals(Instant.ofEpochMilli(bars.time(i) + tf.millis()).toString(), row[1]);
                SignalResult expected = source.onBar(aapl, tf, bars.bar(i));
                if (expected instanceof SignalResult.Ready ready) {
                    assertEquals(ready.signal().direction().name(), row[2], "direction at bar " + i);
                    signals++;
                } else {
                    assertEquals("", row[2], "no direction at bar " + i);
                    assertEquals("warming_up", row[3], "bar " + i);
                }
            }
        }
        assertTrue(signals > bars.size() / 2, signals + " signals");
    }

    @Test
    void decisionsIntoAFolderIsRefusedNamingTheFlag() {
        CliRunner.Result r = CliRunner.run("backtest", "--bundle", bundle.toString(), "--input", CliRunner.APPLE.toString(),
                "--report", dir.resolve("bt2").toString(), "--no-html", "--decisions", dir.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("--decisions " + dir + " is a folder"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
