package dev.sextant.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.examples.backtest.BacktestExample;
import dev.sextant.examples.custommodel.CustomModelExample;
import dev.sextant.examples.onnx.OnnxNetworkExample;
import dev.sextant.examples.live.EmbeddedLivePipeline;
import dev.sextant.examples.venue.VenueAdapterExample;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every runnable example on the real data the build unpacks to {@code target/data/}, so
 * that no example rots (Strata's {@code ExamplesTest}). One test per example.
 */
class ExamplesTest {
    /** The real market data unpacked from org.ta4j:ta4j-examples by the build. */
    static final Path DATA = Path.of("target", "data");
    static final Path BITSTAMP = DATA.resolve("bitstamp_trades_from_20131125_usd.csv");
    /** The committed reference networks and their golden files. */
    static final Path MODELS = Path.of("src", "main", "resources", "dev", "sextant", "examples", "models");

    @TempDir
    Path dir;

    @Test
    void backtestExampleTrainsABundleAndBacktestsItOnUnseenBars() {
        StringWriter text = new StringWriter();
        BacktestResult r = BacktestExample.run(BITSTAMP, new PrintWriter(text, true));
        String out = text.toString();
        assertTrue(out.contains("ensemble-calibrated") && out.contains("xgboost") && out.contains("logistic"), out);
        assertTrue(out.contains("Sharpe"), out);
        assertTrue(r.equity().length > 1_000, "one equity point per unseen bar: " + r.equity().length);
        assertEquals(100_000, r.equity()[0], 1e-6, "no trade before the features warm up");
        assertTrue(r.performance().trades() > 0, out);
    }

    @Test
    void customModelExampleTrainsSavesLoadsByTypeIdAndTradesItsOwnModel() throws IOException {
        StringWriter text = new StringWriter();
        BacktestResult r = CustomModelExample.run(BITSTAMP, dir.resolve("bundle"), new PrintWriter(text, true));
        String out = text.toString();
        assertTrue(out.contains("example-centroid"), out);
        BundleManifest m = ModelBundle.verify(dir.resolve("bundle"));
        assertEquals("example-centroid", m.model("example-centroid").type());
        assertTrue(m.model("example-centroid").file().endsWith(".json"), m.model("example-centroid").file());
        assertEquals("custom model", m.attributes().get("example"));
        assertTrue(r.equity().length >= m.validation().orElseThrow().window().rows(), "backtests the held-out bars: "
                + r.equity().length);
    }

    @Test
    void onnxExampleReproducesPyTorchAndMeetsEveryShapeAndSpecCheck() throws IOException {
        StringWriter text = new StringWriter();
        OnnxNetworkExample.Outcome o = OnnxNetworkExample.run(MODELS, BITSTAMP, new PrintWriter(text, true));
        String out = text.toString();
        assertTrue(o.maxGoldenDifference() < 1e-5, "ONNX Runtime reproduces PyTorch: " + o.maxGoldenDifference());
        assertEquals(List.of("ModelLoadException", "ModelInputException", "ModelInputException", "IllegalArgumentException",
                "ModelLoadException"), o.caught(), out);
        assertTrue(!out.contains("unexpected"), out);
        assertTrue(o.signals() > 1_000, "signals after the network's training period: " + o.signals());
    }

    /** Runs {@code main} with standard output captured; returns what it printed. */
    private static String runMain(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void venueAdapterExampleConnectsSubmitsAndPrintsTheFill() throws Exception {
        String printed = runMain(VenueAdapterExample::main);
        assertTrue(printed.contains("connection: CONNECTING -> CONNECTED"), printed);
        assertTrue(printed.contains("event: Accepted[clientOrderId=example-1"), printed);
        assertTrue(printed.contains("event: Filled[fill=Fill[executionId="), printed);
        assertTrue(printed.contains("price=99.5"), printed);
        assertTrue(printed.contains("venue position: [Position[instrument=Instrument[symbol=DEMO"), printed);
    }

    @Test
    void embeddedLivePipelineTradesHaltsOnTheKillSwitchAndResumes() throws Exception {
        String printed = runMain(EmbeddedLivePipeline::main);
        assertTrue(printed.contains("kill switch tripped; working orders: 0"), "the trip cancelled working orders: " + printed);
        Matcher held = Pattern.compile("re-armed after (\\d+) risk-increasing signals were rejected").matcher(printed);
        assertTrue(held.find() && Integer.parseInt(held.group(1)) > 0, printed);
        Matcher end = Pattern.compile("decisions \\{(.*)\\}; (\\d+) sent after re-arm; (\\d+) fills").matcher(printed);
        assertTrue(end.find(), printed);
        int decisions = Pattern.compile("=(\\d+)").matcher(end.group(1)).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        assertEquals(9_399 - 3_000, decisions, "one decision per live bar: " + printed);
        assertTrue(Integer.parseInt(end.group(2)) > 0, "trading resumed after re-arming: " + printed);
        assertTrue(Integer.parseInt(end.group(3)) > 0, printed);
    }
}
