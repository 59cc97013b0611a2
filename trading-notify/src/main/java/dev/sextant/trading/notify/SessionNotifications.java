package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import dev.sextant.trading.live.SessionObserver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Turns a trading session's journal into notifications: register it as the session's {@link
 * SessionObserver} ({@code TradingSession.builder().observer(...)}).
 *
 * <ul>
 *   <li>{@link NotificationKind#KILL_SWITCH_TRIPPED} and {@link NotificationKind#KILL_SWITCH_REARMED}
 *       for every trip and re-arm, with trigger, operator and reason;</li>
 *   <li>{@link NotificationKind#REJECTED_ORDERS} when rejections (risk {@code REJECTED} decisions and
 *       venue rejections) reach the {@link RejectionRate} within its window of session time;</li>
 *   <li>{@link NotificationKind#DRIFT_ALERT} for every drift alert the session's drift monitors
 *       raise, from the journaled {@code DriftAlert} (feature or prediction drift, degraded
 *       performance), naming the instrument, the feature, the detector, its statistic and threshold;</li>
 *   <li>{@link NotificationKind#PROMOTION} and {@link NotificationKind#ROLLBACK} when the journal
 *       records a version becoming champion ({@code ModelStageChanged} to {@code CHAMPION}, by a
 *       promotion or a roll-back) or the session's rollback policy rolling the champion back
 *       ({@code ChampionRolledBack}, with the live and validation losses and the test);</li>
 *   <li>{@link NotificationKind#DAILY_SUMMARY} when the session clock passes midnight in the summary
 *       zone (the day's bars, decisions, orders, fills, fees, rejections and trips), and once more
 *       for the part of a day before the session stops.</li>
 * </ul>
 * Days and windows run on the journal's session-clock time, so a replay at full speed produces the
 * summaries of the days it replays. A registry that journals into another journal (its own
 * database's) reaches this observer only when a session observes that journal. Records re-created
 * during recovery are not observed, so a resumed session's
 * first summary counts from the resume.
 *
 * <p>Called on the session's thread under its lock: each record costs a few comparisons and
 * counter increments; notifications are handed to the dispatcher's queue without waiting. Not for
 * use by several sessions at once.
 */
public final class SessionNotifications implements SessionObserver {
    private final NotificationDispatcher dispatcher;
    private final RejectionRate rejections;
    private final ZoneId zone;
    private final ArrayDeque<Instant> recentRejections = new ArrayDeque<>();
    private Instant quietUntil = Instant.MIN;
    private String session = "";
    private String lastRejection = "";
    private LocalDate day;
    private long dayEndMillis = Long.MIN_VALUE;
    private final DayCounts counts = new DayCounts();

    /**
     * @param dispatcher  where notifications go
     * @param rejections  when rejections make an alert
     * @param summaryZone the time zone whose midnight ends a day for the daily summary
     */
    public SessionNotifications(NotificationDispatcher dispatcher, RejectionRate rejections, ZoneId summaryZone) {
        this.dispatcher = Checks.notNull(dispatcher, "dispatcher");
        this.rejections = Checks.notNull(rejections, "rejections");
        this.zone = Checks.notNull(summaryZone, "summaryZone");
    }

    @Override
    public void onRecord(JournalRecord record) {
        Instant time = record.time();
        long millis = time.toEpochMilli();
        if (millis >= dayEndMillis) {
            if (day != null && counts.any()) {
                summarise(time, "");
            }
            startDay(time);
        }
        switch (record.event()) {
            case JournalEvent.SessionStarted s -> session = s.sessionId() + " on " + s.venue();
            case JournalEvent.BarConsumed b -> counts.bars++;
            case JournalEvent.DecisionMade d -> counts.decisions++;
            case JournalEvent.OrderRequested o -> counts.orders++;
            case JournalEvent.FillReceived f -> {
                counts.fills++;
                counts.fees += f.fee();
                counts.notional += f.quantity() * f.price();
            }
            case JournalEvent.RiskDecided r when r.outcome().equals("REJECTED") ->
                    rejected(time, "risk " + (r.reasonCodes().isEmpty() ? "REJECTED" : String.join(",", r.reasonCodes()))
                            + (r.message().isEmpty() ? "" : ": " + r.message()));
            case JournalEvent.VenueEventReceived v when v.kind().equals("REJECTED") ->
                    rejected(time, "venue" + (v.detail().isEmpty() ? "" : ": " + v.detail()));
            case JournalEvent.KillSwitchTripped k -> {
                counts.trips++;
                dispatcher.offer(new Notification(NotificationKind.KILL_SWITCH_TRIPPED, time,
                        "Kill switch tripped: " + oneLine(k.trigger()),
                        lines(k.reason(), "New risk-increasing orders are blocked until an operator re-arms it.")));
            }
            case JournalEvent.KillSwitchRearmed k -> dispatcher.offer(new Notification(NotificationKind.KILL_SWITCH_REARMED,
                    time, "Kill switch re-armed by " + oneLine(k.operator()), lines(k.reason(), "")));
            case JournalEvent.ModelStageChanged m when m.toStage().equals("CHAMPION") -> {
                boolean back = m.move().equals("ROLL_BACK");
                dispatcher.offer(new Notification(back ? NotificationKind.ROLLBACK : NotificationKind.PROMOTION, time,
                        (back ? "Rolled back to " : "Promoted to champion: ") + oneLine(m.bundleId()) + " "
                                + oneLine(m.bundleVersion()) + " (registry version " + m.version() + ")",
                        lines("by " + oneLine(m.actor()) + (m.reason().isEmpty() ? "" : ": " + oneLine(m.reason())),
                                "from stage " + m.fromStage())));
            }
            case JournalEvent.DriftAlert a -> driftAlert(a);
            case JournalEvent.ChampionRolledBack r -> dispatcher.offer(new Notification(NotificationKind.ROLLBACK, time,
                    "Champion rolled back: " + oneLine(r.fromModel()) + " -> " + oneLine(r.toModel()),
                    String.format(Locale.ROOT, "live log loss %.4f against validation %.4f over %d bars (statistic %.2f, p %.4f)",
                            r.liveLoss(), r.validationLoss(), r.samples(), r.statistic(), r.pValue())));
            case JournalEvent.SessionStopped s -> {
                if (counts.any()) {
                    summarise(time, " (to the stop: " + oneLine(s.reason()) + ")");
                    counts.reset();
                }
            }
            default -> {
            }
        }
    }

    private void driftAlert(JournalEvent.DriftAlert alert) {
        String what = switch (alert.kind()) {
            case JournalEvent.DriftAlert.FEATURE_DRIFT -> "Feature " + oneLine(alert.feature()) + " drifted";
            case JournalEvent.DriftAlert.PREDICTION_DRIFT -> "Predictions drifted";
            default -> "Model performance degraded";
        };
        String detail = String.format(Locale.ROOT, "%s %.4f above threshold %.4f",
                dev.sextant.trading.models.drift.Detector.valueOf(alert.detector()).label(), alert.statistic(),
                alert.threshold());
        if (alert.meanLoss() != null) {
            detail += String.format(Locale.ROOT, "; mean log loss %.4f, validation %.4f", alert.meanLoss(),
                    alert.referenceLoss());
        }
        dispatcher.offer(new Notification(NotificationKind.DRIFT_ALERT, alert.barClose(), what + " on "
                + oneLine(alert.instrument()), lines(detail, session.isEmpty() ? "" : "Session " + session)));
    }

    private void startDay(Instant time) {
        day = LocalDate.ofInstant(time, zone);
        dayEndMillis = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        counts.reset();
    }

    private void rejected(Instant time, String why) {
        counts.rejections++;
        lastRejection = why;
        recentRejections.addLast(time);
        Instant from = time.minus(rejections.window());
        while (!recentRejections.isEmpty() && (recentRejections.peekFirst().isBefore(from)
                || recentRejections.size() > rejections.count())) {
            recentRejections.removeFirst();
        }
        if (recentRejections.size() >= rejections.count() && !time.isBefore(quietUntil)) {
            quietUntil = time.plus(rejections.window());
            dispatcher.offer(new Notification(NotificationKind.REJECTED_ORDERS, time,
                    recentRejections.size() + " orders rejected within " + words(rejections.window()),
                    lines("Latest: " + lastRejection, session.isEmpty() ? "" : "Session " + session)));
        }
    }

    private void summarise(Instant time, String suffix) {
        String body = String.format(Locale.ROOT, "bars %d, decisions %d, orders %d, fills %d (notional %.2f, fees %.2f), "
                + "rejections %d, kill-switch trips %d", counts.bars, counts.decisions, counts.orders, counts.fills,
                counts.notional, counts.fees, counts.rejections, counts.trips);
        dispatcher.offer(new Notification(NotificationKind.DAILY_SUMMARY, time, "Daily summary " + day + suffix,
                lines(body, session.isEmpty() ? "" : "Session " + session)));
    }

    private static String words(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        return s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String lines(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "\n" + second;
    }

    /** What happened in the current day; mutated only on the session's thread. */
    private static final class DayCounts {
        long bars;
        long decisions;
        long orders;
        long fills;
        long rejections;
        long trips;
        double fees;
        double notional;

        boolean any() {
            return bars + decisions + orders + fills + rejections + trips > 0;
        }

        void reset() {
            bars = 0;
            decisions = 0;
            orders = 0;
            fills = 0;
            rejections = 0;
            trips = 0;
            fees = 0;
            notional = 0;
        }
    }
}
