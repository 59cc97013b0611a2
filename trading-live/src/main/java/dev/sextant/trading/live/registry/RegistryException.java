package dev.sextant.trading.live.registry;

import java.nio.file.Path;

/**
 * A request the {@link ModelRegistry} refuses: an unknown version, an illegal stage change, or a
 * bundle whose content is not what was registered. Each kind is a subclass; the message is one
 * line naming the registry, the version and the value. Failures of the database itself are
 * {@link dev.sextant.trading.live.JournalException}s.
 */
public abstract sealed class RegistryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    RegistryException(String message) {
        super(message);
    }

    RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No version with that number, or no version in the stage asked for. */
    public static final class UnknownVersion extends RegistryException {
        private static final long serialVersionUID = 1L;

        /** An error naming the registry and what was looked for. */
        public UnknownVersion(String registry, String what) {
            super("registry " + registry + ": " + what);
        }
    }

    /** A stage change that {@link StageTable} does not list. */
    public static final class IllegalTransition extends RegistryException {
        private static final long serialVersionUID = 1L;
        private final transient Stage from;
        private final transient Move move;
        private final transient Stage to;

        /** An error naming the version, its stage, the move and the stage asked for. */
        public IllegalTransition(long version, Stage from, Move move, Stage to) {
            super("version " + version + " is " + from + ": " + move + " to " + to + " is not a legal stage change"
                    + hint(from, move, to));
            this.from = from;
            this.move = move;
            this.to = to;
        }

        private static String hint(Stage from, Move move, Stage to) {
            if (from == Stage.CHAMPION && move == Move.RETIRE) {
                return " (promote another version to champion or roll back instead)";
            }
            if (from == Stage.RETIRED && to == Stage.CHAMPION) {
                return " (only a rollback restores a retired champion)";
            }
            return "";
        }

        /** The version's stage. */
        public Stage from() {
            return from;
        }

        /** The move asked for. */
        public Move move() {
            return move;
        }

        /** The stage asked for. */
        public Stage to() {
            return to;
        }
    }

    /** A bundle that fails verification, or whose SHA-256 differs from the one registered. */
    public static final class BundleRejected extends RegistryException {
        private static final long serialVersionUID = 1L;

        /** An error naming the bundle and what is wrong. */
        public BundleRejected(Path bundle, String problem, Throwable cause) {
            super("bundle " + bundle + ": " + problem, cause);
        }
    }
}
