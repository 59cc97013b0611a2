package dev.sextant.trading.flink;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.ValidationPolicy;
import dev.sextant.trading.engine.report.DecisionsCsv;
import dev.sextant.trading.flink.internal.RowFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the {@link FlinkTradingJob} on a local MiniCluster over a folder of bars CSV files, one per
 * instrument (the instrument's symbol is the file name without {@code .csv}; all in one account,
 * {@value #ACCOUNT}), and writes one decisions file. What {@code sextant flink-run} does.
 */
public final class FlinkRun {
    /** The account every instrument of a folder is traded in. */
    public static final String ACCOUNT = "local";

    private FlinkRun() {
    }

    /** What a run did. */
    public record Summary(int instruments, long bars, long decisions, long orders, long lateBars, TimeFrame timeFrame) {
        /** Validates. */
        public Summary {
            Checks.nonNegative(instruments, "instruments");
            Checks.notNull(timeFrame, "timeFrame");
        }
    }

    /**
     * Reads every {@code *.csv} in {@code input} (strict validation), runs the job with
     * {@code parallelism} and writes the decisions to {@code output} in the format of
     * {@code sextant backtest --decisions} ({@link DecisionsCsv}: rows by instrument then time),
     * atomically.
     *
     * @param bundle      the model bundle
     * @param input       the folder of bars files
     * @param parallelism the job's parallelism, at least 1
     * @param settings    the account's settings; every file must have bars of its time frame
     *                    (use {@link #timeFrame(Path)} to build settings for the folder)
     * @param output      the decisions file
     * @return what the run did
     * @throws IllegalArgumentException if the folder has no {@code .csv} file or a file name is not
     *                                  a usable symbol
     * @throws MarketDataException      if a file is not valid bars or its bar length is not the settings'
     * @throws UncheckedIOException     if a file cannot be read or the output written
     * @throws Exception                if the Flink job fails
     */
    public static Summary run(Path bundle, Path input, int parallelism, AccountSettings settings, Path output)
            throws Exception {
        Checks.notNull(bundle, "bundle");
        Checks.positive(parallelism, "parallelism");
        Checks.notNull(settings, "settings");
        Checks.notNull(output, "output");
        List<InstrumentBar> bars = new ArrayList<>();
        List<Path> files = files(input);
        for (Path file : files) {
            BarSeries s = BarCsvReader.read(file, ValidationPolicy.STRICT).series();
            TimeFrame tf = s.timeFrame() != null ? s.timeFrame() : SeriesSummary.detectTimeFrame(s);
            if (!tf.equals(settings.timeFrame())) {
                throw new MarketDataException(file.toString(), 0, null, null, null,
                        "has " + tf + " bars but the run trades " + settings.timeFrame() + " bars (the first file's)");
            }
            Instrument instrument = Instrument.equity(symbol(file), "PAPER");
            for (int i = 0; i < s.size(); i++) {
                bars.add(new InstrumentBar(ACCOUNT, instrument, tf.millis(), s.bar(i)));
            }
        }
        bars.sort(AccountBook.ORDER);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        FlinkTradingJob.Streams streams = FlinkTradingJob.builder(bundle, settings).build().apply(env.fromData(bars));
        List<DecisionRow> rows;
        long late;
        try (ResultFolder parts = ResultFolder.create("sextant-flink-run")) {
            streams.decisions().sinkTo(new RowFiles(parts.path())).name("decision rows");
            Long counted = env.execute("sextant flink-run").getAccumulatorResult(FlinkTradingJob.LATE_BARS_METRIC);
            late = counted == null ? 0 : counted;
            rows = RowFiles.read(parts.path());
        }
        DecisionsCsv.writeRows(output, rows.stream().map(DecisionRow::csvRow).toList());
        long orders = rows.stream().filter(DecisionRow::hasOrder).count();
        return new Summary(files.size(), bars.size(), rows.size(), orders, late, settings.timeFrame());
    }

    /**
     * The bar length of the first {@code .csv} file in {@code input} (by name).
     *
     * @throws IllegalArgumentException if the folder has no {@code .csv} file
     * @throws MarketDataException      if that file is not valid bars
     */
    public static TimeFrame timeFrame(Path input) {
        Path first = files(input).get(0);
        BarSeries s = BarCsvReader.read(first, ValidationPolicy.STRICT).series();
        return s.timeFrame() != null ? s.timeFrame() : SeriesSummary.detectTimeFrame(s);
    }

    static List<Path> files(Path input) {
        Checks.notNull(input, "input");
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input " + input + " is not a folder of bars files");
        }
        try (Stream<Path> list = Files.list(input)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("--input " + input + " has no .csv file");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + IoErrors.reason(e), e);
        }
    }

    static String symbol(Path file) {
        String name = file.getFileName().toString();
        String symbol = name.substring(0, name.length() - ".csv".length());
        if (symbol.isBlank() || !symbol.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("file " + file + ": the instrument is the file name without .csv and may"
                    + " hold only letters, digits, '.', '_', '-' but was '" + symbol + "'");
        }
        return symbol;
    }
}
