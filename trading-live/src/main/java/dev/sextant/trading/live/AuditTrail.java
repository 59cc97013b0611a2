package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.internal.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading a journal as an audit trail: verifying its hash chain and exporting what happened to
 * each order. Stateless and thread-safe; the store is read, never written.
 */
public final class AuditTrail {

    private AuditTrail() {
    }

    /**
     * Checks the whole chain: sequence numbers 1..n without gaps, every payload decodes and is
     * canonical, carries the sequence number it is stored under, and hashes to its stored hash
     * chained over its predecessor; every checkpoint names a stored record with the same hash
     * (a checkpoint past the end reveals records deleted from the end).
     *
     * @return {@link AuditVerification.Intact}, or {@link AuditVerification.Broken} naming the first failing sequence number
     */
    public static AuditVerification verify(JournalStore store) {
        Checks.notNull(store, "store");
        Map<Long, String> checkpoints = new HashMap<>();
        List<JournalStore.Checkpoint> marks = store.checkpoints();
        for (JournalStore.Checkpoint c : marks) {
            checkpoints.put(c.seq(), c.hash());
        }
        long[] expected = {1};
        String[] previous = {EventCodec.GENESIS_HASH};
        AuditVerification[] broken = {null};
        store.scan(1, row -> {
            if (broken[0] != null) {
                return;
            }
            broken[0] = check(row, expected[0], previous[0], checkpoints);
            previous[0] = row.hash();
            expected[0]++;
        });
        if (broken[0] != null) {
            return broken[0];
        }
        long records = expected[0] - 1;
        for (JournalStore.Checkpoint c : marks) {
            if (c.seq() > records) {
                return new AuditVerification.Broken(records + 1, "record " + (records + 1)
                        + " is missing: the journal ends at " + records + " but a checkpoint names seq " + c.seq());
            }
        }
        return new AuditVerification.Intact(records, previous[0], marks.size());
    }

    private static AuditVerification check(JournalStore.Row row, long expected, String previous,
            Map<Long, String> checkpoints) {
        if (row.seq() != expected) {
            return new AuditVerification.Broken(expected, "record " + expected + " is missing (the next stored record is "
                    + row.seq() + ")");
        }
        JournalRecord record;
        try {
            record = EventCodec.decode(row.payload(), row.hash());
        } catch (IllegalArgumentException e) {
            return new AuditVerification.Broken(expected, "record " + expected + " does not decode: " + e.getMessage());
        }
        if (record.seq() != row.seq()) {
            return new AuditVerification.Broken(expected, "record " + expected + " carries seq " + record.seq()
                    + ": records were reordered or inserted");
        }
        if (!EventCodec.chainHash(previous, row.payload()).equals(row.hash())) {
            return new AuditVerification.Broken(expected, "record " + expected
                    + " does not match its hash: it was modified, or a record before it was replaced or inserted");
        }
        String mark = checkpoints.get(row.seq());
        if (mark != null && !mark.equals(row.hash())) {
            return new AuditVerification.Broken(expected, "record " + expected + " differs from its checkpoint");
        }
        return null;
    }

    /**
     * Writes one JSON object per order, one per line, in the order the orders first appear: the
     * order's id and instrument, the {@code decision} and {@code signal} that produced it, the
     * pre-trade {@code checks}, the {@code request} as sent (null if the checks rejected it),
     * {@code cancels}, {@code venueEvents} and {@code fills}, and its last known {@code status}.
     * Every part carries its {@code seq}, session-clock {@code time} and {@code receivedAt}.
     *
     * @return the number of orders written
     * @throws JournalException     if the journal does not decode (verify it first)
     * @throws UncheckedIOException if writing fails
     */
    public static int exportOrders(JournalStore store, Writer out) {
        Checks.notNull(store, "store");
        Checks.notNull(out, "out");
        Map<String, ObjectNode> orders = new LinkedHashMap<>();
        Map<String, ObjectNode> lastSignal = new HashMap<>();
        store.scan(1, row -> {
            JournalRecord record;
            try {
                record = EventCodec.decode(row.payload(), row.hash());
            } catch (IllegalArgumentException e) {
                throw new JournalException("journal " + store.location() + ": seq " + row.seq() + ": " + e.getMessage());
            }
            switch (record.event()) {
                case JournalEvent.SignalGenerated s -> lastSignal.put(s.instrument(), part(record));
                case JournalEvent.RiskDecided r -> {
                    ObjectNode order = order(orders, r.clientOrderId(), r.instrument());
                    order.set("checks", part(record));
                    ObjectNode signal = lastSignal.get(r.instrument());
                    if (signal != null) {
                        order.set("signal", signal);
                    }
                    if (order.get("status").isNull()) {
                        order.put("status", r.outcome().equals("REJECTED") ? "REJECTED_BY_CHECKS" : "APPROVED");
                    }
                }
                case JournalEvent.OrderRequested o -> {
                    ObjectNode order = order(orders, o.clientOrderId(), o.instrument());
                    order.set("request", part(record));
                    order.put("status", "REQUESTED");
                }
                case JournalEvent.DecisionMade d -> {
                    if (!d.clientOrderId().isEmpty()) {
                        order(orders, d.clientOrderId(), d.instrument()).set("decision", part(record));
                    }
                }
                case JournalEvent.CancelRequested c -> {
                    ObjectNode order = orders.get(c.clientOrderId());
                    if (order != null) {
                        ((ArrayNode) order.get("cancels")).add(part(record));
                    }
                }
                case JournalEvent.VenueEventReceived v -> {
                    ObjectNode order = orders.get(v.clientOrderId());
                    if (order != null) {
                        ((ArrayNode) order.get("venueEvents")).add(part(record));
                        order.put("status", v.kind());
                    }
                }
                case JournalEvent.FillReceived f -> {
                    ObjectNode order = orders.get(f.clientOrderId());
                    if (order != null) {
                        ((ArrayNode) order.get("fills")).add(part(record));
                    }
                }
                default -> {
                }
            }
        });
        try {
            for (ObjectNode order : orders.values()) {
                out.write(EventCodec.mapper().writeValueAsString(order));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the audit export", e);
        }
        return orders.size();
    }

    /**
     * Writes the journal's model events as JSON lines, one object per record in journal order:
     * drift alerts ({@link JournalEvent.DriftAlert}), stage changes of registered models
     * ({@link JournalEvent.ModelStageChanged}, with a promotion's statistics in its reason) and
     * rollbacks ({@link JournalEvent.ChampionRolledBack}). Each object carries the record's
     * {@code seq}, session-clock {@code time}, {@code receivedAt} and {@code type}, then the event's
     * fields.
     *
     * @return the number of events written
     * @throws JournalException     if the journal does not decode (verify it first)
     * @throws UncheckedIOException if writing fails
     */
    public static int exportModelEvents(JournalStore store, Writer out) {
        Checks.notNull(store, "store");
        Checks.notNull(out, "out");
        int[] count = {0};
        store.scan(1, row -> {
            JournalRecord record;
            try {
                record = EventCodec.decode(row.payload(), row.hash());
            } catch (IllegalArgumentException e) {
                throw new JournalException("journal " + store.location() + ": seq " + row.seq() + ": " + e.getMessage());
            }
            if (record.event() instanceof JournalEvent.DriftAlert || record.event() instanceof JournalEvent.ModelStageChanged
                    || record.event() instanceof JournalEvent.ChampionRolledBack) {
                try {
                    out.write(EventCodec.mapper().writeValueAsString(part(record)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write the model events export", e);
                }
                count[0]++;
            }
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the model events export", e);
        }
        return count[0];
    }

    private static ObjectNode order(Map<String, ObjectNode> orders, String clientOrderId, String instrument) {
        return orders.computeIfAbsent(clientOrderId, id -> {
            ObjectNode o = EventCodec.mapper().createObjectNode();
            o.put("clientOrderId", id);
            o.put("instrument", instrument);
            o.putNull("status");
            o.putNull("decision");
            o.putNull("signal");
            o.putNull("checks");
            o.putNull("request");
            o.set("cancels", o.arrayNode());
            o.set("venueEvents", o.arrayNode());
            o.set("fills", o.arrayNode());
            return o;
        });
    }

    private static ObjectNode part(JournalRecord record) {
        ObjectNode p = EventCodec.mapper().createObjectNode();
        p.put("seq", record.seq());
        p.put("time", EventCodec.formatMicros(record.time()));
        p.put("receivedAt", EventCodec.formatMicros(record.receivedAt()));
        p.put("type", EventCodec.typeName(record.event()));
        JsonNode event = EventCodec.eventTree(record.event());
        List<String> names = new ArrayList<>(event.propertyNames());
        for (String name : names) {
            p.set(name, event.get(name));
        }
        return p;
    }
}
