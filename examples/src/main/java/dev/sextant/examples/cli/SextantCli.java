package dev.sextant.examples.cli;

import dev.sextant.trading.core.io.MarketDataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sextant} command line. Each subcommand is a class in this package; bad input ends
 * with a non-zero exit code and one line naming file, line, field and value.
 */
@Command(name = "sextant", mixinStandardHelpOptions = true, version = "sextant 0.1.0-SNAPSHOT",
        description = "Sextant: market data -> features -> models -> calibrated signals -> risk -> broker.",
        subcommands = {
                // One line per subcommand; keep this list sorted by command name.
                AuditCommand.class,
                BacktestCommand.class,
                DataCommand.class,
                DemoCommand.class,
                FeaturesCommand.class,
                IndicatorsCommand.class,
                PredictCommand.class,
                TrainCommand.class,
                WalkforwardCommand.class,
        })
public final class SextantCli {

    private SextantCli() {
    }

    /** Exit code for bad input data or arguments. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for any other failure. */
    public static final int EXIT_FAILURE = 1;

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI without exiting; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SextantCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MarketDataException || ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            err.println("error: " + ex);
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }
}
