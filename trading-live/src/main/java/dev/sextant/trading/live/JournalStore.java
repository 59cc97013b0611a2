package dev.sextant.trading.live;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Storage of a journal's rows: the SPI a database backend implements. It stores what it is given
 * (sequence number, canonical payload, hash) and knows nothing of events or hash chains; the
 * {@link Journal} builds and checks those. {@link JournalStores} has the SQLite and PostgreSQL
 * implementations; both pass one conformance suite.
 *
 * <p>Contract: {@link #append} is atomic (all rows and checkpoints or none) and durable when it
 * returns; rows are read back in ascending {@code seq} exactly as written. Implementations are
 * used by one {@link Journal} at a time and need not be thread-safe.
 */
public interface JournalStore extends AutoCloseable {

    /**
     * A stored row.
     *
     * @param seq     sequence number
     * @param payload the record's canonical JSON
     * @param hash    the chained hash as written
     */
    record Row(long seq, String payload, String hash) {
    }

    /**
     * A checkpoint of the chain head.
     *
     * @param seq       the sequence number of the head record
     * @param hash      the head record's hash
     * @param createdAt wall-clock time of the checkpoint, ISO-8601 UTC
     */
    record Checkpoint(long seq, String hash, String createdAt) {
    }

    /**
     * Appends rows and checkpoints in one transaction; durable when this returns.
     *
     * @throws JournalException if the database fails or a sequence number is already taken
     */
    void append(List<Row> rows, List<Checkpoint> checkpoints);

    /** The row with the highest sequence number, if any. */
    Optional<Row> last();

    /** The row {@code seq}, if stored. */
    Optional<Row> row(long seq);

    /** Calls {@code sink} for every row with {@code seq >= fromSeq}, in ascending order of the stored {@code seq}. */
    void scan(long fromSeq, Consumer<Row> sink);

    /** All checkpoints, ascending by sequence number. */
    List<Checkpoint> checkpoints();

    /**
     * Moves the row {@code seq} (a torn last record) out of the journal into a quarantine kept for
     * forensics, with {@code reason}; atomic.
     */
    void quarantine(long seq, String reason);

    /** Rows moved to quarantine so far, oldest first. */
    List<Row> quarantined();

    /** Where the journal lives, for messages (e.g. {@code sqlite:/data/j.db}); no credentials. */
    String location();

    /** Closes the database connection. */
    @Override
    void close();
}
