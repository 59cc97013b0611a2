package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
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
        Checks.notNull(cfg, "cfg");
        Checks.notBlank(kind, "kind");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + IoErrors.reason(e), e);
        }
        writeTrades(result.fills(), dir);
        writeExposure(result, dir);
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

    private static void writeTrades(List<Fill> fills, Path dir) {
        AtomicFileWriter.writeTextUnchecked(dir.resolve("trades.csv"), w -> {
            w.write(TRADES_HEADER + "\n");
            for (Fill f : fills) {
                w.write(f.time() + "," + f.clientOrderId() + "," + f.side() + "," + f.quantity() + "," + f.price() + ","
                        + f.notional() + "," + f.fee() + "\n");
            }
        });
    }

    /**
     * Cash at each close is rebuilt backwards from the final cash: a fill after the close has not
     * yet moved it. Position value is equity minus cash; exposure is position value over equity
     * (negative when short).
     */
    private static void writeExposure(BacktestResult r, Path dir) {
        long[] times = r.times();
        double[] equity = r.equity();
        List<Fill> fills = r.fills();
        double[] cash = new double[times.length];
        double c = r.portfolio().cash();
        int k = fills.size() - 1;
        for (int i = times.length - 1; i >= 0; i--) {
            while (k >= 0 && fills.get(k).time().toEpochMilli() > times[i]) {
                Fill f = fills.get(k--);
                c += f.signedQuantity() * f.price() + f.fee();
            }
            cash[i] = c;
        }
        AtomicFileWriter.writeTextUnchecked(dir.resolve("exposure.csv"), w -> {
            w.write(EXPOSURE_HEADER + "\n");
            for (int i = 0; i < times.length; i++) {
                double value = equity[i] - cash[i];
                w.write(Instant.ofEpochMilli(times[i]) + "," + cash[i] + "," + value + "," + value / equity[i] + "\n");
            }
        });
    }
}
