package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.engine.Decision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The decisions file that {@code sextant backtest --decisions FILE} and {@code sextant flink-run}
 * write, one format for both so that a distributed run can be compared with the single-process
 * pipeline line by line.
 *
 * <p>Header {@value #HEADER}; one row per decision (every bar decided on, warm-up included),
 * sorted by instrument, then time:
 * <ul>
 *   <li>{@code instrument}: the instrument's symbol (quoted as CSV when it holds a comma, quote or
 *       line break);</li>
 *   <li>{@code time}: the decision's bar close, ISO-8601 UTC ({@link Instant#toString()}, e.g.
 *       {@code 2013-01-02T00:00:00Z});</li>
 *   <li>{@code direction}: {@code BUY}, {@code SELL} or {@code HOLD}, the direction of the signal
 *       the decision carries (also when it was held back: out of distribution, circuit open, not
 *       sized, rejected), empty when there is no signal (warming up, no prediction, model
 *       failed);</li>
 *   <li>{@code kind}: the decision's {@link Decision.Kind#label() kind}, e.g. {@code sent},
 *       {@code warming_up}. It depends on account-level risk state; the first three columns
 *       depend only on the instrument's own bars and the model.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class DecisionsCsv {
    /** The header line. */
    public static final String HEADER = "instrument,time,direction,kind";

    /** Orders rows by instrument, then time. */
    private static final Comparator<Row> ORDER = Comparator.comparing(Row::instrument).thenComparing(Row::time);

    private DecisionsCsv() {
    }

    /**
     * One row of the file.
     *
     * @param instrument the instrument's symbol, not blank
     * @param time       the decision's bar close
     * @param direction  the signal's direction, empty when the decision carries no signal
     * @param kind       the decision kind's label, not blank
     */
    public record Row(String instrument, Instant time, Optional<Direction> direction, String kind) {
        /** Validates every field. */
        public Row {
            Checks.notBlank(instrument, "instrument");
            Checks.notNull(time, "time");
            Checks.notNull(direction, "direction");
            Checks.notBlank(kind, "kind");
        }

        /** The row as one CSV line, without the line break. */
        public String toCsv() {
            return quote(instrument) + "," + time + "," + direction.map(Direction::name).orElse("") + "," + kind;
        }
    }

    /** The row of {@code decision}. */
    public static Row row(Decision decision) {
        Checks.notNull(decision, "decision");
        return new Row(decision.instrument().symbol(), decision.time(), signalOf(decision).map(Signal::direction),
                decision.kind().label());
    }

    /**
     * Writes the rows of {@code decisions} to {@code file}, replacing it atomically; see the class
     * comment for the format.
     *
     * @throws java.io.UncheckedIOException naming the file and the reason
     */
    public static void write(Path file, Collection<Decision> decisions) {
        Checks.notNull(decisions, "decisions");
        List<Row> rows = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            rows.add(row(d));
        }
        writeRows(file, rows);
    }

    /**
     * Writes {@code rows} to {@code file}, sorted by instrument then time, replacing it atomically
     * (its folder is created when missing).
     *
     * @throws java.io.UncheckedIOException naming the file and the reason
     */
    public static void writeRows(Path file, Collection<Row> rows) {
        Checks.notNull(file, "file");
        List<Row> sorted = new ArrayList<>(Checks.notNull(rows, "rows"));
        sorted.sort(ORDER);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent + ": " + IoErrors.reason(e), e);
        }
        AtomicFileWriter.writeTextUnchecked(file, w -> {
            w.write(HEADER);
            w.write('\n');
            for (Row r : sorted) {
                w.write(r.toCsv());
                w.write('\n');
            }
        });
    }

    /** The signal a decision carries, held back or not; empty for warm-up, no prediction and model failure. */
    static Optional<Signal> signalOf(Decision d) {
        return switch (d) {
            case Decision.Hold h -> Optional.of(h.signal());
            case Decision.CircuitOpen c -> Optional.of(c.suppressed());
            case Decision.OutOfDistribution o -> Optional.of(o.suppressed());
            case Decision.EdgeBelowMinimum e -> Optional.of(e.signal());
            case Decision.NotSized n -> Optional.of(n.signal());
            case Decision.Rejected r -> Optional.of(r.signal());
            case Decision.Sent s -> Optional.of(s.signal());
            case Decision.Resized r -> Optional.of(r.signal());
            case Decision.BrokerRefused b -> Optional.of(b.signal());
            case Decision.WarmingUp w -> Optional.empty();
            case Decision.NoPrediction n -> Optional.empty();
            case Decision.ModelFailed f -> Optional.empty();
        };
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
