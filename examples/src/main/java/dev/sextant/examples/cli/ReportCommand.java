package dev.sextant.examples.cli;

import dev.sextant.trading.report.TearSheet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant report}: the tear sheet of a report folder, as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write DIR/report.html, a self-contained tear sheet (charts inlined, no network when viewed) of a "
                + "backtest, walkforward, demo or paper report folder.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The report folder.")
    Path from;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("tear sheet: " + TearSheet.write(from).toAbsolutePath().normalize());
        out.flush();
        return 0;
    }

    /** Writes the tear sheet of {@code dir} unless {@code noHtml}; prints where. Shared by the commands that write reports. */
    static void writeTearSheet(Path dir, boolean noHtml, PrintWriter out) {
        if (!noHtml) {
            out.println("tear sheet: " + TearSheet.write(dir).toAbsolutePath().normalize());
        }
    }
}
