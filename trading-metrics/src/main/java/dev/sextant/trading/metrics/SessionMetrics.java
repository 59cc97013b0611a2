package dev.sextant.trading.metrics;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import dev.sextant.trading.live.SessionObserver;
import dev.sextant.trading.risk.RiskEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of a {@link dev.sextant.trading.live.TradingSession}: register it as the
 * session's {@link SessionObserver} and bind it to a registry.
 *
 * <table>
 *   <caption>Meters (Prometheus names in brackets)</caption>
 *   <tr><td>{@code sextant.decisions} [sextant_decisions_total]</td><td>counter, tag {@code outcome}: the decision's kind, e.g. {@code sent}, {@code rejected}, {@code hold}</td></tr>
 *   <tr><td>{@code sextant.orders} [sextant_orders_total]</td><td>counter: order requests sent</td></tr>
 *   <tr><td>{@code sextant.fills} [sextant_fills_total]</td><td>counter: fills received</td></tr>
 *   <tr><td>{@code sextant.rejects} [sextant_rejects_total]</td><td>counter, tags {@code source} ({@code risk} or {@code venue}) and {@code reason} (a reason code)</td></tr>
 *   <tr><td>{@code sextant.model.failures} [sextant_model_failures_total]</td><td>counter</td></tr>
 *   <tr><td>{@code sextant.kill.switch.trips} [sextant_kill_switch_trips_total]</td><td>counter, tag {@code trigger}</td></tr>
 *   <tr><td>{@code sextant.drift.alerts} [sextant_drift_alerts_total]</td><td>counter, tags {@code kind} ({@code feature_drift}, {@code prediction_drift}, {@code performance_degraded}) and {@code detector} ({@code psi}, {@code ks}, {@code page_hinkley}); bars held as out of distribution count in {@code sextant.decisions} with outcome {@code out_of_distribution}</td></tr>
 *   <tr><td>{@code sextant.decision.latency} [sextant_decision_latency_seconds]</td><td>timer with p50/p95/p99, tag {@code stage}: {@code signal}, {@code risk}, {@code broker}, {@code decision} (the whole bar)</td></tr>
 *   <tr><td>{@code sextant.journal.append} [sextant_journal_append_seconds]</td><td>timer with p50/p95/p99</td></tr>
 *   <tr><td>{@code sextant.equity}, {@code sextant.drawdown}, {@code sextant.gross.exposure}</td><td>gauges from the risk engine (drawdown as a fraction of the high-water mark)</td></tr>
 *   <tr><td>{@code sextant.kill.switch.tripped}</td><td>gauge: 1 when tripped, else 0</td></tr>
 *   <tr><td>{@code sextant.feed.staleness} [sextant_feed_staleness_seconds]</td><td>time since the last bar was journaled</td></tr>
 * </table>
 * Tag values come from closed sets (decision kinds, reason codes, triggers). Instrument tags
 * are opt-in ({@code instrumentTags}) because their number is the number of instruments traded.
 * {@link #close()} removes the meters from the registry. Thread-safe.
 */
public final class SessionMetrics implements MeterBinder, SessionObserver, AutoCloseable {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final RiskEngine risk;
    private final boolean instrumentTags;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Stage, Timer> latency = new EnumMap<>(Stage.class);
    private volatile MeterRegistry registry;
    private volatile long lastBarNanos = System.nanoTime();

    /**
     * @param risk           the session's risk engine (equity, drawdown, exposure, kill switch)
     * @param instrumentTags whether order and fill counters carry an {@code instrument} tag
     */
    public SessionMetrics(RiskEngine risk, boolean instrumentTags) {
        this.risk = Checks.notNull(risk, "risk");
        this.instrumentTags = instrumentTags;
    }

    @Override
    public synchronized void bindTo(MeterRegistry target) {
        Checks.notNull(target, "registry");
        if (registry != null) {
            throw new IllegalStateException("these session metrics are already bound to a registry");
        }
        registry = target;
        for (Stage stage : List.of(Stage.SIGNAL, Stage.RISK, Stage.BROKER, Stage.DECISION)) {
            latency.put(stage, keep(Timer.builder("sextant.decision.latency").description("Time per stage of a decision")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT)).publishPercentiles(PERCENTILES)
                    .register(target)));
        }
        latency.put(Stage.JOURNAL, keep(Timer.builder("sextant.journal.append").description("Time per journal append")
                .publishPercentiles(PERCENTILES).register(target)));
        keep(Gauge.builder("sextant.equity", risk, r -> r.snapshot().equity()).description("Equity").register(target));
        keep(Gauge.builder("sextant.drawdown", risk, r -> r.snapshot().drawdown())
                .description("Drawdown from the high-water mark, fraction").register(target));
        keep(Gauge.builder("sextant.gross.exposure", risk, r -> r.snapshot().grossExposure())
                .description("Gross exposure").register(target));
        keep(Gauge.builder("sextant.kill.switch.tripped", risk, r -> r.killSwitch().isTripped() ? 1 : 0)
                .description("1 while the kill switch is tripped").register(target));
        keep(TimeGauge.builder("sextant.feed.staleness", this, TimeUnit.NANOSECONDS, m -> System.nanoTime() - m.lastBarNanos)
                .description("Time since the last bar").register(target));
        // Zero-valued series exist from the start, so dashboards and alerts see them before the first event.
        counter("sextant.orders", "Order requests sent", Tags.empty());
        counter("sextant.fills", "Fills received", Tags.empty());
        counter("sextant.model.failures", "Bars on which the model failed", Tags.empty());
        counter("sextant.decisions", "Decisions by outcome", Tags.of("outcome", "sent"));
        counter("sextant.rejects", "Rejected orders by source and reason", Tags.of("source", "risk", "reason", "none"));
        counter("sextant.kill.switch.trips", "Kill-switch trips by trigger", Tags.of("trigger", "none"));
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    private void counter(String name, String description, Tags tags) {
        MeterRegistry target = registry;
        if (target == null) {
            return;
        }
        counters.computeIfAbsent(name + tags, k -> keep(Counter.builder(name).description(description).tags(tags)
                .register(target)));
    }

    private void increment(String name, String description, Tags tags) {
        MeterRegistry target = registry;
        if (target == null) {
            return;
        }
        counters.computeIfAbsent(name + tags, k -> {
            synchronized (this) {
                return keep(Counter.builder(name).description(description).tags(tags).register(target));
            }
        }).increment();
    }

    @Override
    public void onRecord(JournalRecord record) {
        switch (record.event()) {
            case JournalEvent.BarConsumed b -> lastBarNanos = System.nanoTime();
            case JournalEvent.DecisionMade d -> {
                increment("sextant.decisions", "Decisions by outcome", Tags.of("outcome", d.outcome().toLowerCase(Locale.ROOT)));
                if (d.outcome().equals("MODEL_FAILED")) {
                    increment("sextant.model.failures", "Bars on which the model failed", Tags.empty());
                }
            }
            case JournalEvent.OrderRequested o -> increment("sextant.orders", "Order requests sent",
                    instrumentTags ? Tags.of("instrument", o.instrument()) : Tags.empty());
            case JournalEvent.FillReceived f -> increment("sextant.fills", "Fills received",
                    instrumentTags ? Tags.of("instrument", f.instrument()) : Tags.empty());
            case JournalEvent.RiskDecided r when r.outcome().equals("REJECTED") -> increment("sextant.rejects",
                    "Rejected orders by source and reason", Tags.of("source", "risk", "reason",
                            r.reasonCodes().isEmpty() ? "unknown" : r.reasonCodes().getFirst()));
            case JournalEvent.VenueEventReceived v when v.kind().equals("REJECTED") -> {
                int colon = v.detail().indexOf(':');
                increment("sextant.rejects", "Rejected orders by source and reason", Tags.of("source", "venue", "reason",
                        colon > 0 ? v.detail().substring(0, colon) : "unknown"));
            }
            case JournalEvent.KillSwitchTripped k -> increment("sextant.kill.switch.trips", "Kill-switch trips by trigger",
                    Tags.of("trigger", k.trigger()));
            default -> {
            }
        }
    }

    @Override
    public void onDriftAlert(dev.sextant.trading.models.drift.DriftAlert alert) {
        String kind = switch (alert) {
            case dev.sextant.trading.models.drift.DriftAlert.FeatureDrift f -> "feature_drift";
            case dev.sextant.trading.models.drift.DriftAlert.PredictionDrift p -> "prediction_drift";
            case dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded d -> "performance_degraded";
        };
        increment("sextant.drift.alerts", "Drift alerts by kind and detector", Tags.of("kind", kind, "detector",
                alert.detector().label()));
    }

    @Override
    public void onLatency(Stage stage, long nanos) {
        Timer timer = latency.get(stage);
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Removes every meter of this binder from its registry. */
    @Override
    public synchronized void close() {
        MeterRegistry target = registry;
        if (target != null) {
            meters.forEach(target::remove);
            meters.clear();
            counters.clear();
            latency.clear();
            registry = null;
        }
    }
}
