package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.engine.report.DecisionsCsv;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.engine.report.TreeGainImportance;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant backtest}: a model bundle traded bar by bar through the pipeline on the paper broker. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest a model bundle through the live pipeline (features, model, sizing, risk checks, paper broker).")
public final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, description = "Model bundle directory or zip (from sextant train).")
    Path bundle;

    @Mixin
    BarsInput input;

    @Option(names = "--report", defaultValue = "backtest-report", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path report;

    @Mixin
    TearSheetOption tearSheet;

    @Option(names = "--decisions", description = "Also write every decision to this CSV (instrument,time,direction,kind;"
            + " the format of sextant flink-run; instrument is --symbol).")
    Path decisions;

    @Mixin
    TradingOptions trading;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (decisions != null && Files.isDirectory(decisions)) {
            throw new IllegalArgumentException("--decisions " + decisions + " is a folder; give a file name");
        }
        BarSeries bars = input.load();
        TimeFrame tf = BarsInput.timeFrameOf(bars);
        // One load, one extraction: the pipeline's feature engine is built from the bundle's own spec.
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            BundleManifest manifest = loaded.manifest();
            ModelSignalSource signals = new ModelSignalSource(manifest.featureSpec(), loaded.model(), manifest.bundleId(),
                    manifest.bundleVersion());
            BacktestConfig cfg = trading.backtest(tf, decisions != null);
            BacktestResult r = Backtester.run(bars, signals, cfg);
            manifest.trainingWindow().filter(w -> bars.size() > 0 && bars.time(0) <= w.to().toEpochMilli())
                    .ifPresent(w -> out.println("warning: these bars start before the bundle's training window ends ("
                            + w.to() + "): part of this backtest is in-sample"));
            write(r, report);
            BacktestFiles.write(r, cfg, "backtest", report);
            TreeGainImportance.of(loaded.model(), manifest.featureSpec().featureNames()).ifPresent(g -> g.write(report));
            PerformanceMetrics p = r.performance();
            out.printf(Locale.ROOT, "backtest of bundle %s %s on %d %s bars of %s%n", manifest.bundleId(),
                    manifest.bundleVersion(), bars.size(), tf, bars.name());
            out.printf(Locale.ROOT, "  return %.2f%%  Sharpe %.2f  Sortino %.2f  max drawdown %.2f%%  trades %d  costs %.2f  PSR %.3f%n",
                    100 * p.totalReturn(), p.sharpe(), p.sortino(), 100 * p.maxDrawdown(), p.trades(), p.costs(), p.psr());
            trading.printDecisions(out, r);
            if (decisions != null) {
                DecisionsCsv.write(decisions, r.decisions());
                out.println("decisions: " + decisions.toAbsolutePath().normalize() + " (" + r.decisions().size() + " rows)");
            }
            out.println("report: " + report.toAbsolutePath().normalize()
                    + " (backtest.json, equity.csv, trades.csv, exposure.csv, run.json)");
            tearSheet.write(report, out);
        }
        out.flush();
        return 0;
    }

    static void write(BacktestResult r, Path dir) {
        PerformanceMetrics p = r.performance();
        BacktestFiles.writeMetrics(p, r.fills().size(), dir);
        Evaluation.writeEquity(r, dir);
    }
}
