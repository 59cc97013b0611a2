package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import java.time.InstantSource;

/**
 * How a {@link Journal} commits.
 *
 * <p>Group commit: appends are buffered and written in one transaction when {@code groupSize}
 * records are waiting, when a durable append ({@link Journal#appendDurably}) is made, and on
 * {@link Journal#flush()} and {@link Journal#close()}. A power loss can therefore lose at most the
 * buffered records, never one appended durably (an order or cancel request) nor anything before it.
 *
 * @param groupSize          most records held before a commit; 1 commits every record
 * @param checkpointInterval a checkpoint of the chain head is written at least every this many records
 * @param wallClock          the wall clock for receive times
 */
public record JournalOptions(int groupSize, int checkpointInterval, InstantSource wallClock) {

    /** The default group size: 256 records. */
    public static final int DEFAULT_GROUP_SIZE = 256;
    /** The default checkpoint interval: 1,000 records. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 1_000;

    /** Validates every field. */
    public JournalOptions {
        Checks.positive(groupSize, "groupSize");
        Checks.positive(checkpointInterval, "checkpointInterval");
        Checks.notNull(wallClock, "wallClock");
    }

    /** Group size 256, a checkpoint every 1,000 records, the system clock. */
    public static JournalOptions defaults() {
        return new JournalOptions(DEFAULT_GROUP_SIZE, DEFAULT_CHECKPOINT_INTERVAL, InstantSource.system());
    }

    /** A copy with another group size. */
    public JournalOptions withGroupSize(int value) {
        return new JournalOptions(value, checkpointInterval, wallClock);
    }

    /** A copy with another checkpoint interval. */
    public JournalOptions withCheckpointInterval(int value) {
        return new JournalOptions(groupSize, value, wallClock);
    }

    /** A copy with another wall clock. */
    public JournalOptions withWallClock(InstantSource value) {
        return new JournalOptions(groupSize, checkpointInterval, value);
    }
}
