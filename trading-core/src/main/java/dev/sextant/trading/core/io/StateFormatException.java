package dev.sextant.trading.core.io;

/**
 * A saved streaming state that cannot be restored: one line naming the state's kind, what is
 * wrong ({@link #problem()}) and the detail, e.g. {@code "feature engine state: foreign: saved for
 * spec hash 3f2a... but the engine computes standard-24 (hash 9c01...)"}. An
 * {@link IllegalArgumentException}: it is bad input, and the object it was restored into is left
 * in its initial (cold) state.
 */
public final class StateFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the bytes. */
    public enum Problem {
        /** Fewer bytes than the header or the payload length says. */
        TRUNCATED,
        /** Bytes that are not a state of this kind, fail the checksum, or hold an impossible value. */
        CORRUPT,
        /** A format version this code does not read. */
        UNSUPPORTED_VERSION,
        /** A well-formed state of another kind, spec or configuration than the object restored into. */
        FOREIGN;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    private final String kind;
    private final Problem problem;

    /**
     * @param kind    the state's kind, e.g. {@code "feature engine state"}
     * @param problem what is wrong
     * @param detail  where and which value, one line
     */
    public StateFormatException(String kind, Problem problem, String detail) {
        super(kind + ": " + problem.label() + ": " + MarketDataException.abbreviate(detail, 400));
        this.kind = kind;
        this.problem = problem;
    }

    /** The state's kind, e.g. {@code "feature engine state"}. */
    public String kind() {
        return kind;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }
}
