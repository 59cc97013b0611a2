package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.features.FeatureSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sweep on real BTC/USD minutes: the Flink job equals the same walk-forwards in one process. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WalkForwardSweepTest {
    @TempDir
    static Path dir;
    static WalkForwardSweep.Spec spec;
    static final List<WalkForwardSweep.Configuration> CONFIGURATIONS = List.of(
            new WalkForwardSweep.Configuration("standard-24", "logistic", 1),
            new WalkForwardSweep.Configuration("standard-24", "logistic", 5),
            new WalkForwardSweep.Configuration("extended-35", "logistic", 1));

    @BeforeAll
    static void sliceRealBarsIntoTwoInstruments() throws Exception {
        BarSeries btc = Universe.btcMinutes();
        Path input = Files.createDirectories(dir.resolve("bars"));
        BarCsvWriter.write(btc.view(0, 1_200), input.resolve("BTC-A.csv"));
        BarCsvWriter.write(btc.view(1_200, 2_400), input.resolve("BTC-B.csv"));
        spec = new WalkForwardSweep.Spec(input, CONFIGURATIONS, 600, 200, AccountSettings.builder(TimeFrame.M1).build());
    }

    @Test
    void theFlinkJobEqualsTheSameWalkForwardsInOneProcessAndCountsEveryTrial() throws Exception {
        WalkForwardSweep.Report flink = WalkForwardSweep.run(spec, 2);
        WalkForwardSweep.Report single = WalkForwardSweep.runInProcess(spec);
        assertEquals(single.json(), flink.json());
        assertEquals(6, flink.trials());
        assertEquals(6, flink.cells().size());

        JsonNode root = JsonMapper.builder().build().readTree(flink.json());
        assertEquals(6, root.get("aggregate").get("n_trials").asInt());
        double dsr = root.get("aggregate").get("dsr").asDouble();
        assertTrue(dsr >= 0 && dsr <= 1, "dsr " + dsr);
        // Deflating over six trials never raises the best cell's PSR against zero.
        double bestPsr = JsonMapper.builder().build().readTree(flink.best().metricsJson()).get("psr").asDouble();
        assertTrue(dsr <= bestPsr + 1e-12, dsr + " > " + bestPsr);
        assertEquals(List.of("BTC-A", "BTC-A", "BTC-A", "BTC-B", "BTC-B", "BTC-B"),
                flink.cells().stream().map(WalkForwardSweep.Cell::instrument).toList());
    }

    @Test
    void repeatedRunsAtParallelismTwoGiveTheSameReportWithoutLosingResultsOrPrintingStackTraces() throws Exception {
        String single = WalkForwardSweep.runInProcess(spec).json();
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> reports = new ArrayList<>();
        try {
            // The simple logger writes to whatever System.err is when it logs.
            System.setErr(capture);
            System.setOut(capture);
            for (int i = 0; i < 3; i++) {
                reports.add(WalkForwardSweep.run(spec, 2).json());
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals(List.of(single, single, single), reports);
        String log = captured.toString(StandardCharsets.UTF_8);
        // Flink's result collection warned "Some data might be lost" with a stack trace when its last fetch
        // raced the local cluster's shutdown.
        assertFalse(log.contains("might be lost"), log);
        assertFalse(log.contains("\tat "), log);
    }

    @Test
    void aCellsMetricsAreThoseOfItsOwnWalkForward() throws Exception {
        WalkForwardSweep.Report report = WalkForwardSweep.run(spec, 1);
        WalkForwardSweep.Cell cell = report.cells().get(4);
        assertEquals("BTC-B", cell.instrument());
        assertEquals(CONFIGURATIONS.get(1), cell.configuration());
        BarSeries bars = dev.sextant.trading.core.io.BarCsvReader.read(spec.input().resolve("BTC-B.csv"),
                dev.sextant.trading.core.io.ValidationPolicy.STRICT).series();
        WalkForwardConfig wf = WalkForwardConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(5)
                .trainBars(600).testBars(200).trials(6).build();
        BacktestConfig bt = spec.account().backtestConfig(Instrument.equity("BTC-B", "PAPER")).toBuilder().trials(6).build();
        Map<String, Object> direct = Evaluation.run(bars, wf, bt).report().metrics();
        JsonMapper json = JsonMapper.builder().build();
        assertEquals(json.readTree(json.writeValueAsString(direct)), json.readTree(cell.metricsJson()));
    }

    @Test
    void aFolderWithoutBarsFilesIsRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        WalkForwardSweep.Spec none = new WalkForwardSweep.Spec(empty, CONFIGURATIONS, 600, 200, spec.account());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WalkForwardSweep.run(none, 1));
        assertTrue(e.getMessage().contains("no .csv file"), e.getMessage());
    }

    @Test
    void aSeriesTooShortForOneFoldFailsTheJobWithTheTasksOwnError() {
        WalkForwardSweep.Spec tooLong = new WalkForwardSweep.Spec(spec.input(), CONFIGURATIONS.subList(0, 1), 1_500, 200,
                spec.account());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WalkForwardSweep.run(tooLong, 1));
        assertTrue(e.getMessage().contains("too short for one fold"), e.getMessage());
    }

    @Test
    void anUnknownFeatureSetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WalkForwardSweep.Configuration("nope-1", "logistic", 1));
    }
}
