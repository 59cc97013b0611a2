package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.internal.RoundTrips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files a tear sheet reads besides the metrics: {@code trades.csv} (every fill with its fee),
 * {@code exposure.csv} (cash, position value and exposure at each bar's close) and
 * {@code run.json} (what was run: the kind, instrument, time frame, annualisation and the number
 * of trials counted by the deflated Sharpe ratio). Each is written atomically.
 */
public final class BacktestFiles {
    /** The header of {@code trades.csv}. */
    public static final String TRADES_HEADER = "timestamp,order_id,side,quantity,price,notional,fee";
    /** The header of {@code exposure.csv}. */
    public static final String EXPOSURE_HEADER = "timestamp,cash,position_value,exposure";
    /** The header of {@code equity.csv}. */
    public static final String EQUITY_HEADER = "timestamp,equity";

    private BacktestFiles() {
    }

    /**
     * Writes {@code trades.csv}, {@code exposure.csv} and {@code run.json} into {@code dir}
     * (created if needed).
     *
     * @param kind what produced the result: {@code backtest}, {@code walkforward}, {@code demo}, {@code paper} or {@code rl-evaluate}
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void write(BacktestResult result, BacktestConfig cfg, String kind, Path dir) {
        Checks.notNull(result, "result");
        createDirectories(dir);
        writeTrades(result.fills(), dir);
        writeExposure(result.times(), result.equity(), cashAtCloses(result.times(), result.fills(), result.portfolio().cash()), dir);
        writeRun(cfg, kind, dir);
    }

    /**
     * Writes {@code run.json}: the kind, instrument, time frame, periods per year, trials counted by
     * the DSR and initial cash.
     *
     * @param kind what produced the files: {@code backtest}, {@code walkforward}, {@code demo}, {@code paper} or {@code rl-evaluate}
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void writeRun(BacktestConfig cfg, String kind, Path dir) {
        Checks.notNull(cfg, "cfg");
        Checks.notBlank(kind, "kind");
        createDirectories(dir);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("kind", kind);
        run.put("instrument", cfg.instrument().id());
        run.put("time_frame", cfg.timeFrame().label());
        run.put("periods_per_year", cfg.periodsPerYear());
        run.put("trials", cfg.trials());
        run.put("initial_cash", cfg.initialCash());
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(run);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("run.json"), w -> w.write(json));
    }

    /**
     * Writes {@code trades.csv} ({@value #TRADES_HEADER}): every fill with its fee, in order.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void writeTrades(List<Fill> fills, Path dir) {
        Checks.notNull(fills, "fills");
        createDirectories(dir);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("trades.csv"), w -> {
            w.write(TRADES_HEADER + "\n");
            for (Fill f : fills) {
                w.write(f.time() + "," + f.clientOrderId() + "," + f.side() + "," + f.quantity() + "," + f.price() + ","
                        + f.notional() + "," + f.fee() + "\n");
            }
        });
    }

    /**
     * Writes {@code equity.csv} ({@value #EQUITY_HEADER}): the equity marked at each bar's close.
     *
     * @param times  close times, epoch ms, one per bar
     * @param equity equity at each close, as many as {@code times}
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void writeEquity(long[] times, double[] equity, Path dir) {
        sameLength(times, equity, "equity");
        createDirectories(dir);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("equity.csv"), w -> {
            w.write(EQUITY_HEADER + "\n");
            for (int i = 0; i < times.length; i++) {
                w.write(Instant.ofEpochMilli(times[i]) + "," + equity[i] + "\n");
            }
        });
    }

    /**
     * Writes {@code exposure.csv} ({@value #EXPOSURE_HEADER}): position value is equity minus cash;
     * exposure is position value over equity (negative when short).
     *
     * @param times  close times, epoch ms, one per bar
     * @param equity equity at each close
     * @param cash   cash at each close
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void writeExposure(long[] times, double[] equity, double[] cash, Path dir) {
        sameLength(times, equity, "equity");
        sameLength(times, cash, "cash");
        createDirectories(dir);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("exposure.csv"), w -> {
            w.write(EXPOSURE_HEADER + "\n");
            for (int i = 0; i < times.length; i++) {
                double value = equity[i] - cash[i];
                w.write(Instant.ofEpochMilli(times[i]) + "," + cash[i] + "," + value + "," + value / equity[i] + "\n");
            }
        });
    }

    /**
     * Writes {@code backtest.json}: the performance figures, {@code null} where a figure is not
     * defined (no trades, too few returns), and the number of fills.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void writeMetrics(PerformanceMetrics p, int fills, Path dir) {
        Checks.notNull(p, "p");
        Checks.nonNegative(fills, "fills");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_return", p.totalReturn());
        m.put("sharpe", p.sharpe());
        m.put("sortino", p.sortino());
        m.put("calmar", p.calmar());
        m.put("max_drawdown", p.maxDrawdown());
        m.put("win_rate", Double.isFinite(p.winRate()) ? p.winRate() : null);
        m.put("profit_factor", Double.isFinite(p.profitFactor()) ? p.profitFactor() : null);
        m.put("turnover", p.turnover());
        m.put("costs", p.costs());
        m.put("trades", p.trades());
        m.put("fills", fills);
        m.put("psr", Double.isFinite(p.psr()) ? p.psr() : null);
        m.put("dsr", Double.isFinite(p.dsr()) ? p.dsr() : null);
        createDirectories(dir);
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(m);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("backtest.json"), w -> w.write(json));
    }

    /**
     * Net PnL of each closed round trip (flat to flat, fees included) of the fills of one
     * instrument, in order, as the backtester counts them.
     */
    public static double[] closedTrips(List<Fill> fills) {
        RoundTrips trips = new RoundTrips();
        fills.forEach(trips::onFill);
        return trips.closedTrips();
    }

    /**
     * Cash at each close, rebuilt backwards from the final cash: a fill after the close has not
     * yet moved it.
     */
    private static double[] cashAtCloses(long[] times, List<Fill> fills, double finalCash) {
        double[] cash = new double[times.length];
        double c = finalCash;
        int k = fills.size() - 1;
        for (int i = times.length - 1; i >= 0; i--) {
            while (k >= 0 && fills.get(k).time().toEpochMilli() > times[i]) {
                Fill f = fills.get(k--);
                c += f.signedQuantity() * f.price() + f.fee();
            }
            cash[i] = c;
        }
        return cash;
    }

    private static void sameLength(long[] times, double[] values, String name) {
        Checks.notNull(times, "times");
        Checks.notNull(values, name);
        if (values.length != times.length) {
            throw new IllegalArgumentException(name + " must have one value per time (" + times.length + ") but had "
                    + values.length);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + IoErrors.reason(e), e);
        }
    }
}
