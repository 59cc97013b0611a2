package dev.sextant.examples.cli;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.flink.AccountSettings;
import dev.sextant.trading.flink.FlinkRun;
import dev.sextant.trading.flink.WalkForwardSweep;
import dev.sextant.trading.models.Models;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant sweep}: walk-forward evaluations over instruments x configurations as a bounded
 * Flink job on a local MiniCluster, aggregated into one report deflated over every trial. Flink
 * is not in sextant.jar: the {@code sextant} launcher adds {@code examples/target/flink-lib} to the
 * class path for this command, as for {@code flink-run}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Walk-forward every instrument (one bars CSV per instrument in --input) with every combination of"
                + " feature set, model and horizon as a bounded Flink job, and write sweep.json: each cell's walk-forward"
                + " metrics and the deflated Sharpe ratio of the best cell over all trials.")
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "Folder of bars CSV files, one per instrument, all of one bar length.")
    Path input;

    @Option(names = "--sets", defaultValue = "standard-24", split = ",", description = "Feature sets (default ${DEFAULT-VALUE}).")
    List<String> sets;

    @Option(names = "--models", defaultValue = "logistic", split = ",", description = "Model types, one per configuration (default ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--horizons", defaultValue = "1", split = ",", description = "Label horizons in bars (default ${DEFAULT-VALUE}).")
    List<Integer> horizons;

    @Option(names = "--train", defaultValue = "0", description = "Training bars per fold (default 20000, or half the series if shorter).")
    int train;

    @Option(names = "--test", defaultValue = "0", description = "Test bars per fold (default 5000, or an eighth of the series if shorter).")
    int test;

    @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of the job (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--report", defaultValue = "sweep-report", description = "Report folder for sweep.json (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--cash", defaultValue = "100000", description = "Starting cash of each backtest (default ${DEFAULT-VALUE}).")
    double cash;

    @Option(names = "--spread-bps", defaultValue = "2", description = "Quoted spread in bps (default ${DEFAULT-VALUE}).")
    double spreadBps;

    @Option(names = "--commission-bps", defaultValue = "1", description = "Commission in bps of notional (default ${DEFAULT-VALUE}).")
    double commissionBps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the paper broker (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive("--parallelism", parallelism);
        if (train < 0 || test < 0) {
            throw new IllegalArgumentException((train < 0 ? "--train" : "--test") + " must be 0 (the default) or a positive number of bars but was "
                    + (train < 0 ? train : test));
        }
        OptionChecks.account(cash, spreadBps, commissionBps);
        List<WalkForwardSweep.Configuration> configurations = configurations();
        FlinkRunCommand.requireFlink("sextant sweep");
        PrintWriter out = spec.commandLine().getOut();
        TimeFrame tf = FlinkRun.timeFrame(input);
        AccountSettings settings = AccountSettings.builder(tf).initialCash(cash).costsBps(spreadBps, commissionBps)
                .seed(seed).build();
        WalkForwardSweep.Report r = WalkForwardSweep.run(new WalkForwardSweep.Spec(input, configurations, train, test,
                settings), parallelism);
        r.write(report);
        WalkForwardSweep.Cell best = r.best();
        out.printf(Locale.ROOT, "sweep: %d cells (%d configurations), parallelism %d; best %s %s/%s/h%d, Sharpe %.3f,"
                + " deflated Sharpe ratio over %d trials %.4f%n", r.cells().size(), configurations.size(), parallelism,
                best.instrument(), best.configuration().featureSet(), best.configuration().model(),
                best.configuration().horizon(), best.sharpe(), r.trials(), r.dsr());
        out.println("report: " + report.resolve("sweep.json").toAbsolutePath().normalize());
        out.flush();
        return 0;
    }

    /** Every combination of the options, checked before the job starts. */
    private List<WalkForwardSweep.Configuration> configurations() {
        for (String s : sets) {
            try {
                FeatureSpec.named(s.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--sets: " + e.getMessage(), e);
            }
        }
        for (String m : models) {
            try {
                Models.trainer(m.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--models: " + e.getMessage(), e);
            }
        }
        List<WalkForwardSweep.Configuration> out = new ArrayList<>();
        for (String s : sets) {
            for (String m : models) {
                for (Integer h : horizons) {
                    OptionChecks.positive("--horizons", h);
                    out.add(new WalkForwardSweep.Configuration(s.trim(), m.trim(), h));
                }
            }
        }
        return out;
    }
}
