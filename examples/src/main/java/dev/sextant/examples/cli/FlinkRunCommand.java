package dev.sextant.examples.cli;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.flink.AccountSettings;
import dev.sextant.trading.flink.FlinkRun;
import dev.sextant.trading.risk.RiskLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant flink-run}: the pipeline as a Flink job on a local MiniCluster over a folder of
 * bars files. Flink is not in sextant.jar: the {@code sextant} launcher adds
 * {@code examples/target/flink-lib} to the class path for this command; this class touches
 * trading-flink only after checking that Flink is there.
 */
@Command(name = "flink-run", mixinStandardHelpOptions = true,
        description = "Run the pipeline as a keyed, checkpointable Flink job on a local MiniCluster over one bars CSV per"
                + " instrument (the instrument is the file name without .csv) and write one decisions file.")
public final class FlinkRunCommand implements Callable<Integer> {
    /** A class of Flink's, to tell whether Flink is on the class path. */
    private static final String FLINK_CLASS = "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment";

    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, description = "Model bundle directory or zip (from sextant train).")
    Path bundle;

    @Option(names = "--input", required = true, description = "Folder of bars CSV files, one per instrument, all of one bar length.")
    Path input;

    @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of the job (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--output", required = true, description = "Decisions CSV, as sextant backtest --decisions: instrument,time,direction,kind.")
    Path output;

    @Option(names = "--cash", defaultValue = "100000", description = "Starting cash of the account (default ${DEFAULT-VALUE}).")
    double cash;

    @Option(names = "--spread-bps", defaultValue = "2", description = "Quoted spread in bps (default ${DEFAULT-VALUE}).")
    double spreadBps;

    @Option(names = "--commission-bps", defaultValue = "1", description = "Commission in bps of notional (default ${DEFAULT-VALUE}).")
    double commissionBps;

    @Option(names = "--fraction", defaultValue = "0.05", description = "Fixed fraction of equity per position (default ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--min-edge-bps", defaultValue = "0",
            description = "Minimum expected edge after costs in bps, as sextant backtest (default ${DEFAULT-VALUE}).")
    double minEdgeBps;

    @Option(names = "--allow-short", description = "SELL signals open shorts instead of only closing longs.")
    boolean allowShort;

    @Option(names = "--limits", description = "Risk limits JSON for the account (default: built-in limits, see docs/risk.md).")
    Path limits;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the paper broker (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive("--parallelism", parallelism);
        OptionChecks.account(cash, spreadBps, commissionBps);
        OptionChecks.sizing(fraction, minEdgeBps);
        requireFlink("sextant flink-run");
        return run(spec.commandLine().getOut());
    }

    /**
     * Checks that Flink is on the class path, before any class of trading-flink is touched.
     *
     * @throws IllegalStateException naming {@code command} and the launcher that adds Flink, if it is not
     */
    static void requireFlink(String command) {
        try {
            Class.forName(FLINK_CLASS, false, FlinkRunCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(command + " needs Flink on the class path: run it through the sextant"
                    + " launcher, which adds examples/target/flink-lib (built by mvn package)");
        }
    }

    private int run(PrintWriter out) throws Exception {
        TimeFrame tf = FlinkRun.timeFrame(input);
        AccountSettings settings = AccountSettings.builder(tf).initialCash(cash).costsBps(spreadBps, commissionBps)
                .fraction(fraction).minEdgeBps(minEdgeBps).allowShort(allowShort).seed(seed)
                .limits(limits == null ? RiskLimits.defaults() : RiskLimits.load(limits)).build();
        FlinkRun.Summary s = FlinkRun.run(bundle, input, parallelism, settings, output);
        out.printf(Locale.ROOT, "flink-run: %d instruments, %d %s bars, parallelism %d: %d decisions, %d orders, %d late bars"
                + " dropped%n", s.instruments(), s.bars(), s.timeFrame(), parallelism, s.decisions(), s.orders(), s.lateBars());
        out.println("decisions: " + output.toAbsolutePath().normalize());
        out.flush();
        return 0;
    }
}
