package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import dev.sextant.trading.live.SessionObserver;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a service shows of a running {@link dev.sextant.trading.live.TradingSession}: the recent
 * decisions with their signal and risk reasons, the equity curve and drawdown, and the kill
 * switch's history. Register it on the session ({@code TradingSession.builder().observer(monitor)})
 * and hand both to {@link SignalService.Builder#session}.
 *
 * <p>Only the last {@code capacity} decisions and equity points are kept (oldest dropped), so a
 * long session uses bounded memory. Thread-safe: the session reports on its own thread, readers
 * read on theirs.
 */
public final class SessionMonitor implements SessionObserver {
    /** The default number of decisions and equity points kept: 2,000. */
    public static final int DEFAULT_CAPACITY = 2_000;

    private final RiskEngine risk;
    private final int capacity;
    private final ArrayDeque<DecisionEntry> decisions = new ArrayDeque<>();
    private final ArrayDeque<EquityPoint> equity = new ArrayDeque<>();
    private final ArrayDeque<KillSwitchEvent> killSwitch = new ArrayDeque<>();
    private final Map<String, JournalEvent.SignalGenerated> lastSignal = new HashMap<>();
    private final Map<String, JournalEvent.RiskDecided> lastRisk = new HashMap<>();
    private final ArrayDeque<String> driftAlerts = new ArrayDeque<>();

    /**
     * One decision of the session, with what led to it.
     *
     * @param seq           the journal sequence number of the decision record (a cursor for
     *                      {@code since})
     * @param time          the bar's close time
     * @param symbol        the instrument id
     * @param outcome       the decision's kind, e.g. {@code SENT}, {@code HOLD}, {@code REJECTED}
     * @param direction     the signal's direction, or empty when there was no signal (warm-up)
     * @param confidence    the signal's confidence, NaN when there was no signal
     * @param clientOrderId the order sent or proposed, or empty
     * @param reasons       reason codes of the risk checks that resized or rejected the order
     * @param explanation   the decision's note and the risk engine's message, may be empty
     */
    public record DecisionEntry(long seq, Instant time, String symbol, String outcome, String direction,
            double confidence, String clientOrderId, List<String> reasons, String explanation) {
        /** Validates and copies the list. */
        public DecisionEntry {
            Checks.notNull(time, "time");
            Checks.notBlank(symbol, "symbol");
            Checks.notBlank(outcome, "outcome");
            Checks.notNull(direction, "direction");
            Checks.notNull(clientOrderId, "clientOrderId");
            reasons = List.copyOf(reasons);
            Checks.notNull(explanation, "explanation");
        }
    }

    /**
     * Equity after a decision.
     *
     * @param time     the bar's close time
     * @param equity   equity, quote currency
     * @param drawdown fraction below the high-water mark, in [0, 1]
     */
    public record EquityPoint(Instant time, double equity, double drawdown) {
        /** Validates. */
        public EquityPoint {
            Checks.notNull(time, "time");
        }
    }

    /**
     * A trip or re-arm of the kill switch.
     *
     * @param seq     journal sequence number
     * @param time    session clock time
     * @param tripped true for a trip, false for a re-arm
     * @param detail  trigger and reason of a trip, operator and reason of a re-arm
     */
    public record KillSwitchEvent(long seq, Instant time, boolean tripped, String detail) {
        /** Validates. */
        public KillSwitchEvent {
            Checks.notNull(time, "time");
            Checks.notNull(detail, "detail");
        }
    }

    /** A monitor of the session whose risk engine is {@code risk}, keeping {@value #DEFAULT_CAPACITY} entries. */
    public SessionMonitor(RiskEngine risk) {
        this(risk, DEFAULT_CAPACITY);
    }

    /**
     * @param risk     the session's risk engine (equity and drawdown are read from it)
     * @param capacity decisions and equity points kept, at least 1
     */
    public SessionMonitor(RiskEngine risk, int capacity) {
        this.risk = Checks.notNull(risk, "risk");
        this.capacity = Checks.positive(capacity, "capacity");
    }

    /** The risk engine this monitor reads. */
    public RiskEngine risk() {
        return risk;
    }

    @Override
    public void onRecord(JournalRecord record) {
        switch (record.event()) {
            case JournalEvent.SignalGenerated s -> {
                synchronized (this) {
                    lastSignal.put(s.instrument(), s);
                }
            }
            case JournalEvent.RiskDecided r -> {
                synchronized (this) {
                    lastRisk.put(r.instrument(), r);
                }
            }
            case JournalEvent.DecisionMade d -> onDecision(record, d);
            case JournalEvent.KillSwitchTripped t -> add(killSwitch, new KillSwitchEvent(record.seq(), record.time(), true,
                    t.trigger() + ": " + t.reason()));
            case JournalEvent.KillSwitchRearmed r -> add(killSwitch, new KillSwitchEvent(record.seq(), record.time(), false,
                    r.operator() + ": " + r.reason()));
            default -> {
            }
        }
    }

    private void onDecision(JournalRecord record, JournalEvent.DecisionMade d) {
        RiskSnapshot snap = risk.snapshot();
        synchronized (this) {
            JournalEvent.SignalGenerated s = lastSignal.remove(d.instrument());
            boolean sameBar = s != null && s.barClose().equals(d.barClose());
            JournalEvent.RiskDecided r = lastRisk.remove(d.instrument());
            boolean sameOrder = r != null && !d.clientOrderId().isEmpty() && r.clientOrderId().equals(d.clientOrderId());
            String explanation = d.note();
            if (sameOrder && !r.message().isEmpty()) {
                explanation = explanation.isEmpty() ? r.message() : explanation + "; " + r.message();
            }
            add(decisions, new DecisionEntry(record.seq(), d.barClose(), d.instrument(), d.outcome(),
                    sameBar ? s.direction() : "", sameBar ? s.confidence() : Double.NaN, d.clientOrderId(),
                    sameOrder ? r.reasonCodes() : List.of(), explanation));
            add(equity, new EquityPoint(d.barClose(), snap.equity(), snap.drawdown()));
        }
    }

    private synchronized <T> void add(ArrayDeque<T> queue, T value) {
        if (queue.size() == capacity) {
            queue.removeFirst();
        }
        queue.addLast(value);
    }

    /**
     * The kept decisions whose sequence number is above {@code since}, oldest first, at most
     * {@code limit} (the oldest ones past {@code since}).
     */
    public synchronized List<DecisionEntry> decisionsSince(long since, int limit) {
        Checks.positive(limit, "limit");
        List<DecisionEntry> out = new ArrayList<>();
        for (DecisionEntry e : decisions) {
            if (e.seq() > since) {
                out.add(e);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The kept equity points, oldest first. */
    public synchronized List<EquityPoint> equityCurve() {
        return List.copyOf(equity);
    }

    /** The kept kill-switch trips and re-arms, oldest first. */
    public synchronized List<KillSwitchEvent> killSwitchEvents() {
        return List.copyOf(killSwitch);
    }

    /** The latest decision, if any. */
    public synchronized Optional<DecisionEntry> lastDecision() {
        return Optional.ofNullable(decisions.peekLast());
    }

    /** Drift alerts kept at most, the latest ones. */
    public static final int DRIFT_ALERTS_KEPT = 20;

    /**
     * Keeps the alert as one line (the newest {@value #DRIFT_ALERTS_KEPT}), for
     * {@link #driftAlerts()}. Alerts reach a session's observers when its signal source has a drift
     * guard ({@code TradingSession.Builder#driftListener()}).
     */
    @Override
    public void onDriftAlert(DriftAlert alert) {
        String what = switch (alert) {
            case DriftAlert.FeatureDrift f -> "feature " + f.feature() + " drifted";
            case DriftAlert.PredictionDrift p -> "predictions drifted";
            case DriftAlert.PerformanceDegraded d -> "performance degraded";
        };
        String line = String.format(Locale.ROOT, "%s %s: %s %s %.4f above threshold %.4f", alert.time(), alert.instrument(),
                what, alert.detector().name(), alert.statistic(), alert.threshold());
        synchronized (this) {
            if (driftAlerts.size() == DRIFT_ALERTS_KEPT) {
                driftAlerts.removeFirst();
            }
            driftAlerts.addLast(line);
        }
    }

    /** The kept drift alerts, one line each (time, instrument, what drifted, statistic and threshold), oldest first. */
    public synchronized List<String> driftAlerts() {
        return List.copyOf(driftAlerts);
    }
}
