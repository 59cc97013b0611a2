package dev.sextant.trading.engine;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.risk.Outcome;
import dev.sextant.trading.risk.ReasonCode;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.SizingReason;
import dev.sextant.trading.risk.SizingResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the pipeline decided at the close of one bar: exactly one case per bar, in the order in
 * which the pipeline gets there.
 *
 * <ol>
 *   <li>{@link WarmingUp}, {@link NoPrediction}: the signal source had no signal.</li>
 *   <li>{@link ModelFailed}: the signal source threw, or stamped its signal wrongly.</li>
 *   <li>{@link OutOfDistribution}: the bar's feature vector lies farther from the training data
 *       than the bundle's calibrated threshold; the model's signal is held (reason
 *       {@code OUT_OF_DISTRIBUTION}).</li>
 *   <li>{@link Hold}: the signal is HOLD. {@link CircuitOpen}: the model circuit breaker is open
 *       and suppressed a BUY or SELL signal.</li>
 *   <li>{@link EdgeBelowMinimum}: the expected edge after costs is below the sizing policy's
 *       minimum. {@link NotSized}: the sizer proposed nothing for another reason.</li>
 *   <li>{@link Rejected}: a pre-trade check rejected the order.</li>
 *   <li>{@link Sent}: the order passed every check unchanged and was sent. {@link Resized}: a
 *       check reduced its quantity and the smaller order was sent.</li>
 *   <li>{@link BrokerRefused}: the order passed the checks but the broker threw while it was
 *       being submitted; nothing is working at the venue.</li>
 * </ol>
 *
 * <p>Every case is a record with no nullable component; each names its {@link #instrument()}
 * and its {@link #time()}, the bar's close time. A case carrying a signal requires it to be for
 * the same instrument and time. A sent order fills at the earliest on the next bar (see
 * {@link TradingPipeline}). Immutable and thread-safe.
 */
public sealed interface Decision permits Decision.WarmingUp, Decision.NoPrediction, Decision.ModelFailed,
        Decision.OutOfDistribution, Decision.Hold, Decision.CircuitOpen, Decision.EdgeBelowMinimum, Decision.NotSized, Decision.Rejected,
        Decision.Sent, Decision.Resized, Decision.BrokerRefused {

    /** The instrument decided on. */
    Instrument instrument();

    /** The close time of the bar decided on. */
    Instant time();

    /** The case, as a constant for counting, metrics tags and journals. */
    default Kind kind() {
        return switch (this) {
            case WarmingUp d -> Kind.WARMING_UP;
            case NoPrediction d -> Kind.NO_PREDICTION;
            case ModelFailed d -> Kind.MODEL_FAILED;
            case OutOfDistribution d -> Kind.OUT_OF_DISTRIBUTION;
            case Hold d -> Kind.HOLD;
            case CircuitOpen d -> Kind.CIRCUIT_OPEN;
            case EdgeBelowMinimum d -> Kind.EDGE_BELOW_MINIMUM;
            case NotSized d -> Kind.NOT_SIZED;
            case Rejected d -> Kind.REJECTED;
            case Sent d -> Kind.SENT;
            case Resized d -> Kind.RESIZED;
            case BrokerRefused d -> Kind.BROKER_REFUSED;
        };
    }

    /** The orders sent to the broker on this bar: one for {@link Sent} and {@link Resized}, else none. */
    default List<OrderRequest> orders() {
        return switch (this) {
            case Sent s -> List.of(s.order());
            case Resized r -> List.of(r.order());
            default -> List.of();
        };
    }

    /** The cases of {@link Decision}, one constant per record type. */
    enum Kind {
        /** {@link WarmingUp}. */
        WARMING_UP,
        /** {@link NoPrediction}. */
        NO_PREDICTION,
        /** {@link ModelFailed}. */
        MODEL_FAILED,
        /** {@link OutOfDistribution}. */
        OUT_OF_DISTRIBUTION,
        /** {@link Hold}. */
        HOLD,
        /** {@link CircuitOpen}. */
        CIRCUIT_OPEN,
        /** {@link EdgeBelowMinimum}. */
        EDGE_BELOW_MINIMUM,
        /** {@link NotSized}. */
        NOT_SIZED,
        /** {@link Rejected}. */
        REJECTED,
        /** {@link Sent}. */
        SENT,
        /** {@link Resized}. */
        RESIZED,
        /** {@link BrokerRefused}. */
        BROKER_REFUSED;

        /** The lowercase name with underscores, e.g. {@code edge_below_minimum}: stable, for tags and files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The signal source is warming up: its features or the model's input window are not yet
     * defined. Nothing is traded.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     */
    record WarmingUp(Instrument instrument, Instant time) implements Decision {
        /** Validates. */
        public WarmingUp {
            Checks.notNull(instrument, "instrument");
            Checks.notNull(time, "time");
        }
    }

    /**
     * The signal source has no prediction for this bar although it is not warming up (e.g.
     * precomputed predictions that do not cover it). Nothing is traded.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     */
    record NoPrediction(Instrument instrument, Instant time) implements Decision {
        /** Validates. */
        public NoPrediction {
            Checks.notNull(instrument, "instrument");
            Checks.notNull(time, "time");
        }
    }

    /**
     * The signal source threw, or returned a signal for another instrument or time. The failure
     * counts towards the model circuit breaker; nothing is traded.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param error      the exception's class and message (or what was wrong with the signal), not blank
     */
    record ModelFailed(Instrument instrument, Instant time, String error) implements Decision {
        /** Validates. */
        public ModelFailed {
            Checks.notNull(instrument, "instrument");
            Checks.notNull(time, "time");
            Checks.notBlank(error, "error");
        }
    }

    /**
     * The bar's feature vector is out of distribution: its distance to the training data (see
     * {@link dev.sextant.trading.models.drift.OutOfDistributionGate}) exceeds the threshold the
     * bundle calibrated on its training rows. The model's signal is turned into a HOLD: nothing is
     * traded and the position is kept.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param suppressed the model's signal (any direction)
     * @param distance   the feature vector's distance to the training data, finite
     * @param threshold  the calibrated threshold, finite and below {@code distance}
     */
    record OutOfDistribution(Instrument instrument, Instant time, Signal suppressed, double distance, double threshold)
            implements Decision {
        /** Validates. */
        public OutOfDistribution {
            checkSignal(instrument, time, suppressed);
            Checks.finite(distance, "distance");
            Checks.finite(threshold, "threshold");
            if (!(distance > threshold)) {
                throw new IllegalArgumentException("an OutOfDistribution decision needs a distance above the threshold but "
                        + "got " + distance + " <= " + threshold);
            }
        }
    }

    /**
     * The signal is HOLD: nothing is traded and the position is kept.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param signal     the HOLD signal
     */
    record Hold(Instrument instrument, Instant time, Signal signal) implements Decision {
        /** Validates. */
        public Hold {
            checkSignal(instrument, time, signal);
            if (signal.direction() != Direction.HOLD) {
                throw new IllegalArgumentException("a Hold decision needs a HOLD signal but got " + signal.direction());
            }
        }
    }

    /**
     * The model circuit breaker is open: the model's BUY or SELL signal was suppressed and
     * nothing is traded.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param suppressed the model's signal, BUY or SELL
     */
    record CircuitOpen(Instrument instrument, Instant time, Signal suppressed) implements Decision {
        /** Validates. */
        public CircuitOpen {
            checkSignal(instrument, time, suppressed);
            if (suppressed.direction() == Direction.HOLD) {
                throw new IllegalArgumentException("a CircuitOpen decision suppresses a BUY or SELL signal but got HOLD");
            }
        }
    }

    /**
     * The expected edge after round-trip costs is below the sizing policy's minimum: nothing is
     * traded. On short bars (1 minute) with the default minimum of 20 bps this is the usual
     * outcome; lower {@link dev.sextant.trading.risk.SizingPolicy#minEdgeBps()} to trade.
     *
     * @param instrument     the instrument
     * @param time           the bar's close time
     * @param signal         the BUY or SELL signal
     * @param sizing         the sizer's result, {@link SizingReason#EDGE_BELOW_MINIMUM}
     * @param minimumEdgeBps the policy's minimum edge in basis points
     */
    record EdgeBelowMinimum(Instrument instrument, Instant time, Signal signal, SizingResult sizing,
            double minimumEdgeBps) implements Decision {
        /** Validates. */
        public EdgeBelowMinimum {
            checkSignal(instrument, time, signal);
            checkSizing(instrument, sizing);
            if (sizing.reason() != SizingReason.EDGE_BELOW_MINIMUM) {
                throw new IllegalArgumentException("an EdgeBelowMinimum decision needs sizing reason EDGE_BELOW_MINIMUM but got "
                        + sizing.reason());
            }
            Checks.nonNegative(minimumEdgeBps, "minimumEdgeBps");
        }

        /** The expected edge after round-trip costs, in basis points of notional. */
        public double edgeBps() {
            return sizing.edgeBps();
        }
    }

    /**
     * The sizer proposed no order for a reason other than the edge: already at the target,
     * no headroom under the risk limits, less than one lot, or a zero fraction from the method.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param signal     the BUY or SELL signal
     * @param sizing     the sizer's result, with nothing to trade
     */
    record NotSized(Instrument instrument, Instant time, Signal signal, SizingResult sizing) implements Decision {
        /** Validates. */
        public NotSized {
            checkSignal(instrument, time, signal);
            checkSizing(instrument, sizing);
            if (sizing.isTradable() || sizing.reason() == SizingReason.EDGE_BELOW_MINIMUM) {
                throw new IllegalArgumentException("a NotSized decision needs an untradable sizing other than "
                        + "EDGE_BELOW_MINIMUM but got " + sizing.reason() + " quantity " + sizing.orderQuantity());
            }
        }

        /** Why nothing was sized. */
        public SizingReason reason() {
            return sizing.reason();
        }
    }

    /**
     * A pre-trade check rejected the order; nothing was sent.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param signal     the BUY or SELL signal
     * @param sizing     the sizer's proposal
     * @param risk       the rejection, with the check, limit and observed value
     */
    record Rejected(Instrument instrument, Instant time, Signal signal, SizingResult sizing, RiskDecision risk)
            implements Decision {
        /** Validates. */
        public Rejected {
            checkSignal(instrument, time, signal);
            checkSizing(instrument, sizing);
            Checks.notNull(risk, "risk");
            if (risk.outcome() != Outcome.REJECTED) {
                throw new IllegalArgumentException("a Rejected decision needs a REJECTED risk decision but got " + risk.outcome());
            }
        }

        /** The reason code of the rejecting check. */
        public ReasonCode code() {
            return risk.code();
        }
    }

    /**
     * The order passed every pre-trade check unchanged and was handed to the broker, which
     * accepted it for sending (the venue's answer arrives later as order events). The market
     * order fills at the earliest on the next bar: with the paper broker at that bar's open, whose
     * time is this decision's {@link #time()}.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param signal     the BUY or SELL signal
     * @param sizing     the sizer's proposal
     * @param order      the market order sent
     */
    record Sent(Instrument instrument, Instant time, Signal signal, SizingResult sizing, OrderRequest order)
            implements Decision {
        /** Validates. */
        public Sent {
            checkSignal(instrument, time, signal);
            checkSizing(instrument, sizing);
            checkOrder(instrument, order);
        }
    }

    /**
     * A pre-trade check reduced the order's quantity and the smaller order was handed to the
     * broker.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param signal     the BUY or SELL signal
     * @param sizing     the sizer's proposal (the quantity requested)
     * @param risk       the resize, with the binding check, limit and observed value; its order was sent
     */
    record Resized(Instrument instrument, Instant time, Signal signal, SizingResult sizing, RiskDecision risk)
            implements Decision {
        /** Validates. */
        public Resized {
            checkSignal(instrument, time, signal);
            checkSizing(instrument, sizing);
            Checks.notNull(risk, "risk");
            if (risk.outcome() != Outcome.RESIZED) {
                throw new IllegalArgumentException("a Resized decision needs a RESIZED risk decision but got " + risk.outcome());
            }
            checkOrder(instrument, risk.order());
        }

        /** The order sent, with the reduced quantity. */
        public OrderRequest order() {
            return risk.order();
        }

        /** The reason code of the binding check. */
        public ReasonCode code() {
            return risk.code();
        }
    }

    /**
     * The order passed the pre-trade checks, but the broker threw while it was being submitted
     * (not connected, a client order id already used, a failing connector). Nothing is working
     * at the venue: the blotter records the order as rejected and the risk engine released its
     * reservation.
     *
     * @param instrument the instrument
     * @param time       the bar's close time
     * @param signal     the BUY or SELL signal
     * @param sizing     the sizer's proposal
     * @param risk       the approval or resize; its order is the one refused
     * @param code       the broker's error code; {@link BrokerException.Code#VENUE_ERROR} when the
     *                   connector threw something other than a {@link BrokerException}
     * @param message    the exception's message (class and message for a non-broker exception), not blank
     */
    record BrokerRefused(Instrument instrument, Instant time, Signal signal, SizingResult sizing, RiskDecision risk,
            BrokerException.Code code, String message) implements Decision {
        /** Validates. */
        public BrokerRefused {
            checkSignal(instrument, time, signal);
            checkSizing(instrument, sizing);
            Checks.notNull(risk, "risk");
            if (!risk.isApproved()) {
                throw new IllegalArgumentException("a BrokerRefused decision needs an approved or resized risk decision");
            }
            checkOrder(instrument, risk.order());
            Checks.notNull(code, "code");
            Checks.notBlank(message, "message");
        }

        /** The order the broker refused. */
        public OrderRequest order() {
            return risk.order();
        }
    }

    private static void checkSignal(Instrument instrument, Instant time, Signal signal) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(time, "time");
        Checks.notNull(signal, "signal");
        if (!signal.instrument().equals(instrument) || !signal.time().equals(time)) {
            throw new IllegalArgumentException("signal for " + signal.instrument().id() + " at " + signal.time()
                    + " does not belong to the decision for " + instrument.id() + " at " + time);
        }
    }

    private static void checkSizing(Instrument instrument, SizingResult sizing) {
        Checks.notNull(sizing, "sizing");
        if (!sizing.instrument().equals(instrument)) {
            throw new IllegalArgumentException("sizing for " + sizing.instrument().id() + " does not belong to the decision for "
                    + instrument.id());
        }
    }

    private static void checkOrder(Instrument instrument, OrderRequest order) {
        Checks.notNull(order, "order");
        if (!order.instrument().equals(instrument)) {
            throw new IllegalArgumentException("order " + order.clientOrderId() + " for " + order.instrument().id()
                    + " does not belong to the decision for " + instrument.id());
        }
    }
}
