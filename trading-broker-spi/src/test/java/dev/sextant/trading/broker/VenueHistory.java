package dev.sextant.trading.broker;

import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random but legal history of client requests and venue events for a few orders, produced by
 * a small model of a venue, with the final status the venue would report for every order. Used
 * by the property tests as the ground truth that faults and reordering are applied to.
 */
final class VenueHistory {
    static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    static final Instrument MSFT = Instrument.equity("MSFT", "XNAS");

    /** One step: a client request or a venue event. */
    sealed interface Step permits Submit, CancelRequest, ReplaceRequest, Venue {
    }

    record Submit(OrderRequest request) implements Step {
    }

    record CancelRequest(String clientOrderId) implements Step {
    }

    record ReplaceRequest(String clientOrderId, OrderRequest replacement) implements Step {
    }

    record Venue(OrderEvent event) implements Step {
    }

    final List<Step> steps = new ArrayList<>();
    final Map<String, OrderStatus> finalStatus = new LinkedHashMap<>();
    final Map<String, String> predecessor = new HashMap<>();
    final List<Fill> fills = new ArrayList<>();
    private final Random random;
    private long clock = 1_700_000_000_000L;
    private int executions;

    private VenueHistory(Random random) {
        this.random = random;
    }

    static VenueHistory generate(long seed, int orders) {
        VenueHistory h = new VenueHistory(new Random(seed));
        List<List<Step>> scripts = new ArrayList<>();
        for (int k = 0; k < orders; k++) {
            scripts.add(h.script("o" + k));
        }
        // Interleave the per-order scripts, keeping each script's own order.
        int[] cursor = new int[scripts.size()];
        int left = scripts.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int pick = h.random.nextInt(scripts.size());
            if (cursor[pick] < scripts.get(pick).size()) {
                h.steps.add(scripts.get(pick).get(cursor[pick]++));
                left--;
            }
        }
        return h;
    }

    List<OrderEvent> venueEvents() {
        List<OrderEvent> events = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Venue v) {
                events.add(v.event());
            }
        }
        return events;
    }

    List<Step> clientSteps() {
        List<Step> list = new ArrayList<>();
        for (Step s : steps) {
            if (!(s instanceof Venue)) {
                list.add(s);
            }
        }
        return list;
    }

    /** Fills by client order id, summed over the order and the orders it replaced. */
    double chainFilled(String clientOrderId) {
        double sum = 0;
        for (String id = clientOrderId; id != null; id = predecessor.get(id)) {
            for (Fill f : fills) {
                if (f.clientOrderId().equals(id)) {
                    sum += f.quantity();
                }
            }
        }
        return sum;
    }

    private Instant tick() {
        clock += 1_000;
        return Instant.ofEpochMilli(clock);
    }

    private List<Step> script(String rootId) {
        List<Step> s = new ArrayList<>();
        Instrument instrument = random.nextBoolean() ? AAPL : MSFT;
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        double quantity = 1 + random.nextInt(20);
        OrderRequest current = OrderRequest.limit(rootId, instrument, side, quantity, 100, TimeInForce.GTC);
        s.add(new Submit(current));
        if (random.nextInt(100) < 12) {
            s.add(new Venue(new OrderEvent.Rejected(rootId, RejectReason.RISK, "", tick())));
            finalStatus.put(rootId, OrderStatus.REJECTED);
            return s;
        }
        s.add(new Venue(new OrderEvent.Accepted(rootId, "V-" + rootId, tick())));
        double filled = 0;
        boolean requested = false;
        for (int round = 0; round < 12; round++) {
            String id = current.clientOrderId();
            int r = random.nextInt(100);
            if (r < 45) {
                double q = 1 + random.nextInt((int) (current.quantity() - filled));
                filled += q;
                s.add(fill(current, q));
                if (filled >= current.quantity()) {
                    finalStatus.put(id, OrderStatus.FILLED);
                    return s;
                }
            } else if (r < 60 && !requested) {
                requested = true;
                s.add(new CancelRequest(id));
                int outcome = random.nextInt(3);
                if (outcome == 0) {
                    s.add(new Venue(new OrderEvent.Canceled(id, tick())));
                    finalStatus.put(id, OrderStatus.CANCELED);
                    return s;
                } else if (outcome == 1) {
                    s.add(fill(current, current.quantity() - filled));
                    s.add(new Venue(new OrderEvent.CancelRejected(id, RejectReason.TOO_LATE, "", tick())));
                    finalStatus.put(id, OrderStatus.FILLED);
                    return s;
                }
                s.add(new Venue(new OrderEvent.CancelRejected(id, RejectReason.VENUE, "", tick())));
            } else if (r < 75 && !requested) {
                requested = true;
                double newQuantity = filled + 1 + random.nextInt(20);
                OrderRequest replacement = OrderRequest.limit(id + "r", instrument, side, newQuantity, 101,
                        TimeInForce.GTC);
                s.add(new ReplaceRequest(id, replacement));
                int outcome = random.nextInt(5);
                if (outcome <= 2) {
                    s.add(new Venue(new OrderEvent.Replaced(id, replacement, "V-" + replacement.clientOrderId(), tick())));
                    finalStatus.put(id, OrderStatus.REPLACED);
                    predecessor.put(replacement.clientOrderId(), id);
                    current = replacement;
                    requested = false;
                } else if (outcome == 3) {
                    s.add(fill(current, current.quantity() - filled));
                    s.add(new Venue(new OrderEvent.CancelRejected(id, RejectReason.TOO_LATE, "", tick())));
                    finalStatus.put(id, OrderStatus.FILLED);
                    finalStatus.put(replacement.clientOrderId(), OrderStatus.REJECTED);
                    return s;
                } else {
                    s.add(new Venue(new OrderEvent.CancelRejected(id, RejectReason.VENUE, "", tick())));
                    finalStatus.put(replacement.clientOrderId(), OrderStatus.REJECTED);
                }
            } else if (r < 82) {
                s.add(new Venue(new OrderEvent.Expired(id, tick())));
                finalStatus.put(id, OrderStatus.EXPIRED);
                return s;
            }
        }
        finalStatus.put(current.clientOrderId(), filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW);
        return s;
    }

    private Venue fill(OrderRequest order, double quantity) {
        Fill f = new Fill("E" + (++executions), order.clientOrderId(), order.instrument(), order.side(), quantity,
                90 + random.nextInt(21), 0, tick());
        fills.add(f);
        boolean complete = random.nextBoolean();
        return new Venue(complete ? new OrderEvent.Filled(f) : new OrderEvent.PartiallyFilled(f));
    }
}
