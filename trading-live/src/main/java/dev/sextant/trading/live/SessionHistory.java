package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trading record of a session, rebuilt from its journal: the equity marked at each bar's
 * close, the cash at that close and every fill with its fee, over every run of the session (a
 * resumed session's journal holds them all). Written in the formats a backtest writes
 * ({@link BacktestFiles}), so the tear sheet reads a paper session as it reads a backtest.
 *
 * <p>Cash starts at the initial cash and moves by each fill's signed notional and fee; equity at
 * a bar's close is the cash plus each position marked at its instrument's latest close, after
 * every record journaled for that bar (the fills its bar opened on and the decisions taken at its
 * close). An immutable value.
 *
 * @param times  bar close times, epoch ms, one per bar consumed
 * @param equity equity at each close
 * @param cash   cash at each close
 * @param fills  every fill, in journal order
 */
public record SessionHistory(long[] times, double[] equity, double[] cash, List<Fill> fills) {

    /** Validates and copies. */
    public SessionHistory {
        Checks.notNull(times, "times");
        Checks.notNull(equity, "equity");
        Checks.notNull(cash, "cash");
        if (equity.length != times.length || cash.length != times.length) {
            throw new IllegalArgumentException("times, equity and cash must have the same length but had " + times.length
                    + ", " + equity.length + " and " + cash.length);
        }
        times = times.clone();
        equity = equity.clone();
        cash = cash.clone();
        fills = List.copyOf(fills);
    }

    /** A copy of the close times. */
    @Override
    public long[] times() {
        return times.clone();
    }

    /** A copy of the equity marks. */
    @Override
    public double[] equity() {
        return equity.clone();
    }

    /** A copy of the cash at each close. */
    @Override
    public double[] cash() {
        return cash.clone();
    }

    /** Number of bars. */
    public int size() {
        return times.length;
    }

    /**
     * Replays {@code journal} from its first record.
     *
     * @param instrument  the instrument the session trades; a fill in another is refused
     * @param initialCash the cash the session started with, positive
     * @throws IllegalArgumentException naming the journal and sequence number of a fill in another
     *                                  instrument or a bar with an unreadable time frame
     * @throws JournalException         if the journal does not replay
     */
    public static SessionHistory fromJournal(Journal journal, Instrument instrument, double initialCash) {
        Checks.notNull(journal, "journal");
        Checks.notNull(instrument, "instrument");
        Checks.positive(initialCash, "initialCash");
        Builder b = new Builder(journal.location(), instrument, initialCash);
        if (journal.lastSeq() > 0) {
            journal.replay(1, b::onRecord);
        }
        return b.build();
    }

    /**
     * Writes {@code equity.csv}, {@code trades.csv}, {@code exposure.csv}, {@code run.json}
     * ({@code kind} as given, e.g. {@code paper}) and, with at least one bar, {@code backtest.json}
     * (performance figures over the initial cash and the marks; costs are the fees, the slippage
     * being inside the fill prices) into {@code dir}, each atomically.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public void write(BacktestConfig cfg, String kind, Path dir) {
        Checks.notNull(cfg, "cfg");
        BacktestFiles.writeEquity(times, equity, dir);
        BacktestFiles.writeTrades(fills, dir);
        BacktestFiles.writeExposure(times, equity, cash, dir);
        BacktestFiles.writeRun(cfg, kind, dir);
        if (times.length > 0 && Arrays.stream(equity).allMatch(e -> e > 0)) {
            double[] withStart = new double[equity.length + 1];
            withStart[0] = cfg.initialCash();
            System.arraycopy(equity, 0, withStart, 1, equity.length);
            double notional = 0;
            double fees = 0;
            for (Fill f : fills) {
                notional += f.notional();
                fees += f.fee();
            }
            PerformanceMetrics p = PerformanceMetrics.of(withStart, BacktestFiles.closedTrips(fills), notional, fees,
                    cfg.periodsPerYear(), cfg.trials(), Double.NaN);
            BacktestFiles.writeMetrics(p, fills.size(), dir);
        }
    }

    /** Folds journal records into the history. */
    private static final class Builder {
        private final String location;
        private final Instrument instrument;
        private final Map<String, Double> positions = new HashMap<>();
        private final Map<String, Double> closes = new HashMap<>();
        private final List<Fill> fills = new ArrayList<>();
        private long[] times = new long[1024];
        private double[] equity = new double[1024];
        private double[] cashAt = new double[1024];
        private int n;
        private double cash;
        private boolean open;

        Builder(String location, Instrument instrument, double initialCash) {
            this.location = location;
            this.instrument = instrument;
            this.cash = initialCash;
        }

        void onRecord(JournalRecord r) {
            switch (r.event()) {
                case JournalEvent.BarConsumed bar -> {
                    mark();
                    TimeFrame tf;
                    try {
                        tf = TimeFrame.parse(bar.timeFrame());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("journal " + location + " seq " + r.seq() + " field timeFrame: "
                                + e.getMessage());
                    }
                    closes.put(bar.instrument(), bar.close());
                    if (n == times.length) {
                        times = Arrays.copyOf(times, 2 * n);
                        equity = Arrays.copyOf(equity, 2 * n);
                        cashAt = Arrays.copyOf(cashAt, 2 * n);
                    }
                    times[n] = bar.barTime() + tf.millis();
                    open = true;
                }
                case JournalEvent.FillReceived f -> {
                    if (!f.instrument().equals(instrument.id())) {
                        throw new IllegalArgumentException("journal " + location + " seq " + r.seq() + " field instrument: fill "
                                + f.executionId() + " is in " + f.instrument() + " but the session trades " + instrument.id());
                    }
                    Side side;
                    try {
                        side = Side.valueOf(f.side());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("journal " + location + " seq " + r.seq() + " field side: value '"
                                + f.side() + "' is not BUY or SELL");
                    }
                    Fill fill = new Fill(f.executionId(), f.clientOrderId(), instrument, side, f.quantity(), f.price(), f.fee(),
                            f.venueTime());
                    fills.add(fill);
                    cash -= fill.signedQuantity() * fill.price() + fill.fee();
                    positions.merge(f.instrument(), fill.signedQuantity(), Double::sum);
                }
                default -> {
                }
            }
        }

        /** Closes the open bar's mark: cash plus positions at their latest closes. */
        private void mark() {
            if (!open) {
                return;
            }
            double value = cash;
            for (Map.Entry<String, Double> p : positions.entrySet()) {
                value += p.getValue() * closes.getOrDefault(p.getKey(), 0.0);
            }
            equity[n] = value;
            cashAt[n] = cash;
            n++;
            open = false;
        }

        SessionHistory build() {
            mark();
            return new SessionHistory(Arrays.copyOf(times, n), Arrays.copyOf(equity, n), Arrays.copyOf(cashAt, n), fills);
        }
    }
}
