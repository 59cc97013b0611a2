package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.internal.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's append-only event log, for recovery and for audit. Each appended
 * {@link JournalEvent} becomes a {@link JournalRecord} with the next sequence number and a
 * SHA-256 chained over the previous record's hash and its own canonical bytes; the chain head is
 * checkpointed every {@link JournalOptions#checkpointInterval()} records.
 *
 * <h2>Durability</h2>
 * {@link #append} buffers (group commit); {@link #appendDurably} returns only once the record and
 * everything before it are committed, which is what an order request needs before it is sent
 * (write-ahead). See {@link JournalOptions}.
 *
 * <h2>Crash repair</h2>
 * {@link #open} checks the last stored record. One that does not decode or whose hash does not
 * chain (a torn write) is moved to the store's quarantine and reported by {@link #repairedTail()};
 * records before it are kept. Anything wrong further back is tampering, not a torn write: it is
 * found by {@link AuditTrail#verify} and by {@link #replay}.
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe (synchronised); records are numbered in the order the calls
 * acquire the lock.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final JournalStore store;
    private final JournalOptions options;
    private final TornRecord torn;
    private final List<JournalStore.Row> pending = new ArrayList<>();
    private final List<JournalStore.Checkpoint> pendingCheckpoints = new ArrayList<>();
    private long lastSeq;
    private String headHash;
    private long lastCheckpointSeq;
    private boolean closed;
    private JournalException failure;

    private Journal(JournalStore store, JournalOptions options) {
        this.store = store;
        this.options = options;
        this.torn = repairTail().orElse(null);
        Optional<JournalStore.Row> last = store.last();
        this.lastSeq = last.map(JournalStore.Row::seq).orElse(0L);
        this.headHash = last.map(JournalStore.Row::hash).orElse(EventCodec.GENESIS_HASH);
        List<JournalStore.Checkpoint> checkpoints = store.checkpoints();
        this.lastCheckpointSeq = checkpoints.isEmpty() ? 0 : checkpoints.getLast().seq();
    }

    /**
     * Opens the journal in {@code store} with the default options, repairing a torn last record.
     * The journal owns the store and closes it.
     *
     * @throws JournalException if the store cannot be read
     */
    public static Journal open(JournalStore store) {
        return open(store, JournalOptions.defaults());
    }

    /** Opens the journal in {@code store} with {@code options}; see {@link #open(JournalStore)}. */
    public static Journal open(JournalStore store, JournalOptions options) {
        return new Journal(Checks.notNull(store, "store"), Checks.notNull(options, "options"));
    }

    private Optional<TornRecord> repairTail() {
        Optional<JournalStore.Row> last = store.last();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        JournalStore.Row row = last.get();
        String problem = null;
        try {
            JournalRecord record = EventCodec.decode(row.payload(), row.hash());
            if (record.seq() != row.seq()) {
                problem = "payload carries seq " + record.seq() + " but is stored as " + row.seq();
            } else {
                String previous = row.seq() == 1 ? EventCodec.GENESIS_HASH
                        : store.row(row.seq() - 1).map(JournalStore.Row::hash).orElse(null);
                if (previous == null) {
                    // A gap before the last record is not a torn write; leave it for verification to name.
                    return Optional.empty();
                }
                if (!EventCodec.chainHash(previous, row.payload()).equals(row.hash())) {
                    problem = "hash does not chain";
                }
            }
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            return Optional.empty();
        }
        String reason = "torn last record: " + problem;
        store.quarantine(row.seq(), reason);
        LOG.warn("journal {}: seq {} was {}; moved to quarantine, records 1..{} are intact",
                store.location(), row.seq(), reason, row.seq() - 1);
        return Optional.of(new TornRecord(row.seq(), reason));
    }

    /** The torn last record repaired when this journal was opened, if there was one. */
    public Optional<TornRecord> repairedTail() {
        return Optional.ofNullable(torn);
    }

    /**
     * Appends {@code event} at session-clock time {@code time}; buffered until the next group
     * commit. Returns the record with its sequence number and hash.
     *
     * @throws JournalException if a commit fails (the journal then refuses further appends)
     */
    public synchronized JournalRecord append(JournalEvent event, Instant time) {
        JournalRecord record = add(event, time);
        if (pending.size() >= options.groupSize()) {
            commit();
        }
        return record;
    }

    /**
     * Appends {@code event} and commits it with everything before it; returns once durable.
     * Use for anything that must be on record before it is acted on (order and cancel requests).
     *
     * @throws JournalException if the commit fails
     */
    public synchronized JournalRecord appendDurably(JournalEvent event, Instant time) {
        JournalRecord record = add(event, time);
        commit();
        return record;
    }

    /** Commits buffered records. */
    public synchronized void flush() {
        checkUsable();
        commit();
    }

    private JournalRecord add(JournalEvent event, Instant time) {
        Checks.notNull(event, "event");
        Checks.notNull(time, "time");
        checkUsable();
        long seq = lastSeq + 1;
        Instant t = EventCodec.micros(time);
        Instant received = EventCodec.micros(options.wallClock().instant());
        String payload = EventCodec.encode(seq, t, received, event);
        String hash = EventCodec.chainHash(headHash, payload);
        pending.add(new JournalStore.Row(seq, payload, hash));
        lastSeq = seq;
        headHash = hash;
        if (seq - lastCheckpointSeq >= options.checkpointInterval()) {
            pendingCheckpoints.add(new JournalStore.Checkpoint(seq, hash, EventCodec.formatMicros(options.wallClock().instant())));
            lastCheckpointSeq = seq;
            LOG.info("journal {}: checkpoint seq {} head {}", store.location(), seq, hash);
        }
        return new JournalRecord(seq, t, received, event, hash);
    }

    private void commit() {
        if (pending.isEmpty() && pendingCheckpoints.isEmpty()) {
            return;
        }
        try {
            store.append(List.copyOf(pending), List.copyOf(pendingCheckpoints));
            pending.clear();
            pendingCheckpoints.clear();
        } catch (JournalException e) {
            failure = e;
            throw e;
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new JournalException("journal " + store.location() + " is closed");
        }
        if (failure != null) {
            throw new JournalException("journal " + store.location() + " failed earlier and accepts no appends: "
                    + failure.getMessage(), failure);
        }
    }

    /** The sequence number of the last appended record (committed or buffered), 0 when empty. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The hash of the last appended record, 64 zeros when empty. */
    public synchronized String headHash() {
        return headHash;
    }

    /** Where the journal lives, for messages. */
    public String location() {
        return store.location();
    }

    /**
     * Commits buffered records, then calls {@code sink} for every record from {@code fromSeq} on,
     * in order, checking the chain as it goes.
     *
     * @throws JournalException naming the first sequence number that is missing, does not decode
     *                          or does not chain
     */
    public synchronized void replay(long fromSeq, Consumer<JournalRecord> sink) {
        Checks.positive(fromSeq, "fromSeq");
        checkUsable();
        commit();
        String previous = fromSeq == 1 ? EventCodec.GENESIS_HASH
                : store.row(fromSeq - 1).map(JournalStore.Row::hash).orElseThrow(() -> new JournalException(
                        "journal " + store.location() + ": seq " + (fromSeq - 1) + " is missing"));
        long[] expected = {fromSeq};
        String[] prev = {previous};
        store.scan(fromSeq, row -> {
            if (row.seq() != expected[0]) {
                throw new JournalException("journal " + store.location() + ": seq " + expected[0] + " is missing");
            }
            JournalRecord record;
            try {
                record = EventCodec.decode(row.payload(), row.hash());
            } catch (IllegalArgumentException e) {
                throw new JournalException("journal " + store.location() + ": seq " + row.seq() + ": " + e.getMessage());
            }
            if (record.seq() != row.seq() || !EventCodec.chainHash(prev[0], row.payload()).equals(row.hash())) {
                throw new JournalException("journal " + store.location() + ": seq " + row.seq() + " does not chain");
            }
            prev[0] = row.hash();
            expected[0]++;
            sink.accept(record);
        });
    }

    /** Commits buffered records and closes the store. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                commit();
            }
        } finally {
            closed = true;
            store.close();
        }
    }
}
