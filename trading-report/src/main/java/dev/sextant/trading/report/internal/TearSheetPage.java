package dev.sextant.trading.report.internal;

import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.report.ChartLibrary;
import dev.sextant.trading.report.internal.Analytics.Heatmap;
import dev.sextant.trading.report.internal.Analytics.Reliability;
import dev.sextant.trading.report.internal.Analytics.Underwater;
import dev.sextant.trading.report.internal.ReportFolder.Importance;
import dev.sextant.trading.report.internal.ReportFolder.Predictions;
import dev.sextant.trading.report.internal.ReportFolder.Series;
import dev.sextant.trading.report.internal.ReportFolder.TradeRow;
import dev.sextant.trading.report.internal.ReportFolder.TreeGains;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link ReportFolder} as one self-contained HTML page: sections whose data exist, each
 * chart an ECharts option in one JSON block, the ECharts bundle inlined, and a list of the
 * sections that are absent and why.
 */
public final class TearSheetPage {
    /** Points plotted per time-series chart at most. */
    static final int MAX_POINTS = 4_000;
    /** Trades listed at most (the most recent). */
    static final int MAX_TRADES = 500;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String[] CLASSES = {"SELL", "HOLD", "BUY"};

    private final ReportFolder folder;
    private final StringBuilder body = new StringBuilder();
    private final Map<String, Object> charts = new LinkedHashMap<>();
    private final List<String> absent = new ArrayList<>();

    private TearSheetPage(ReportFolder folder) {
        this.folder = folder;
    }

    /** The page for {@code folder}. */
    public static String render(ReportFolder folder) {
        return new TearSheetPage(folder).build();
    }

    /** The chart ids a page of {@code folder} holds, in order (for tests). */
    public static List<String> chartIds(ReportFolder folder) {
        TearSheetPage p = new TearSheetPage(folder);
        p.build();
        return List.copyOf(p.charts.keySet());
    }

    private String build() {
        JsonNode metrics = folder.metrics().or(folder::backtest).orElse(null);
        String metricsFile = folder.metrics().isPresent() ? "metrics.json" : "backtest.json";
        String kind = folder.run().flatMap(r -> ReportFolder.string(r, "kind", "run.json"))
                .orElse(folder.metrics().isPresent() ? "walk-forward" : folder.backtest().isPresent() ? "backtest"
                        : folder.state().isPresent() ? "paper" : "report");
        double ppy = folder.run().map(r -> ReportFolder.number(r, "periods_per_year", "run.json")).filter(v -> v > 0)
                .orElseGet(() -> folder.equity().map(e -> Analytics.inferPeriodsPerYear(e.times())).orElse(Double.NaN));
        boolean ppyInferred = folder.run().map(r -> !(ReportFolder.number(r, "periods_per_year", "run.json") > 0)).orElse(true);

        summary(metrics, metricsFile, kind, ppy, ppyInferred);
        sharpeSignificance(metrics, metricsFile);
        equitySections(ppy);
        exposure();
        trades(metrics);
        folds();
        predictions(metrics);
        importance();
        paperState();
        return page(kind);
    }

    // ---------------------------------------------------------------- sections

    private void summary(JsonNode metrics, String file, String kind, double ppy, boolean ppyInferred) {
        section("summary", "Summary");
        List<String[]> rows = new ArrayList<>();
        folder.run().ifPresent(r -> {
            ReportFolder.string(r, "instrument", "run.json").ifPresent(v -> rows.add(new String[] {"instrument", v}));
            ReportFolder.string(r, "time_frame", "run.json").ifPresent(v -> rows.add(new String[] {"bar time frame", v}));
        });
        folder.equity().filter(e -> e.size() > 0).ifPresent(e -> {
            rows.add(new String[] {"period", time(e.times()[0]) + " .. " + time(e.times()[e.size() - 1])});
            rows.add(new String[] {"bars", Integer.toString(e.size())});
            rows.add(new String[] {"span", fmt(Analytics.spanDays(e.times()), 2) + " days"});
        });
        if (Double.isFinite(ppy)) {
            rows.add(new String[] {"periods per year", fmt(ppy, 1) + (ppyInferred ? " (inferred from the bar spacing)" : "")});
        }
        table(new String[] {"", ""}, rows);
        if (metrics != null) {
            List<String[]> m = new ArrayList<>();
            double total = ReportFolder.number(metrics, "total_return", file);
            if (Double.isNaN(total) && folder.equity().isPresent() && folder.equity().get().size() > 1) {
                double[] e = folder.equity().get().values();
                total = e[e.length - 1] / e[0] - 1;
                m.add(new String[] {"total return (from equity.csv, first to last point)", pct(total)});
            } else {
                m.add(new String[] {"total return", pct(total)});
            }
            boolean shortSample = folder.equity().map(e -> Analytics.tooShortToAnnualise(e.times())).orElse(false);
            String star = shortSample ? " *" : "";
            m.add(new String[] {"Sharpe ratio (annualised)" + star, fmt(ReportFolder.number(metrics, "sharpe", file), 2)});
            m.add(new String[] {"Sortino ratio (annualised)" + star, fmt(ReportFolder.number(metrics, "sortino", file), 2)});
            m.add(new String[] {"Calmar ratio (annualised)" + star, fmt(ReportFolder.number(metrics, "calmar", file), 2)});
            m.add(new String[] {"maximum drawdown", pct(ReportFolder.number(metrics, "max_drawdown", file))});
            m.add(new String[] {"closed trades", fmt(ReportFolder.number(metrics, "trades", file), 0)});
            m.add(new String[] {"win rate", pct(ReportFolder.number(metrics, "win_rate", file))});
            m.add(new String[] {"profit factor", fmt(ReportFolder.number(metrics, "profit_factor", file), 2)});
            m.add(new String[] {"turnover (traded notional / average equity)", fmt(ReportFolder.number(metrics, "turnover", file), 1)});
            m.add(new String[] {"costs (fees and slippage)", fmt(ReportFolder.number(metrics, "costs", file), 2)});
            body.append("<h3>Performance <span class=src>(").append(file).append(")</span></h3>");
            table(new String[] {"metric", "value"}, m);
            if (shortSample) {
                Series e = folder.equity().get();
                body.append("<p class=warn id=sample-too-small><b>* The sample is too small for annualised figures to mean"
                        + " anything.</b> It spans ").append(fmt(Analytics.spanDays(e.times()), 1)).append(" days (")
                        .append(e.size() - 1).append(" returns); the Sharpe, Sortino and Calmar ratios above and the rolling"
                        + " Sharpe below scale it up to a year as if it repeated. Under a year of data (or under ")
                        .append(Analytics.MIN_RETURNS).append(" returns) read the total return, the drawdown and the"
                        + " probabilistic Sharpe ratio (which accounts for the sample's length) instead.</p>");
            }
        } else {
            absent.add("Performance metrics: no metrics.json or backtest.json");
        }
        close();
    }

    private void sharpeSignificance(JsonNode metrics, String file) {
        if (metrics == null || !metrics.has("psr")) {
            absent.add("PSR and DSR: no metrics.json or backtest.json with psr and dsr");
            return;
        }
        section("significance", "Is the Sharpe ratio real? PSR and DSR");
        double psr = ReportFolder.number(metrics, "psr", file);
        double dsr = ReportFolder.number(metrics, "dsr", file);
        Optional<Integer> trials = folder.run().map(r -> ReportFolder.number(r, "trials", "run.json"))
                .filter(Double::isFinite).map(Double::intValue);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PSR: probability that the true Sharpe ratio is above 0", fmt(psr, 3)});
        rows.add(new String[] {"DSR: the same, against the best of the trials by luck alone", fmt(dsr, 3)});
        rows.add(new String[] {"trials counted by the DSR", trials.map(String::valueOf)
                .orElse("not recorded (no run.json): the DSR shown used the count given to the run")});
        folder.equity().filter(e -> e.size() > 2).ifPresent(e -> {
            double[] r = Analytics.returns(e.values());
            double mean = Arrays.stream(r).average().orElse(0);
            double var = Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (r.length - 1);
            double sr = var > 0 ? mean / Math.sqrt(var) : 0;
            rows.add(new String[] {"Sharpe ratio per bar (not annualised), from equity.csv", fmt(sr, 4)});
            trials.ifPresent(t -> rows.add(new String[] {"Sharpe per bar expected from the best of " + t
                    + " unskilled trials", fmt(PerformanceMetrics.expectedMaxSharpe(t, (1 + sr * sr / 2) / (r.length - 1)), 4)}));
        });
        table(new String[] {"", ""}, rows);
        body.append("<p class=note>PSR (Bailey and López de Prado, 2012) and DSR (2014) use the per-bar Sharpe ratio, the"
                + " number of returns, their skewness and kurtosis. The DSR falls as more configurations are tried: pass"
                + " <code>--trials N</code> with the number of configurations you tried before this one.</p>");
        close();
    }

    private void equitySections(double ppy) {
        Optional<Series> eq = folder.equity().filter(e -> e.size() > 1);
        if (eq.isEmpty()) {
            absent.add("Equity, drawdown, underwater periods, rolling Sharpe and returns heatmap: no equity.csv with two or more"
                    + " points");
            return;
        }
        long[] t = eq.get().times();
        double[] e = eq.get().values();
        section("equity", "Equity and drawdown");
        chart("chart-equity", timeLine("Equity", t, e, "equity", "#2c6fbb", false));
        double[] dd = Analytics.drawdown(e);
        double[] ddPct = Arrays.stream(dd).map(x -> 100 * x).toArray();
        chart("chart-drawdown", timeLine("Drawdown (underwater), %", t, ddPct, "drawdown %", "#c0392b", true));
        List<Underwater> spells = Analytics.underwater(t, e);
        body.append("<h3>Underwater periods</h3>");
        if (spells.isEmpty()) {
            body.append("<p>Equity never fell below a previous peak.</p>");
        } else {
            List<String[]> rows = new ArrayList<>();
            for (Underwater u : spells.subList(0, Math.min(5, spells.size()))) {
                rows.add(new String[] {time(u.start()), time(u.trough()), u.end() < 0 ? "not recovered" : time(u.end()),
                        pct(u.depth()), Integer.toString(u.bars())});
            }
            body.append("<p>").append(spells.size()).append(" spells below a previous peak; the deepest ")
                    .append(Math.min(5, spells.size())).append(":</p>");
            table(new String[] {"peak", "trough", "recovered", "depth", "bars"}, rows);
        }
        close();

        double[] r = Analytics.returns(e);
        if (Double.isFinite(ppy) && r.length >= 2 * 20) {
            section("rolling-sharpe", "Rolling Sharpe ratio");
            int w = Analytics.rollingWindow(r.length, ppy);
            double[] rs = Analytics.rollingSharpe(r, w, ppy);
            body.append("<p class=note>Annualised Sharpe ratio of the last ").append(w).append(" returns at each bar.</p>");
            chart("chart-rolling-sharpe", timeLine("Rolling Sharpe (" + w + " bars, annualised)",
                    Arrays.copyOfRange(t, 1, t.length), rs, "Sharpe", "#8e44ad", false));
            close();
        } else {
            absent.add("Rolling Sharpe: fewer than 40 returns or no bar frequency");
        }

        Heatmap h = Analytics.returnsHeatmap(t, e);
        section("heatmap", "Returns heatmap");
        body.append("<p class=note>Each cell: the ").append(esc(h.title())).append(", compounded, in %.</p>");
        chart("chart-heatmap", heatmap(h));
        close();
    }

    private void exposure() {
        Optional<Series> x = folder.exposure().filter(s -> s.size() > 0);
        if (x.isEmpty()) {
            absent.add("Exposure: no exposure.csv");
            return;
        }
        section("exposure", "Exposure");
        double[] v = x.get().values();
        double inMarket = Arrays.stream(v).filter(a -> Math.abs(a) > 1e-12).count() / (double) v.length;
        double avg = Arrays.stream(v).map(Math::abs).average().orElse(0);
        body.append("<p>Position value over equity at each bar's close (negative when short). In the market ")
                .append(pct(inMarket)).append(" of bars; average absolute exposure ").append(pct(avg)).append(".</p>");
        chart("chart-exposure", timeLine("Exposure, % of equity", x.get().times(),
                Arrays.stream(v).map(a -> 100 * a).toArray(), "exposure %", "#16a085", true));
        close();
    }

    private void trades(JsonNode metrics) {
        Optional<List<TradeRow>> tr = folder.trades();
        if (tr.isEmpty()) {
            absent.add("Trade list: no trades.csv");
            return;
        }
        List<TradeRow> all = tr.get();
        section("trades", "Trades and costs");
        double fees = all.stream().mapToDouble(TradeRow::fee).sum();
        double notional = all.stream().mapToDouble(TradeRow::notional).sum();
        String file = folder.metrics().isPresent() ? "metrics.json" : "backtest.json";
        double costs = metrics == null ? Double.NaN : ReportFolder.number(metrics, "costs", file);
        List<String[]> totals = new ArrayList<>();
        totals.add(new String[] {"fills", Integer.toString(all.size())});
        totals.add(new String[] {"traded notional", fmt(notional, 2)});
        totals.add(new String[] {"fees", fmt(fees, 2) + (notional > 0 ? " (" + fmt(1e4 * fees / notional, 2) + " bps)" : "")});
        if (Double.isFinite(costs)) {
            double slip = costs - fees;
            totals.add(new String[] {"slippage against each fill bar's open", fmt(slip, 2)
                    + (notional > 0 ? " (" + fmt(1e4 * slip / notional, 2) + " bps)" : "")});
            totals.add(new String[] {"total costs", fmt(costs, 2)});
        }
        table(new String[] {"", ""}, totals);
        if (all.isEmpty()) {
            body.append("<p>No fills.</p>");
        } else {
            List<TradeRow> shown = all.subList(Math.max(0, all.size() - MAX_TRADES), all.size());
            if (shown.size() < all.size()) {
                body.append("<p class=note>The last ").append(shown.size()).append(" of ").append(all.size())
                        .append(" fills (all are in trades.csv).</p>");
            }
            List<String[]> rows = new ArrayList<>();
            for (TradeRow f : shown) {
                rows.add(new String[] {time(f.time()), f.orderId(), f.side(), fmt(f.quantity(), 6), fmt(f.price(), 4),
                        fmt(f.notional(), 2), fmt(f.fee(), 4)});
            }
            body.append("<div class=scroll>");
            table(new String[] {"time", "order", "side", "quantity", "price", "notional", "fee"}, rows);
            body.append("</div>");
        }
        close();
    }

    private void folds() {
        Optional<JsonNode> f = folder.folds().filter(a -> !a.isEmpty());
        if (f.isEmpty()) {
            absent.add("Per-fold metrics: no folds.json (a backtest or paper session has no folds)");
            return;
        }
        section("folds", "Walk-forward folds");
        List<String[]> rows = new ArrayList<>();
        List<Object> acc = new ArrayList<>();
        List<Object> ll = new ArrayList<>();
        List<Object> prior = new ArrayList<>();
        List<Object> dir = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        for (JsonNode fold : f.get()) {
            String where = "folds.json[" + i++ + "]";
            if (!fold.isObject()) {
                throw new dev.sextant.trading.report.ReportFormatException("folds.json", 0, where, fold.toString(),
                        "must be a JSON object");
            }
            int k = (int) ReportFolder.number(fold, "fold", where);
            names.add("fold " + k);
            double a = ReportFolder.number(fold, "accuracy", where);
            double l = ReportFolder.number(fold, "logLoss", where);
            double p = ReportFolder.number(fold, "priorLogLoss", where);
            double d = ReportFolder.number(fold, "directionalAccuracy", where);
            acc.add(jsonNumber(a));
            ll.add(jsonNumber(l));
            prior.add(jsonNumber(p));
            dir.add(jsonNumber(d));
            rows.add(new String[] {Integer.toString(k), time((long) ReportFolder.number(fold, "trainFrom", where)) + " .. "
                    + time((long) ReportFolder.number(fold, "trainTo", where)),
                    time((long) ReportFolder.number(fold, "testFrom", where)) + " .. "
                    + time((long) ReportFolder.number(fold, "testTo", where)),
                    fmt(ReportFolder.number(fold, "testBars", where), 0), fmt(a, 4), fmt(l, 4), fmt(p, 4), fmt(d, 4)});
        }
        Map<String, Object> o = base("Out-of-sample figures per fold");
        o.put("legend", Map.of("top", 28));
        o.put("xAxis", Map.of("type", "category", "data", names));
        o.put("yAxis", List.of(Map.of("type", "value", "name", "accuracy", "min", 0, "max", 1),
                Map.of("type", "value", "name", "log loss", "scale", true)));
        o.put("series", List.of(
                Map.of("name", "3-class accuracy", "type", "bar", "data", acc),
                Map.of("name", "directional accuracy", "type", "bar", "data", dir),
                Map.of("name", "log loss", "type", "line", "yAxisIndex", 1, "data", ll),
                Map.of("name", "prior log loss", "type", "line", "yAxisIndex", 1, "data", prior,
                        "lineStyle", Map.of("type", "dashed"))));
        chart("chart-folds", o);
        table(new String[] {"fold", "training", "test", "test bars", "accuracy", "log loss", "prior log loss",
            "directional accuracy"}, rows);
        close();
    }

    private void predictions(JsonNode metrics) {
        Optional<Predictions> pr = folder.predictions();
        if (pr.isEmpty()) {
            absent.add("Calibration reliability diagram and confusion matrix: no predictions.csv (only walk-forward and demo"
                    + " reports have out-of-sample predictions)");
            return;
        }
        Predictions p = pr.get();
        long labelled = Arrays.stream(p.labels()).filter(l -> l >= 0).count();
        if (labelled == 0) {
            absent.add("Calibration reliability diagram and confusion matrix: predictions.csv has no labelled rows");
            return;
        }
        Reliability raw = Analytics.reliability(p.raw(), p.labels());
        Reliability cal = Analytics.reliability(p.calibrated(), p.labels());
        section("calibration", "Calibration: reliability before and after");
        body.append("<p>").append(labelled).append(" labelled out-of-sample predictions, binned by the confidence of the"
                + " top class into ").append(raw.count().length).append(" bins. On the diagonal, a stated 60% is right 60%"
                + " of the time. ECE ").append(fmt(raw.ece(), 4)).append(" before calibration, ").append(fmt(cal.ece(), 4))
                .append(" after.</p>");
        Map<String, Object> o = base("Reliability diagram");
        o.put("legend", Map.of("top", 28));
        o.put("xAxis", Map.of("type", "value", "name", "confidence", "min", 0, "max", 1));
        o.put("yAxis", Map.of("type", "value", "name", "accuracy", "min", 0, "max", 1));
        o.put("series", List.of(
                Map.of("name", "perfect calibration", "type", "line", "data", List.of(List.of(0, 0), List.of(1, 1)),
                        "symbol", "none", "lineStyle", Map.of("type", "dashed", "color", "#999")),
                Map.of("name", "before calibration", "type", "line", "data", reliabilityPoints(raw), "color", "#e67e22"),
                Map.of("name", "after calibration", "type", "line", "data", reliabilityPoints(cal), "color", "#2c6fbb")));
        chart("chart-reliability", o);
        close();

        section("confusion", "Confusion matrix");
        int[][] m = Analytics.confusion(p.calibrated(), p.labels());
        List<Object> cells = new ArrayList<>();
        int max = 1;
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                cells.add(List.of(x, y, m[y][x]));
                max = Math.max(max, m[y][x]);
            }
        }
        body.append("<p>Rows: the realised label; columns: the calibrated prediction's top class.</p>");
        Map<String, Object> o2 = base("Confusion matrix (counts)");
        o2.put("xAxis", Map.of("type", "category", "data", List.of(CLASSES), "name", "predicted"));
        o2.put("yAxis", Map.of("type", "category", "data", List.of(CLASSES), "name", "realised"));
        o2.put("visualMap", Map.of("min", 0, "max", max, "calculable", true, "orient", "horizontal", "left", "center",
                "bottom", 0, "inRange", Map.of("color", List.of("#f7fbff", "#08519c"))));
        o2.put("grid", Map.of("top", 50, "bottom", 80, "left", 80, "right", 30));
        o2.put("series", List.of(Map.of("name", "rows", "type", "heatmap", "data", cells, "label", Map.of("show", true))));
        chart("chart-confusion", o2);
        close();
    }

    private static List<Object> reliabilityPoints(Reliability r) {
        List<Object> pts = new ArrayList<>();
        for (int b = 0; b < r.count().length; b++) {
            if (r.count()[b] > 0) {
                pts.add(List.of(r.confidence()[b], r.accuracy()[b], r.count()[b]));
            }
        }
        return pts;
    }

    private void importance() {
        Optional<Importance> imp = folder.importance().filter(i -> !i.features().isEmpty());
        Optional<TreeGains> gains = folder.treeGains().filter(g -> !g.features().isEmpty());
        if (gains.isEmpty()) {
            absent.add("Tree gain importance: no tree_gain.csv; the models have no trees (walk-forward, backtest and demo"
                    + " write it for tree models such as xgboost)");
        }
        if (imp.isEmpty()) {
            absent.add("Permutation importance: no feature_importance.csv (walk-forward and demo write it when the models read"
                    + " one feature vector per bar)");
        }
        if (imp.isEmpty() && gains.isEmpty()) {
            return;
        }
        section("importance", "Feature importance");
        if (gains.isEmpty()) {
            body.append("<p>Tree gain: the models have no trees, so there is no split gain to show.</p>");
        } else {
            double[] share = gains.get().share();
            body.append("<p>Tree gain: each feature's share of the total training-loss reduction of the trees' splits"
                    + " (summed over the models and folds). It says what the trees were built from, measured on training"
                    + " rows; permutation importance says what helps out of sample.</p>");
            barChart("chart-tree-gain", "Tree gain (share of total split gain)", "gain share", gains.get().features(), share,
                    "#3a8f5c");
        }
        if (imp.isEmpty()) {
            body.append("<p>Permutation importance: not measured (the models read a window of bars).</p>");
        } else {
            body.append("<p>Permutation importance on held-out rows: how much the out-of-sample log loss rises when one"
                    + " feature is shuffled among a fold's test rows. Near 0 or below: the model does not rely on it out of"
                    + " sample.</p>");
            barChart("chart-importance", "Permutation importance (log-loss increase)", "log-loss increase",
                    imp.get().features(), imp.get().permutation(), "#2c6fbb");
        }
        close();
    }

    /** A horizontal bar chart of one value per feature, largest at the top. */
    private void barChart(String id, String title, String series, List<String> features, double[] v, String color) {
        Integer[] order = new Integer[features.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i : order) {
            names.add(features.get(i));
            values.add(v[i]);
        }
        Map<String, Object> o = base(title);
        o.put("grid", Map.of("left", 140, "right", 30, "top", 40, "bottom", 30));
        o.put("xAxis", Map.of("type", "value"));
        o.put("yAxis", Map.of("type", "category", "data", names));
        o.put("series", List.of(Map.of("name", series, "type", "bar", "data", values, "color", color)));
        chart(id, o, 24 * names.size() + 80);
    }

    private void paperState() {
        if (folder.state().isEmpty()) {
            return;
        }
        JsonNode s = folder.state().get();
        section("paper", "Paper session state");
        List<String[]> rows = new ArrayList<>();
        s.properties().forEach(e -> rows.add(new String[] {e.getKey().replace('_', ' '),
                e.getValue().isNumber() ? fmt(e.getValue().asDouble(), e.getValue().isIntegralNumber() ? 0 : 2)
                        : e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()}));
        table(new String[] {"", ""}, rows);
        close();
    }

    // ---------------------------------------------------------------- chart options

    private static Map<String, Object> base(String title) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("title", Map.of("text", title, "left", "left", "textStyle", Map.of("fontSize", 14)));
        o.put("tooltip", Map.of("trigger", "item"));
        o.put("grid", Map.of("left", 70, "right", 40, "top", 60, "bottom", 40));
        return o;
    }

    private static Map<String, Object> timeLine(String title, long[] t, double[] v, String name, String color, boolean area) {
        int[] keep = Analytics.thin(v, MAX_POINTS);
        List<Object> data = new ArrayList<>(keep.length);
        for (int i : keep) {
            data.add(Arrays.asList(t[i], jsonNumber(v[i])));
        }
        Map<String, Object> o = base(title);
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("xAxis", Map.of("type", "time"));
        o.put("yAxis", Map.of("type", "value", "scale", true));
        o.put("dataZoom", List.of(Map.of("type", "inside"), Map.of("type", "slider", "height", 18, "bottom", 4)));
        o.put("grid", Map.of("left", 70, "right", 40, "top", 40, "bottom", 50));
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("type", "line");
        series.put("showSymbol", false);
        series.put("data", data);
        series.put("color", color);
        series.put("connectNulls", false);
        if (area) {
            series.put("areaStyle", Map.of("opacity", 0.3));
        }
        o.put("series", List.of(series));
        return o;
    }

    private static Map<String, Object> heatmap(Heatmap h) {
        double max = 1e-9;
        List<Object> cells = new ArrayList<>();
        for (double[] c : h.cells()) {
            double v = 100 * c[2];
            max = Math.max(max, Math.abs(v));
            cells.add(List.of((int) c[0], (int) c[1], Math.round(v * 1e4) / 1e4));
        }
        Map<String, Object> o = base("Returns by " + h.title() + ", %");
        o.put("xAxis", Map.of("type", "category", "data", h.cols(), "splitArea", Map.of("show", true)));
        o.put("yAxis", Map.of("type", "category", "data", h.rows(), "splitArea", Map.of("show", true)));
        o.put("visualMap", Map.of("min", -max, "max", max, "precision", 3, "calculable", true, "orient", "horizontal", "left", "center",
                "bottom", 0, "inRange", Map.of("color", List.of("#c0392b", "#f7f7f7", "#27ae60"))));
        o.put("grid", Map.of("left", 90, "right", 30, "top", 40, "bottom", 80));
        o.put("series", List.of(Map.of("name", h.title(), "type", "heatmap", "data", cells,
                "label", Map.of("show", h.cells().size() <= 120, "fontSize", 10))));
        return o;
    }

    /** A number for ECharts: null for NaN and infinities (a gap). */
    private static Double jsonNumber(double v) {
        return Double.isFinite(v) ? v : null;
    }

    // ---------------------------------------------------------------- HTML

    private void chart(String id, Map<String, Object> option) {
        chart(id, option, 320);
    }

    private void chart(String id, Map<String, Object> option, int height) {
        charts.put(id, option);
        body.append("<div class=chart id=").append(id).append(" style=\"height:").append(height).append("px\"></div>\n");
    }

    private void section(String id, String title) {
        body.append("<section id=").append(id).append("><h2>").append(esc(title)).append("</h2>\n");
    }

    private void close() {
        body.append("</section>\n");
    }

    private void table(String[] header, List<String[]> rows) {
        body.append("<table>");
        if (!String.join("", header).isEmpty()) {
            body.append("<thead><tr>");
            for (String h : header) {
                body.append("<th>").append(esc(h)).append("</th>");
            }
            body.append("</tr></thead>");
        }
        body.append("<tbody>");
        for (String[] r : rows) {
            body.append("<tr>");
            for (String c : r) {
                body.append("<td>").append(esc(c)).append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</tbody></table>\n");
    }

    private String page(String kind) {
        StringBuilder h = new StringBuilder(ChartLibrary.echartsJs().length() + body.length() + 64 * 1024);
        String title = "Sextant tear sheet: " + kind + " report " + folder.dir().toAbsolutePath().normalize().getFileName();
        h.append("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n<title>").append(esc(title)).append("</title>\n")
                .append("<meta name=viewport content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=generator content=\"Sextant trading-report; charts: Apache ECharts ")
                .append(ChartLibrary.ECHARTS_VERSION).append(" (Apache-2.0)\">\n<style>\n").append(CSS).append("</style>\n")
                .append("</head><body>\n<header><h1>").append(esc(title)).append("</h1></header>\n<main>\n");
        h.append(body);
        h.append("<section id=absent><h2>Not in this report</h2>");
        if (absent.isEmpty()) {
            h.append("<p>Every section had its data.</p>");
        } else {
            h.append("<ul>");
            absent.forEach(a -> h.append("<li>").append(esc(a)).append("</li>"));
            h.append("</ul>");
        }
        h.append("</section>\n</main>\n<footer>Charts by Apache ECharts ").append(ChartLibrary.ECHARTS_VERSION)
                .append(", Apache License 2.0, inlined below; this page loads nothing from the network.</footer>\n");
        h.append("<script>\n").append(ChartLibrary.echartsJs().replace("</script", "<\\/script")).append("\n</script>\n");
        h.append("<script id=sextant-charts type=\"application/json\">")
                .append(JSON.writeValueAsString(charts).replace("</", "<\\/")).append("</script>\n");
        h.append("<script>\n").append(BOOT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#fafafa}
            header{background:#1f3b57;color:#fff;padding:12px 24px}h1{font-size:20px;margin:0}
            main{max-width:1180px;margin:0 auto;padding:8px 24px}
            section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px 16px;margin:14px 0}
            h2{font-size:17px;margin:6px 0 10px}h3{font-size:15px;margin:10px 0 6px}.src{color:#888;font-weight:normal}
            table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{border-bottom:1px solid #eee;padding:3px 10px;text-align:left}
            th{background:#f3f5f7}.scroll{max-height:360px;overflow:auto}.chart{width:100%}
            .warn{background:#fff4e5;border-left:4px solid #e67e22;padding:8px 12px}.note{color:#555;font-size:13px}
            footer{color:#777;font-size:12px;text-align:center;padding:16px}
            """;

    private static final String BOOT = """
            (function () {
              var specs = JSON.parse(document.getElementById('sextant-charts').textContent);
              window.sextantCharts = {};
              Object.keys(specs).forEach(function (id) {
                var chart = echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
                chart.setOption(specs[id]);
                window.sextantCharts[id] = chart;
              });
              window.addEventListener('resize', function () {
                Object.keys(window.sextantCharts).forEach(function (id) { window.sextantCharts[id].resize(); });
              });
            })();
            """;

    // ---------------------------------------------------------------- formatting

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "n/a";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "n/a";
    }

    private static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
