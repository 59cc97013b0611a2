package dev.sextant.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --no-html} option of the commands that write a report folder with a tear sheet. */
final class TearSheetOption {
    @Option(names = "--no-html", description = "Do not write report.html (the tear sheet; see sextant report).")
    boolean noHtml;

    /** Writes {@code report/report.html} unless {@code --no-html} was given, as {@link ReportCommand#writeTearSheet}. */
    void write(Path report, PrintWriter out) {
        ReportCommand.writeTearSheet(report, noHtml, out);
    }
}
