package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.features.FeatureSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FlinkRunCommandTest {
    @TempDir
    static Path shared;

    static Path bundle;
    static Path input;

    @BeforeAll
    static void trainOnTheFirstHalfAndSliceTheSecondIntoInstruments() throws Exception {
        BarSeries bars = MarketDataFiles.loadBars(CliRunner.BITSTAMP);
        int cut = bars.size() / 2;
        bundle = shared.resolve("bundle");
        TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(5)
                .bundleId("flink-cli").build();
        try (TrainedBundle t = BundleTrainer.train(bars.view(0, cut), config)) {
            t.write(bundle, Map.of());
        }
        input = Files.createDirectories(shared.resolve("universe"));
        int slice = (bars.size() - cut) / 3;
        for (int i = 0; i < 3; i++) {
            BarCsvWriter.write(bars.view(cut + i * slice, cut + (i + 1) * slice), input.resolve("BTC-USD-" + i + ".csv"));
        }
    }

    @Test
    void writesOneDecisionPerInstrumentAndBarAtParallelismTwo() throws Exception {
        Path output = shared.resolve("decisions.csv");
        CliRunner.Result r = CliRunner.run("flink-run", "--bundle", bundle.toString(), "--input", input.toString(),
                "--parallelism", "2", "--output", output.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("flink-run: 3 instruments"), r.out());
        List<String> lines = Files.readAllLines(output);
        assertEquals("instrument,time,direction,kind", lines.get(0));
        Set<String> keys = new HashSet<>();
        int bars = 0;
        for (int i = 0; i < 3; i++) {
            bars += Files.readAllLines(input.resolve("BTC-USD-" + i + ".csv")).size() - 1;
        }
        assertEquals(bars, lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertTrue(f[0].startsWith("BTC-USD-"), line);
            assertTrue(f[1].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?Z"), line);
            assertTrue(f[2].isEmpty() || Set.of("BUY", "SELL", "HOLD").contains(f[2]), line);
            assertTrue(keys.add(f[0] + f[1]), "one row per instrument and bar: " + line);
        }
        // Same run at parallelism 1: the same file.
        Path single = shared.resolve("single.csv");
        assertEquals(0, CliRunner.run("flink-run", "--bundle", bundle.toString(), "--input", input.toString(),
                "--output", single.toString()).exitCode());
        assertEquals(lines, Files.readAllLines(single));
    }

    @Test
    void writesForOneInstrumentWhatSextantBacktestDecisionsWrites() throws Exception {
        Path one = Files.createDirectories(shared.resolve("one"));
        Files.copy(input.resolve("BTC-USD-1.csv"), one.resolve("BTC-USD-1.csv"));
        Path flink = shared.resolve("flink-one.csv");
        Path backtest = shared.resolve("backtest-one.csv");
        assertEquals(0, CliRunner.run("flink-run", "--bundle", bundle.toString(), "--input", one.toString(),
                "--output", flink.toString()).exitCode());
        CliRunner.Result r = CliRunner.run("backtest", "--bundle", bundle.toString(), "--input",
                one.resolve("BTC-USD-1.csv").toString(), "--symbol", "BTC-USD-1", "--report", shared.resolve("report").toString(),
                "--no-html", "--decisions", backtest.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(flink);
        assertTrue(lines.size() > 100);
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(",sent")), "orders were sent");
        assertEquals(Files.readAllLines(backtest), lines);
    }

    @Test
    void refusesAParallelismBelowOneWithExitTwo() {
        CliRunner.Result r = CliRunner.run("flink-run", "--bundle", bundle.toString(), "--input", input.toString(),
                "--parallelism", "0", "--output", shared.resolve("x.csv").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--parallelism"), r.err());
    }
}
