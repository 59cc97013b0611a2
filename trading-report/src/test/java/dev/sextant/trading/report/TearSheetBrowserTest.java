package dev.sextant.trading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.report.browser.HeadlessChromium;
import dev.sextant.trading.report.internal.ReportFolder;
import dev.sextant.trading.report.internal.TearSheetPage;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A tear sheet of a real walk-forward backtest (Bitstamp BTC/USD trades from ta4j-examples,
 * 1-minute bars) opened in headless Chromium: no console errors, every chart holds data.
 * With {@code -Dsextant.screenshot=PATH} it also writes the screenshot kept in docs/img.
 */
@Timeout(600)
class TearSheetBrowserTest {
    private static final String TRADES = "bitstamp_trades_from_20131125_usd.csv";

    @TempDir
    Path root;

    @Test
    void aRealWalkForwardTearSheetLoadsWithoutErrorsAndEveryChartHoldsData() throws IOException {
        BarSeries bars;
        InputStream in = TearSheetBrowserTest.class.getResourceAsStream("/" + TRADES);
        try (TradeCsvReader r = TradeCsvReader.open(in, TRADES)) {
            bars = TradeAggregator.aggregate(r, TimeFrame.M1, "BTC/USD");
        }
        WalkForwardConfig wf = WalkForwardConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1)
                .labelThreshold(0.5).trainBars(3_000).testBars(1_500).trials(3).build();
        BacktestConfig bt = BacktestConfig.builder(Instrument.crypto("BTC/USD", "PAPER", "USD"), TimeFrame.M1)
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, false)).trials(3).build();
        Evaluation e = Evaluation.run(bars, wf, bt);
        Path dir = root.resolve("btc-usd-walkforward");
        e.write(dir);
        BacktestFiles.write(e.backtest(), bt, "walkforward", dir);
        Path html = TearSheet.write(dir);

        List<String> expected = List.of("chart-equity", "chart-drawdown", "chart-rolling-sharpe", "chart-heatmap",
                "chart-exposure", "chart-folds", "chart-reliability", "chart-confusion", "chart-importance");
        assertEquals(expected, TearSheetPage.chartIds(ReportFolder.read(dir)));
        String page = Files.readString(html);
        assertTrue(page.contains("id=sample-too-small"), "a few days of 1-minute bars is too short to annualise");
        assertTrue(!page.contains("src=\"http") && !page.contains("href=\"http"), "nothing is loaded from the network");

        try (HeadlessChromium browser = HeadlessChromium.launch(Duration.ofSeconds(60))) {
            browser.navigate(html.toUri());
            browser.waitFor("window.sextantCharts !== undefined");
            JsonNode charts = browser.evaluate("""
                    Object.keys(window.sextantCharts).map(id => {
                      const o = window.sextantCharts[id].getOption();
                      return {id: id, series: o.series.map(s => (s.data || []).length)};
                    })""");
            List<String> ids = new ArrayList<>();
            for (JsonNode c : charts) {
                ids.add(c.get("id").asString());
                assertTrue(c.get("series").size() > 0, c.toString());
                for (JsonNode n : c.get("series")) {
                    assertTrue(n.asInt() > 0, "every series of " + c.get("id").asString() + " holds data: " + c);
                }
            }
            assertEquals(expected, ids);
            // A chart whose container had no size would render nothing: each canvas has an area.
            assertTrue(browser.evaluate("Array.from(document.querySelectorAll('.chart canvas'))"
                    + ".every(c => c.width > 100 && c.height > 100)").asBoolean());
            assertEquals(List.of(), browser.consoleErrors());
            String shot = System.getProperty("sextant.screenshot");
            if (shot != null && !shot.isBlank()) {
                Files.createDirectories(Path.of(shot).toAbsolutePath().getParent());
                Files.write(Path.of(shot), browser.fullPageScreenshotPng(1_800));
            }
            byte[] png = browser.screenshotPng();
            assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
