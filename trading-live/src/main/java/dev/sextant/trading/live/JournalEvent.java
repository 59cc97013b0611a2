package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * One state change of a trading session, as written to the {@link Journal}. The journal is the
 * session's only source of truth after a crash and the audit trail a compliance officer reads,
 * so every event is a flat, immutable record of names and numbers (no object references), and
 * its JSON form (the record's components, sorted by name) is part of the journal's contract.
 *
 * <p>Instruments are named by {@link dev.sextant.trading.core.Instrument#id()}; times inside an
 * event are venue or market times (bar times in epoch milliseconds, as in the input files); the
 * session clock's time and the wall-clock receive time of every event are on its
 * {@link JournalRecord}. Numbers must be finite. All records are immutable and thread-safe.
 */
public sealed interface JournalEvent {

    /**
     * The session started (fresh or resumed from an existing journal).
     *
     * @param sessionId       id of this run of the session, not blank
     * @param venue           the venue id, not blank
     * @param bundleId        the model bundle's id and version, or empty when none
     * @param bundleDigest    the model bundle's SHA-256, or empty when none
     * @param limitsDigest    SHA-256 of the risk limits in force, or empty when none
     * @param resumedAfterSeq the last sequence number of the journal before this start, 0 for a fresh journal
     */
    record SessionStarted(String sessionId, String venue, String bundleId, String bundleDigest, String limitsDigest,
            long resumedAfterSeq) implements JournalEvent {
        /** Validates every field. */
        public SessionStarted {
            Checks.notBlank(sessionId, "sessionId");
            Checks.notBlank(venue, "venue");
            Checks.notNull(bundleId, "bundleId");
            Checks.notNull(bundleDigest, "bundleDigest");
            Checks.notNull(limitsDigest, "limitsDigest");
            Checks.nonNegative(resumedAfterSeq, "resumedAfterSeq");
        }
    }

    /**
     * The session stopped gracefully.
     *
     * @param sessionId     id of the run, not blank
     * @param reason        why (operator, end of input, signal), not blank
     * @param workingOrders what was done with working orders: {@code CANCEL} or {@code LEAVE}
     */
    record SessionStopped(String sessionId, String reason, String workingOrders) implements JournalEvent {
        /** Validates every field. */
        public SessionStopped {
            Checks.notBlank(sessionId, "sessionId");
            Checks.notBlank(reason, "reason");
            Checks.notBlank(workingOrders, "workingOrders");
        }
    }

    /**
     * A closed bar was taken from the feed and is about to be decided on.
     *
     * @param instrument instrument id, not blank
     * @param timeFrame  the bar time frame, e.g. {@code "PT1H"}, not blank
     * @param inputIndex zero-based position of the bar in the session's input (a replay resumes after it)
     * @param barTime    bar open time, epoch milliseconds UTC
     * @param open       open price
     * @param high       high price
     * @param low        low price
     * @param close      close price
     * @param volume     volume
     */
    record BarConsumed(String instrument, String timeFrame, long inputIndex, long barTime, double open, double high,
            double low, double close, double volume) implements JournalEvent {
        /** Validates every field. */
        public BarConsumed {
            Checks.notBlank(instrument, "instrument");
            Checks.notBlank(timeFrame, "timeFrame");
            Checks.nonNegative(inputIndex, "inputIndex");
            Checks.finite(open, "open");
            Checks.finite(high, "high");
            Checks.finite(low, "low");
            Checks.finite(close, "close");
            Checks.finite(volume, "volume");
        }
    }

    /**
     * A trade print was taken from the feed.
     *
     * @param instrument instrument id, not blank
     * @param inputIndex zero-based position of the trade in the session's input
     * @param tradeTime  trade time, epoch milliseconds UTC
     * @param price      trade price
     * @param amount     traded quantity
     */
    record TradeConsumed(String instrument, long inputIndex, long tradeTime, double price, double amount)
            implements JournalEvent {
        /** Validates every field. */
        public TradeConsumed {
            Checks.notBlank(instrument, "instrument");
            Checks.nonNegative(inputIndex, "inputIndex");
            Checks.finite(price, "price");
            Checks.finite(amount, "amount");
        }
    }

    /**
     * The model produced a signal.
     *
     * @param instrument    instrument id
     * @param barClose      close time of the bar the signal saw
     * @param direction     {@code SELL}, {@code HOLD} or {@code BUY}
     * @param pSell         calibrated probability of SELL
     * @param pHold         calibrated probability of HOLD
     * @param pBuy          calibrated probability of BUY
     * @param confidence    confidence in [0, 1]
     * @param modelId       model or bundle id
     * @param modelVersion  model or bundle version
     * @param bundleDigest  SHA-256 of the bundle, or empty when not known
     * @param featureDigest SHA-256 (lower-case hex) of the input the model read (the feature vector, or the window
     *                      of vectors oldest first) as big-endian IEEE 754 single-precision values, or empty when
     *                      the signal source does not expose it ({@link
     *                      dev.sextant.trading.engine.SignalSource#lastModelInput})
     */
    record SignalGenerated(String instrument, Instant barClose, String direction, double pSell, double pHold,
            double pBuy, double confidence, String modelId, String modelVersion, String bundleDigest,
            String featureDigest) implements JournalEvent {
        /** Validates every field. */
        public SignalGenerated {
            Checks.notBlank(instrument, "instrument");
            Checks.notNull(barClose, "barClose");
            Checks.notBlank(direction, "direction");
            Checks.finite(pSell, "pSell");
            Checks.finite(pHold, "pHold");
            Checks.finite(pBuy, "pBuy");
            Checks.finite(confidence, "confidence");
            Checks.notBlank(modelId, "modelId");
            Checks.notBlank(modelVersion, "modelVersion");
            Checks.notNull(bundleDigest, "bundleDigest");
            Checks.notNull(featureDigest, "featureDigest");
        }
    }

    /**
     * The pre-trade checks decided on a proposed order.
     *
     * @param instrument        instrument id
     * @param clientOrderId     the proposed order's client order id
     * @param outcome           {@code APPROVED}, {@code RESIZED} or {@code REJECTED}
     * @param reasonCodes       reason codes of the checks that resized or rejected (empty when approved)
     * @param requestedQuantity the quantity the sizer proposed
     * @param approvedQuantity  the quantity approved (0 when rejected)
     * @param limitsDigest      SHA-256 of the limits in force, or empty when not known
     * @param message           the risk engine's explanation; may be empty
     */
    record RiskDecided(String instrument, String clientOrderId, String outcome, List<String> reasonCodes,
            double requestedQuantity, double approvedQuantity, String limitsDigest, String message)
            implements JournalEvent {
        /** Validates every field and copies the list. */
        public RiskDecided {
            Checks.notBlank(instrument, "instrument");
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notBlank(outcome, "outcome");
            reasonCodes = List.copyOf(reasonCodes);
            Checks.finite(requestedQuantity, "requestedQuantity");
            Checks.finite(approvedQuantity, "approvedQuantity");
            Checks.notNull(limitsDigest, "limitsDigest");
            Checks.notNull(message, "message");
        }
    }

    /**
     * What the pipeline decided at the close of one bar (one per bar and pipeline).
     *
     * @param instrument    instrument id
     * @param barClose      the bar's close time
     * @param outcome       the decision's kind, e.g. {@code SENT}, {@code HOLD}, {@code REJECTED}, {@code WARMING_UP}
     * @param clientOrderId the order sent or proposed, or empty when none
     * @param note          a short explanation; may be empty
     */
    record DecisionMade(String instrument, Instant barClose, String outcome, String clientOrderId, String note)
            implements JournalEvent {
        /** Validates every field. */
        public DecisionMade {
            Checks.notBlank(instrument, "instrument");
            Checks.notNull(barClose, "barClose");
            Checks.notBlank(outcome, "outcome");
            Checks.notNull(clientOrderId, "clientOrderId");
            Checks.notNull(note, "note");
        }
    }

    /**
     * An order is about to be sent to the venue. Appended durably before the send (write-ahead).
     *
     * @param clientOrderId the client order id, not blank
     * @param instrument    instrument id
     * @param side          {@code BUY} or {@code SELL}
     * @param orderType     {@code MARKET}, {@code LIMIT}, {@code STOP} or {@code STOP_LIMIT}
     * @param quantity      positive quantity
     * @param limitPrice    the limit price, or null when the type has none
     * @param stopPrice     the stop price, or null when the type has none
     * @param timeInForce   the time in force
     */
    record OrderRequested(String clientOrderId, String instrument, String side, String orderType, double quantity,
            Double limitPrice, Double stopPrice, String timeInForce) implements JournalEvent {
        /** Validates every field. */
        public OrderRequested {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notBlank(instrument, "instrument");
            Checks.notBlank(side, "side");
            Checks.notBlank(orderType, "orderType");
            Checks.positive(quantity, "quantity");
            if (limitPrice != null) {
                Checks.positive(limitPrice, "limitPrice");
            }
            if (stopPrice != null) {
                Checks.positive(stopPrice, "stopPrice");
            }
            Checks.notBlank(timeInForce, "timeInForce");
        }
    }

    /**
     * A cancel is about to be sent to the venue (write-ahead, like orders).
     *
     * @param clientOrderId the order to cancel
     * @param reason        why (kill switch, session stop, operator)
     */
    record CancelRequested(String clientOrderId, String reason) implements JournalEvent {
        /** Validates every field. */
        public CancelRequested {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notBlank(reason, "reason");
        }
    }

    /**
     * A venue event other than a fill: accepted, rejected, canceled, expired, replaced, cancel rejected.
     *
     * @param clientOrderId the order
     * @param kind          the event kind, e.g. {@code ACCEPTED}
     * @param venueOrderId  the venue's order id, or empty when the event has none
     * @param detail        reason or message, may be empty
     * @param venueTime     when the venue produced the event
     */
    record VenueEventReceived(String clientOrderId, String kind, String venueOrderId, String detail,
            Instant venueTime) implements JournalEvent {
        /** Validates every field. */
        public VenueEventReceived {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notBlank(kind, "kind");
            Checks.notNull(venueOrderId, "venueOrderId");
            Checks.notNull(detail, "detail");
            Checks.notNull(venueTime, "venueTime");
        }
    }

    /**
     * An execution (fill) reported by the venue.
     *
     * @param clientOrderId the order
     * @param executionId   the venue's execution id, stable across replays
     * @param instrument    instrument id
     * @param side          {@code BUY} or {@code SELL}
     * @param quantity      filled quantity, positive
     * @param price         fill price, positive
     * @param fee           fees, non-negative
     * @param venueTime     execution time at the venue
     */
    record FillReceived(String clientOrderId, String executionId, String instrument, String side, double quantity,
            double price, double fee, Instant venueTime) implements JournalEvent {
        /** Validates every field. */
        public FillReceived {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notBlank(executionId, "executionId");
            Checks.notBlank(instrument, "instrument");
            Checks.notBlank(side, "side");
            Checks.positive(quantity, "quantity");
            Checks.positive(price, "price");
            Checks.nonNegative(fee, "fee");
            Checks.notNull(venueTime, "venueTime");
        }
    }

    /**
     * The kill switch tripped.
     *
     * @param trigger what tripped it, e.g. {@code STALE_MARKET_DATA}, {@code BROKER_DISCONNECTED}
     * @param reason  a human-readable explanation
     */
    record KillSwitchTripped(String trigger, String reason) implements JournalEvent {
        /** Validates every field. */
        public KillSwitchTripped {
            Checks.notBlank(trigger, "trigger");
            Checks.notNull(reason, "reason");
        }
    }

    /**
     * The kill switch was re-armed by an operator.
     *
     * @param operator who re-armed it
     * @param reason   why
     */
    record KillSwitchRearmed(String operator, String reason) implements JournalEvent {
        /** Validates every field. */
        public KillSwitchRearmed {
            Checks.notBlank(operator, "operator");
            Checks.notNull(reason, "reason");
        }
    }

    /**
     * The risk limits in force changed.
     *
     * @param limitsDigest SHA-256 of the new limits
     * @param limitsJson   the new limits as JSON
     */
    record LimitsChanged(String limitsDigest, String limitsJson) implements JournalEvent {
        /** Validates every field. */
        public LimitsChanged {
            Checks.notBlank(limitsDigest, "limitsDigest");
            Checks.notBlank(limitsJson, "limitsJson");
        }
    }

    /**
     * An operator acted on the session: pause, resume, stop, a manual order or cancel.
     *
     * @param operator who
     * @param action   what, e.g. {@code PAUSE}
     * @param detail   free text, may be empty
     */
    record OperatorAction(String operator, String action, String detail) implements JournalEvent {
        /** Validates every field. */
        public OperatorAction {
            Checks.notBlank(operator, "operator");
            Checks.notBlank(action, "action");
            Checks.notNull(detail, "detail");
        }
    }

    /**
     * A difference found when reconciling the session's view with the venue's (after a start or reconnect).
     *
     * @param subject what differed: an order id or an instrument id
     * @param local   the session's view
     * @param venue   the venue's view
     */
    record ReconciliationDifference(String subject, String local, String venue) implements JournalEvent {
        /** Validates every field. */
        public ReconciliationDifference {
            Checks.notBlank(subject, "subject");
            Checks.notNull(local, "local");
            Checks.notNull(venue, "venue");
        }
    }

    /**
     * The connection to the venue changed (a disconnect trips the kill switch; a reconnect is
     * followed by reconciliation).
     *
     * @param state  the new state, e.g. {@code DISCONNECTED}
     * @param reason why, in words; may be empty
     */
    record VenueConnectionChanged(String state, String reason) implements JournalEvent {
        /** Validates every field. */
        public VenueConnectionChanged {
            Checks.notBlank(state, "state");
            Checks.notNull(reason, "reason");
        }
    }

    /**
     * A challenger running in shadow produced a signal on the champion's bar: journaled, never
     * traded (see {@link dev.sextant.trading.live.registry.ChampionChallengers}).
     *
     * @param instrument      instrument id
     * @param barClose        close time of the bar the signal saw
     * @param direction       {@code SELL}, {@code HOLD} or {@code BUY}
     * @param pSell           calibrated probability of SELL
     * @param pHold           calibrated probability of HOLD
     * @param pBuy            calibrated probability of BUY
     * @param confidence      confidence in [0, 1]
     * @param modelId         model or bundle id
     * @param modelVersion    model or bundle version
     * @param registryVersion the model's version in the model registry, 0 when not registered
     * @param stage           the model's stage in the session, e.g. {@code CHALLENGER}
     */
    record ShadowSignalGenerated(String instrument, Instant barClose, String direction, double pSell, double pHold,
            double pBuy, double confidence, String modelId, String modelVersion, long registryVersion, String stage)
            implements JournalEvent {
        /** Validates every field. */
        public ShadowSignalGenerated {
            Checks.notBlank(instrument, "instrument");
            Checks.notNull(barClose, "barClose");
            Checks.notBlank(direction, "direction");
            Checks.finite(pSell, "pSell");
            Checks.finite(pHold, "pHold");
            Checks.finite(pBuy, "pBuy");
            Checks.finite(confidence, "confidence");
            Checks.notBlank(modelId, "modelId");
            Checks.notBlank(modelVersion, "modelVersion");
            Checks.nonNegative(registryVersion, "registryVersion");
            Checks.notBlank(stage, "stage");
        }
    }

    /**
     * A model registry moved a model version from one stage to another (registration, promotion,
     * retirement, a rollback's two moves). Written by the registry (a session's recovery skips
     * those), or by a session's promotion rule (actor {@link #SESSION}: recovery re-creates and
     * compares those like every other event the session makes).
     *
     * @param registry      where the registry lives, e.g. {@code sqlite:/data/j.db#default}
     * @param version       the registry's version number, positive
     * @param bundleId      the bundle's id
     * @param bundleVersion the bundle's own version
     * @param bundleDigest  SHA-256 of the bundle
     * @param fromStage     the stage before, or empty for a registration
     * @param toStage       the stage after
     * @param move          the kind of move, e.g. {@code PROMOTE}, {@code ROLL_BACK}
     * @param actor         who or what moved it (an operator, {@code retraining}, {@code rollback-policy})
     * @param reason        why, in words; may be empty
     */
    record ModelStageChanged(String registry, long version, String bundleId, String bundleVersion,
            String bundleDigest, String fromStage, String toStage, String move, String actor, String reason)
            implements JournalEvent {
        /**
         * The actor of the changes a session's promotion rule makes
         * ({@link dev.sextant.trading.live.registry.ShadowPromotion}). The session journals them
         * itself, so the registry it updates must not journal into the session's journal.
         */
        public static final String SESSION = "promotion-rule";

        /** Validates every field. */
        public ModelStageChanged {
            Checks.notBlank(registry, "registry");
            Checks.positive(version, "version");
            Checks.notBlank(bundleId, "bundleId");
            Checks.notBlank(bundleVersion, "bundleVersion");
            Checks.notBlank(bundleDigest, "bundleDigest");
            Checks.notNull(fromStage, "fromStage");
            Checks.notBlank(toStage, "toStage");
            Checks.notBlank(move, "move");
            Checks.notBlank(actor, "actor");
            Checks.notNull(reason, "reason");
        }
    }

    /**
     * A session's rollback policy found the champion's live loss significantly worse than its
     * validation loss and switched trading back to the previous champion.
     *
     * @param fromModel      the demoted champion, {@code id version}
     * @param toModel        the restored champion, {@code id version}
     * @param samples        realised outcomes scored
     * @param liveLoss       mean live log loss
     * @param validationLoss the champion's validation log loss
     * @param statistic      the test statistic
     * @param pValue         its one-sided p-value
     */
    record ChampionRolledBack(String fromModel, String toModel, long samples, double liveLoss, double validationLoss,
            double statistic, double pValue) implements JournalEvent {
        /** Validates every field. */
        public ChampionRolledBack {
            Checks.notBlank(fromModel, "fromModel");
            Checks.notBlank(toModel, "toModel");
            Checks.positive(samples, "samples");
            Checks.finite(liveLoss, "liveLoss");
            Checks.finite(validationLoss, "validationLoss");
            Checks.finite(statistic, "statistic");
            Checks.finite(pValue, "pValue");
        }
    }

    /**
     * A drift monitor of one of the session's models raised an alert: a feature's or the
     * predictions' rolling window drifted from the training reference, or the realised loss rose
     * (Page-Hinkley). Produced while the session decides on a bar, so recovery re-creates it from
     * the journaled bars (and compares it, like a signal).
     *
     * @param instrument    instrument id
     * @param barClose      close time of the bar on which the statistic crossed its threshold (for
     *                      performance drift, of the bar whose close settled the last outcome)
     * @param kind          {@code FEATURE_DRIFT}, {@code PREDICTION_DRIFT} or {@code PERFORMANCE_DEGRADED}
     * @param detector      {@code PSI}, {@code KS} (drift) or {@code PAGE_HINKLEY} (performance)
     * @param feature       the feature's name for {@code FEATURE_DRIFT}, else empty
     * @param statistic     the statistic's value
     * @param threshold     the threshold it exceeded
     * @param meanLoss      for {@code PERFORMANCE_DEGRADED}, the mean log loss since the detector last
     *                      restarted; else null
     * @param referenceLoss for {@code PERFORMANCE_DEGRADED}, the bundle's validation log loss; else null
     */
    record DriftAlert(String instrument, Instant barClose, String kind, String detector, String feature,
            double statistic, double threshold, Double meanLoss, Double referenceLoss) implements JournalEvent {
        /** Feature drift. */
        public static final String FEATURE_DRIFT = "FEATURE_DRIFT";
        /** Prediction drift. */
        public static final String PREDICTION_DRIFT = "PREDICTION_DRIFT";
        /** Degraded performance on realised outcomes. */
        public static final String PERFORMANCE_DEGRADED = "PERFORMANCE_DEGRADED";

        /** Validates every field and that they fit the kind. */
        public DriftAlert {
            Checks.notBlank(instrument, "instrument");
            Checks.notNull(barClose, "barClose");
            Checks.notBlank(kind, "kind");
            Checks.notBlank(detector, "detector");
            Checks.notNull(feature, "feature");
            Checks.finite(statistic, "statistic");
            Checks.finite(threshold, "threshold");
            boolean performance = kind.equals(PERFORMANCE_DEGRADED);
            if (!performance && !kind.equals(FEATURE_DRIFT) && !kind.equals(PREDICTION_DRIFT)) {
                throw new IllegalArgumentException("kind must be FEATURE_DRIFT, PREDICTION_DRIFT or PERFORMANCE_DEGRADED"
                        + " but was " + kind);
            }
            if (performance != detector.equals("PAGE_HINKLEY") || !performance && !detector.equals("PSI")
                    && !detector.equals("KS")) {
                throw new IllegalArgumentException("detector " + detector + " does not measure " + kind);
            }
            if (kind.equals(FEATURE_DRIFT) == feature.isBlank()) {
                throw new IllegalArgumentException("feature must be named for FEATURE_DRIFT only but was '" + feature
                        + "' for " + kind);
            }
            if (performance != (meanLoss != null) || performance != (referenceLoss != null)) {
                throw new IllegalArgumentException("meanLoss and referenceLoss are given for PERFORMANCE_DEGRADED only");
            }
            if (performance) {
                Checks.finite(meanLoss, "meanLoss");
                Checks.finite(referenceLoss, "referenceLoss");
            }
        }

        /** The journal's form of a monitor's alert. */
        public static DriftAlert of(dev.sextant.trading.models.drift.DriftAlert alert) {
            return switch (Checks.notNull(alert, "alert")) {
                case dev.sextant.trading.models.drift.DriftAlert.FeatureDrift f -> new DriftAlert(f.instrument(), f.time(),
                        FEATURE_DRIFT, f.detector().name(), f.feature(), f.statistic(), f.threshold(), null, null);
                case dev.sextant.trading.models.drift.DriftAlert.PredictionDrift p -> new DriftAlert(p.instrument(),
                        p.time(), PREDICTION_DRIFT, p.detector().name(), "", p.statistic(), p.threshold(), null, null);
                case dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded d -> new DriftAlert(d.instrument(),
                        d.time(), PERFORMANCE_DEGRADED, d.detector().name(), "", d.statistic(), d.threshold(),
                        d.meanLoss(), d.referenceLoss());
            };
        }

        /** The monitor's alert this event records (times at the journal's microsecond resolution). */
        public dev.sextant.trading.models.drift.DriftAlert alert() {
            dev.sextant.trading.models.drift.Detector d = dev.sextant.trading.models.drift.Detector.valueOf(detector);
            return switch (kind) {
                case FEATURE_DRIFT -> new dev.sextant.trading.models.drift.DriftAlert.FeatureDrift(instrument, barClose,
                        feature, d, statistic, threshold);
                case PREDICTION_DRIFT -> new dev.sextant.trading.models.drift.DriftAlert.PredictionDrift(instrument,
                        barClose, d, statistic, threshold);
                default -> new dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded(instrument, barClose,
                        statistic, threshold, meanLoss, referenceLoss);
            };
        }
    }

    /**
     * A challenger registered while the session ran joined its lineup at a bar boundary: from the
     * next bar on it runs in shadow (see {@link dev.sextant.trading.live.registry.ChallengerIntake}).
     * Recovery joins it again at the same place, from the registry, and compares this event.
     *
     * @param registry      where the registry lives, e.g. {@code sqlite:/data/j.db#default}
     * @param version       the registry's version number, positive
     * @param bundleId      the bundle's id
     * @param bundleVersion the bundle's own version
     * @param bundleDigest  SHA-256 of the bundle
     */
    record ChallengerJoined(String registry, long version, String bundleId, String bundleVersion, String bundleDigest)
            implements JournalEvent {
        /** Validates every field. */
        public ChallengerJoined {
            Checks.notBlank(registry, "registry");
            Checks.positive(version, "version");
            Checks.notBlank(bundleId, "bundleId");
            Checks.notBlank(bundleVersion, "bundleVersion");
            Checks.notBlank(bundleDigest, "bundleDigest");
        }
    }
}
