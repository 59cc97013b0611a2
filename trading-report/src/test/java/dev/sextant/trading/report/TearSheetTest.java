package dev.sextant.trading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.report.internal.ReportFolder;
import dev.sextant.trading.report.internal.TearSheetPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TearSheetTest {

    @TempDir
    Path dir;

    private void equity(int n, long stepMillis) throws IOException {
        StringBuilder b = new StringBuilder("timestamp,equity\n");
        long t0 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            b.append(Instant.ofEpochMilli(t0 + i * stepMillis)).append(',').append(100_000 * (1 + 0.01 * Math.sin(i / 9.0) + i * 1e-4))
                    .append('\n');
        }
        Files.writeString(dir.resolve("equity.csv"), b);
    }

    @Test
    void aBacktestFolderShowsItsSectionsAndNamesWhatIsAbsent() throws IOException {
        equity(800, 86_400_000L);
        Files.writeString(dir.resolve("backtest.json"), """
                {"total_return": 0.08, "sharpe": 1.1, "sortino": 1.5, "calmar": 0.9, "max_drawdown": 0.02, "win_rate": null,
                 "profit_factor": null, "turnover": 3.2, "costs": 12.5, "trades": 0, "fills": 0, "psr": 0.9, "dsr": 0.7}""");
        Path html = TearSheet.write(dir);
        assertEquals(dir.resolve("report.html"), html);
        String page = Files.readString(html);
        assertEquals(List.of("chart-equity", "chart-drawdown", "chart-rolling-sharpe", "chart-heatmap"),
                TearSheetPage.chartIds(ReportFolder.read(dir)));
        assertTrue(page.contains("Returns by monthly return"), "two years of daily bars: a monthly heatmap");
        assertFalse(page.contains("id=sample-too-small"), "800 days is enough to annualise");
        assertTrue(page.contains("trials counted by the DSR</td><td>not recorded (no run.json)"));
        for (String absent : List.of("Per-fold metrics: no folds.json", "Trade list: no trades.csv", "Exposure: no exposure.csv",
                "Calibration reliability diagram and confusion matrix: no predictions.csv",
                "Permutation importance: no feature_importance.csv", "Tree gain importance: no tree_gain.csv; the models have no trees")) {
            assertTrue(page.contains(absent), absent);
        }
        assertTrue(page.contains(ChartLibrary.echartsJs().substring(0, 200)), "ECharts is inlined");
    }

    @Test
    void aShortSampleSaysPlainlyThatAnnualisedFiguresMeanLittle() throws IOException {
        equity(3 * 1440, 60_000);
        Files.writeString(dir.resolve("metrics.json"), "{\"sharpe\": 9.5, \"psr\": 0.6, \"dsr\": 0.4}");
        Files.writeString(dir.resolve("run.json"), "{\"kind\": \"walkforward\", \"periods_per_year\": 525960, \"trials\": 12}");
        String page = TearSheet.render(dir);
        assertTrue(page.contains("id=sample-too-small"));
        assertTrue(page.contains("The sample is too small for annualised figures to mean anything."));
        assertTrue(page.contains("Sharpe ratio (annualised) *"));
        assertTrue(page.contains("trials counted by the DSR</td><td>12</td>"));
        assertTrue(page.contains("expected from the best of 12 unskilled trials"));
        assertTrue(page.contains("Returns by hourly return (UTC)"));
    }

    @Test
    void aPaperFolderShowsTheSessionState() throws IOException {
        Files.writeString(dir.resolve("state.json"), """
                {"cash": 99500.5, "equity": 100200.25, "positions": {"BTC/USD": 0.5}, "open_orders": [], "decisions": 120,
                 "orders": 4, "fills": 4, "kill_switch_tripped": false}""");
        String page = TearSheet.render(dir);
        assertTrue(page.contains("<h2>Paper session state</h2>"));
        assertTrue(page.contains("<td>kill switch tripped</td><td>false</td>"));
        assertTrue(page.contains("{&quot;BTC/USD&quot;:0.5}"));
        assertTrue(page.contains("Equity, drawdown, underwater periods, rolling Sharpe and returns heatmap: no equity.csv"));
        assertEquals(List.of(), TearSheetPage.chartIds(ReportFolder.read(dir)));
    }

    @Test
    void valuesFromTheFolderAreEscapedInTheHtmlAndInTheChartData() throws IOException {
        equity(50, 86_400_000L);
        Files.writeString(dir.resolve("run.json"), "{\"instrument\": \"</script><script>alert(1)</script>\"}");
        Files.writeString(dir.resolve("feature_importance.csv"),
                "feature,permutation_log_loss_increase\n</script><b>x,0.1\nrsi_14,0.2\n");
        String page = TearSheet.render(dir);
        assertFalse(page.contains("<script>alert(1)"), "HTML-escaped in tables");
        assertTrue(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)"));
        int data = page.indexOf("<script id=sextant-charts");
        String json = page.substring(data, page.indexOf("</script>", data));
        assertTrue(json.contains("<\\/script><b>x"), "no closing script tag inside the chart data");
    }

    @Test
    void treeGainIsChartedNextToPermutationImportance() throws IOException {
        equity(50, 86_400_000L);
        Files.writeString(dir.resolve("feature_importance.csv"),
                "feature,permutation_log_loss_increase\nrsi_14,0.01\nsma_10,-0.002\n");
        Files.writeString(dir.resolve("tree_gain.csv"),
                "feature,gain,gain_share,cover,splits\nrsi_14,750.5,0.75,120,9\nsma_10,250.25,0.25,40,3\n");
        String page = TearSheet.render(dir);
        List<String> ids = TearSheetPage.chartIds(ReportFolder.read(dir));
        assertTrue(ids.indexOf("chart-tree-gain") >= 0 && ids.indexOf("chart-tree-gain") + 1 == ids.indexOf("chart-importance"),
                ids.toString());
        int data = page.indexOf("<script id=sextant-charts");
        String json = page.substring(data, page.indexOf("</script>", data));
        assertTrue(json.contains("\"data\":[0.25,0.75]"), "gain shares, smallest first: " + json);
        assertFalse(page.contains("Tree gain importance: no tree_gain.csv"));
    }

    @Test
    void permutationImportanceWithoutTreesSaysPlainlyThatTheModelsHaveNoTrees() throws IOException {
        equity(50, 86_400_000L);
        Files.writeString(dir.resolve("feature_importance.csv"), "feature,permutation_log_loss_increase\nrsi_14,0.01\n");
        String page = TearSheet.render(dir);
        assertTrue(page.contains("Tree gain: the models have no trees, so there is no split gain to show."));
        assertFalse(TearSheetPage.chartIds(ReportFolder.read(dir)).contains("chart-tree-gain"));
        assertTrue(TearSheetPage.chartIds(ReportFolder.read(dir)).contains("chart-importance"));
    }

    @Test
    void aMalformedFileStopsTheReportNamingIt() throws IOException {
        Files.writeString(dir.resolve("equity.csv"), "timestamp,equity\n2020-01-01T00:00:00Z,oops\n");
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> TearSheet.write(dir));
        assertEquals("equity.csv line 2 field equity: value 'oops' is not a number", e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.html")));
    }
}
