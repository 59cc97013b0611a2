package dev.sextant.trading.live.internal;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalException;
import dev.sextant.trading.live.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one place that maps the venue's {@link OrderEvent}s to journal events and back. A session
 * journals what the venue sent ({@link #describe}); a session recovering against a real venue
 * turns the journaled records back into the events the venue sent ({@link #toOrderEvent}), so
 * its state is rebuilt without asking the venue anything. Stateless and thread-safe.
 */
public final class VenueEvents {
    /** {@link JournalEvent.VenueEventReceived#kind()} of an acknowledgement. */
    public static final String ACCEPTED = "ACCEPTED";
    /** Kind of a rejection; the detail is {@code "<RejectReason>: <message>"}. */
    public static final String REJECTED = "REJECTED";
    /** Kind of the end of a fully filled order; follows the order's last {@link JournalEvent.FillReceived}. */
    public static final String FILLED = "FILLED";
    /** Kind of a cancellation. */
    public static final String CANCELED = "CANCELED";
    /** Kind of a replacement; the detail is {@code "replaced by <client order id>"}. */
    public static final String REPLACED = "REPLACED";
    /** Kind of an expiry. */
    public static final String EXPIRED = "EXPIRED";
    /** Kind of a rejected cancel; the detail is {@code "<RejectReason>: <message>"}. */
    public static final String CANCEL_REJECTED = "CANCEL_REJECTED";

    private static final String SEPARATOR = ": ";
    private static final String REPLACED_BY = "replaced by ";

    private VenueEvents() {
    }

    /** {@code event} as the journal records it: a fill, a venue event, or a fill followed by {@link #FILLED}. */
    public static List<JournalEvent> describe(OrderEvent event) {
        String id = event.clientOrderId();
        List<JournalEvent> out = new ArrayList<>(2);
        switch (event) {
            case OrderEvent.Accepted a -> out.add(venue(id, ACCEPTED, a.venueOrderId(), "", a));
            case OrderEvent.Rejected r -> out.add(venue(id, REJECTED, "", r.reason() + SEPARATOR + r.message(), r));
            case OrderEvent.PartiallyFilled p -> out.add(fill(p.fill()));
            case OrderEvent.Filled f -> {
                out.add(fill(f.fill()));
                out.add(venue(id, FILLED, "", "", f));
            }
            case OrderEvent.Canceled c -> out.add(venue(id, CANCELED, "", "", c));
            case OrderEvent.Replaced r -> out.add(venue(id, REPLACED, r.venueOrderId(),
                    REPLACED_BY + r.replacement().clientOrderId(), r));
            case OrderEvent.Expired x -> out.add(venue(id, EXPIRED, "", "", x));
            case OrderEvent.CancelRejected c -> out.add(venue(id, CANCEL_REJECTED, "", c.reason() + SEPARATOR
                    + c.message(), c));
        }
        return out;
    }

    private static JournalEvent.VenueEventReceived venue(String id, String kind, String venueOrderId, String detail,
            OrderEvent event) {
        return new JournalEvent.VenueEventReceived(id, kind, venueOrderId, detail, event.time());
    }

    private static JournalEvent.FillReceived fill(Fill f) {
        return new JournalEvent.FillReceived(f.clientOrderId(), f.executionId(), f.instrument().id(), f.side().name(),
                f.quantity(), f.price(), f.fee(), f.time());
    }

    /**
     * The venue event that the journaled records starting at {@code ahead.get(0)} describe (the
     * inverse of {@link #describe}): a fill followed by {@link #FILLED} of the same order is a
     * {@link OrderEvent.Filled}, a fill alone a {@link OrderEvent.PartiallyFilled}.
     *
     * @param ahead       the journaled records from the venue record on
     * @param instruments instrument by id
     * @param requests    the requests journaled so far by client order id (for a replacement)
     * @param where       the journal's location, for errors
     * @throws JournalException if the records do not describe a venue event
     */
    public static OrderEvent toOrderEvent(List<JournalRecord> ahead, Function<String, Instrument> instruments,
            Function<String, OrderRequest> requests, String where) {
        JournalRecord record = ahead.getFirst();
        switch (record.event()) {
            case JournalEvent.FillReceived f -> {
                Instrument instrument = instruments.apply(f.instrument());
                if (instrument == null) {
                    throw new JournalException("journal " + where + ": seq " + record.seq() + ": a fill of "
                            + f.instrument() + ", which this session does not trade");
                }
                Fill fill = new Fill(f.executionId(), f.clientOrderId(), instrument, side(f.side(), record, where),
                        f.quantity(), f.price(), f.fee(), f.venueTime());
                boolean last = ahead.size() > 1 && ahead.get(1).event() instanceof JournalEvent.VenueEventReceived v
                        && v.kind().equals(FILLED) && v.clientOrderId().equals(f.clientOrderId());
                return last ? new OrderEvent.Filled(fill) : new OrderEvent.PartiallyFilled(fill);
            }
            case JournalEvent.VenueEventReceived v -> {
                String id = v.clientOrderId();
                return switch (v.kind()) {
                    case ACCEPTED -> new OrderEvent.Accepted(id, v.venueOrderId(), v.venueTime());
                    case REJECTED -> new OrderEvent.Rejected(id, reason(v, record, where), message(v.detail()),
                            v.venueTime());
                    case CANCELED -> new OrderEvent.Canceled(id, v.venueTime());
                    case EXPIRED -> new OrderEvent.Expired(id, v.venueTime());
                    case CANCEL_REJECTED -> new OrderEvent.CancelRejected(id, reason(v, record, where),
                            message(v.detail()), v.venueTime());
                    case REPLACED -> {
                        String replacementId = v.detail().startsWith(REPLACED_BY)
                                ? v.detail().substring(REPLACED_BY.length()) : "";
                        OrderRequest replacement = requests.apply(replacementId);
                        if (replacement == null) {
                            throw new JournalException("journal " + where + ": seq " + record.seq() + ": " + id
                                    + " was replaced by '" + replacementId + "', which the journal never requested");
                        }
                        yield new OrderEvent.Replaced(id, replacement, v.venueOrderId(), v.venueTime());
                    }
                    default -> throw new JournalException("journal " + where + ": seq " + record.seq()
                            + ": venue event kind '" + v.kind() + "' does not follow a fill of " + id);
                };
            }
            default -> throw new JournalException("journal " + where + ": seq " + record.seq() + ": "
                    + record.event() + " is not a venue event");
        }
    }

    private static Side side(String side, JournalRecord record, String where) {
        try {
            return Side.valueOf(side);
        } catch (IllegalArgumentException e) {
            throw new JournalException("journal " + where + ": seq " + record.seq() + ": side '" + side
                    + "' is neither BUY nor SELL");
        }
    }

    private static RejectReason reason(JournalEvent.VenueEventReceived v, JournalRecord record, String where) {
        int at = v.detail().indexOf(SEPARATOR);
        String name = at < 0 ? v.detail() : v.detail().substring(0, at);
        try {
            return RejectReason.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new JournalException("journal " + where + ": seq " + record.seq() + ": " + v.kind() + " of "
                    + v.clientOrderId() + " names no reject reason: '" + v.detail() + "'");
        }
    }

    private static String message(String detail) {
        int at = detail.indexOf(SEPARATOR);
        return at < 0 ? "" : detail.substring(at + SEPARATOR.length());
    }

    /**
     * The exception that made the venue refuse {@code clientOrderId}'s submission, if the
     * journaled records ahead (up to the next bar) hold a {@link Decision.Kind#BROKER_REFUSED}
     * decision for it: thrown again while recovering, the pipeline makes the same decision
     * without the venue. An exception whose {@link Throwable#toString()} (other exceptions) or
     * message ({@link BrokerException}) is the journaled one.
     */
    public static java.util.Optional<RuntimeException> refusal(List<JournalRecord> ahead, String clientOrderId) {
        for (JournalRecord r : ahead) {
            if (r.event() instanceof JournalEvent.BarConsumed) {
                break;
            }
            if (r.event() instanceof JournalEvent.DecisionMade d && d.clientOrderId().equals(clientOrderId)) {
                if (!d.outcome().equals(Decision.Kind.BROKER_REFUSED.name())) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(refusalFrom(d.note()));
            }
        }
        return java.util.Optional.empty();
    }

    /** The note is {@code "<code>: <message>"} where message is the exception's message (or toString). */
    private static RuntimeException refusalFrom(String note) {
        int at = note.indexOf(SEPARATOR);
        String codeName = at < 0 ? note : note.substring(0, at);
        String message = at < 0 ? "" : note.substring(at + SEPARATOR.length());
        BrokerException.Code code;
        try {
            code = BrokerException.Code.valueOf(codeName);
        } catch (IllegalArgumentException e) {
            return new JournaledRefusal(note);
        }
        String prefix = code + SEPARATOR;
        return message.startsWith(prefix) ? new BrokerException(code, message.substring(prefix.length()))
                : new JournaledRefusal(message);
    }

    /** A connector failure other than a {@link BrokerException}, as journaled: its text is the original's. */
    private static final class JournaledRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String text;

        JournaledRefusal(String text) {
            super(text, null, false, false);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
