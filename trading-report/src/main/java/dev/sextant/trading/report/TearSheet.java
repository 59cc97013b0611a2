package dev.sextant.trading.report;

import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.report.internal.ReportFolder;
import dev.sextant.trading.report.internal.TearSheetPage;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A tear sheet: one self-contained HTML page ({@code report.html}) that shows what a report
 * folder of {@code sextant backtest}, {@code walkforward}, {@code demo} or {@code paper} holds:
 * equity and drawdown, underwater periods, rolling Sharpe ratio, a returns heatmap, exposure,
 * trades with costs, per-fold metrics, a reliability diagram before and after calibration, the
 * confusion matrix, permutation feature importance, PSR and DSR with the trials counted, and a
 * plain statement when the sample is too short for annualised figures. Sections whose files are
 * absent are left out and listed at the end of the page.
 *
 * <p>The page inlines Apache ECharts ({@link ChartLibrary}) and every number it charts: it loads
 * nothing from the network when viewed. Stateless and thread-safe; see docs/report.md.
 */
public final class TearSheet {
    /** The page's file name inside the report folder. */
    public static final String FILE = "report.html";

    private TearSheet() {
    }

    /**
     * Renders the tear sheet of {@code dir} as HTML text.
     *
     * @throws IllegalArgumentException if {@code dir} is not a folder or holds no report file
     * @throws ReportFormatException    if a file is malformed, naming the file, line and field
     * @throws UncheckedIOException     if a file cannot be read
     */
    public static String render(Path dir) {
        return TearSheetPage.render(ReportFolder.read(dir));
    }

    /**
     * Writes {@code dir/report.html} atomically and returns its path.
     *
     * @throws IllegalArgumentException if {@code dir} is not a folder or holds no report file
     * @throws ReportFormatException    if a file is malformed, naming the file, line and field
     * @throws UncheckedIOException     if a file cannot be read or the page cannot be written
     */
    public static Path write(Path dir) {
        String html = render(dir);
        Path file = dir.resolve(FILE);
        AtomicFileWriter.writeTextUnchecked(file, w -> w.write(html));
        return file;
    }
}
