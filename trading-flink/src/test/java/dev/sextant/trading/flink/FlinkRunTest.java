package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.BarResampler;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.engine.report.DecisionsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FlinkRunTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSingleProcessDecisionsOfEveryFileOnRealBars() throws Exception {
        BarSeries btc = Universe.btcMinutes();
        Path input = Files.createDirectories(dir.resolve("bars"));
        List<InstrumentBar> bars = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            BarSeries slice = btc.view(i * 200, (i + 1) * 200);
            BarCsvWriter.write(slice, input.resolve("BTC" + i + ".csv"));
            bars.addAll(Universe.bars(FlinkRun.ACCOUNT, Instrument.equity("BTC" + i, "PAPER"), slice));
        }
        bars.sort(AccountBook.ORDER);
        AccountSettings settings = AccountSettings.builder(FlinkRun.timeFrame(input)).minEdgeBps(0).build();
        Path output = dir.resolve("decisions.csv");

        FlinkRun.Summary s = FlinkRun.run(TestBundle.get(), input, 2, settings, output);

        List<String> lines = Files.readAllLines(output);
        assertEquals(DecisionsCsv.HEADER, lines.get(0));
        assertEquals(800, s.decisions());
        assertEquals(4, s.instruments());
        List<String> expected = new ArrayList<>();
        expected.add(DecisionsCsv.HEADER);
        FlinkRig.singleProcess(TestBundle.get(), settings, bars).forEach(r -> expected.add(r.csvRow().toCsv()));
        assertEquals(expected, lines);
        assertTrue(lines.get(1).startsWith("BTC0,2013-"), lines.get(1));
        assertTrue(s.orders() > 0, "orders sent");
    }

    @Test
    void refusesAFolderWithoutBarsFiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlinkRun.run(TestBundle.get(), dir,
                1, AccountSettings.builder(TimeFrame.M1).build(), dir.resolve("out.csv")));
        assertEquals("--input " + dir + " has no .csv file", e.getMessage());
    }

    @Test
    void refusesAFileWhoseBarsHaveAnotherLength() throws Exception {
        BarSeries btc = Universe.btcMinutes().view(0, 300);
        BarCsvWriter.write(btc, dir.resolve("A.csv"));
        BarCsvWriter.write(BarResampler.resample(btc, TimeFrame.M5, false), dir.resolve("B.csv"));
        MarketDataException e = assertThrows(MarketDataException.class, () -> FlinkRun.run(TestBundle.get(), dir, 1,
                AccountSettings.builder(FlinkRun.timeFrame(dir)).build(), dir.resolve("out.csv")));
        assertTrue(e.getMessage().contains("B.csv") && e.getMessage().contains("5m"), e.getMessage());
    }

    @Test
    void refusesAFileNameThatIsNoSymbol() throws Exception {
        BarCsvWriter.write(Universe.btcMinutes().view(0, 50), dir.resolve("a b.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlinkRun.run(TestBundle.get(), dir,
                1, AccountSettings.builder(TimeFrame.M1).build(), dir.resolve("out.csv")));
        assertTrue(e.getMessage().contains("'a b'"), e.getMessage());
    }
}
