package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;

/** The outcome of checking a journal's hash chain ({@link AuditTrail#verify}). */
public sealed interface AuditVerification {

    /** Whether the journal is intact. */
    default boolean isIntact() {
        return this instanceof Intact;
    }

    /**
     * Every record is present, in order, decodes, is canonical and chains; every checkpoint matches.
     *
     * @param records     the number of records
     * @param headHash    the last record's hash (64 zeros for an empty journal)
     * @param checkpoints the number of checkpoints checked
     */
    record Intact(long records, String headHash, int checkpoints) implements AuditVerification {
        /** Validates every field. */
        public Intact {
            Checks.nonNegative(records, "records");
            Checks.notBlank(headHash, "headHash");
            Checks.nonNegative(checkpoints, "checkpoints");
        }
    }

    /**
     * The first record that fails.
     *
     * @param seq     its sequence number
     * @param problem what is wrong: missing, modified, out of order, not chained
     */
    record Broken(long seq, String problem) implements AuditVerification {
        /** Validates every field. */
        public Broken {
            Checks.positive(seq, "seq");
            Checks.notBlank(problem, "problem");
        }
    }
}
