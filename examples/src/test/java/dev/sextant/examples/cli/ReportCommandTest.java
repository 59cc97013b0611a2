package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sextant report, and the tear sheet the report-writing commands add by default. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private Path walkforward(String... extra) {
        return walkforwardOf("logistic", extra);
    }

    private Path walkforwardOf(String models, String... extra) {
        Path report = dir.resolve("wf-" + models);
        String[] base = {"walkforward", "--input", CliRunner.APPLE.toString(), "--models", models, "--trials", "4",
            "--report", report.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return report;
    }

    @Test
    void walkforwardWritesTheTearSheetAndReportRewritesIt() throws IOException {
        Path report = walkforward();
        Path html = report.resolve("report.html");
        assertTrue(Files.exists(html));
        for (String f : new String[] {"trades.csv", "exposure.csv", "run.json", "feature_importance.csv"}) {
            assertTrue(Files.exists(report.resolve(f)), f);
        }
        String page = Files.readString(html);
        assertTrue(page.contains("trials counted by the DSR</td><td>4</td>"), "run.json carries --trials");
        Files.delete(html);
        CliRunner.Result r = CliRunner.run("report", "--from", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("tear sheet: " + html.toAbsolutePath().normalize(), r.out().strip());
        assertEquals(page, Files.readString(html), "the same folder gives the same page");
        assertFalse(Files.exists(report.resolve("tree_gain.csv")), "a logistic model has no trees");
        assertTrue(page.contains("Tree gain: the models have no trees, so there is no split gain to show."));
    }

    @Test
    void anXGBoostWalkforwardChartsTreeGainNextToPermutationImportance() throws IOException {
        Path report = walkforwardOf("xgboost");
        List<String> rows = Files.readAllLines(report.resolve("tree_gain.csv"));
        List<String> permutation = Files.readAllLines(report.resolve("feature_importance.csv"));
        assertEquals("feature,gain,gain_share,cover,splits", rows.get(0));
        assertEquals("feature,permutation_log_loss_increase", permutation.get(0), "the permutation file is unchanged");
        assertEquals(permutation.size(), rows.size(), "one row per feature in both files");
        double share = 0;
        long splits = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            share += Double.parseDouble(f[2]);
            splits += Long.parseLong(f[4]);
        }
        assertEquals(1.0, share, 1e-9);
        assertTrue(splits > 0);
        String page = Files.readString(report.resolve("report.html"));
        assertTrue(page.indexOf("id=chart-tree-gain") > 0 && page.indexOf("id=chart-tree-gain") < page.indexOf("id=chart-importance"),
                "the tree-gain chart comes just before the permutation chart");
        assertFalse(page.contains("Tree gain importance: no tree_gain.csv"));
    }

    @Test
    void noHtmlLeavesTheTearSheetOut() {
        Path report = walkforward("--no-html");
        assertFalse(Files.exists(report.resolve("report.html")));
        assertTrue(Files.exists(report.resolve("metrics.json")));
    }

    @Test
    void aMissingFolderIsBadInput() {
        CliRunner.Result r = CliRunner.run("report", "--from", dir.resolve("nowhere").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: report folder " + dir.resolve("nowhere") + " does not exist", r.err().strip());
    }

    @Test
    void aMalformedFileIsBadInputNamingFileLineAndField() throws IOException {
        Files.writeString(dir.resolve("equity.csv"), "timestamp,equity\n2020-01-01T00:00:00Z,100\n2020-01-02T00:00:00Z,oops\n");
        CliRunner.Result r = CliRunner.run("report", "--from", dir.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: equity.csv line 3 field equity: value 'oops' is not a number", r.err().strip());
    }

    @Test
    void aJsonFieldOfTheWrongTypeIsBadInput() throws IOException {
        Files.writeString(dir.resolve("backtest.json"), "{\"sharpe\": \"great\", \"psr\": 0.5}");
        CliRunner.Result r = CliRunner.run("report", "--from", dir.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: backtest.json field sharpe: value '\"great\"' must be a number or null", r.err().strip());
    }
}
