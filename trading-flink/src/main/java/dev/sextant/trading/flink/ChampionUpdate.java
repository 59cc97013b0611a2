package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A new champion for the job's instrument stage, sent on its broadcast stream: the bundle, its
 * SHA-256 as the model registry records it ({@link ModelRegistry#digest}), and the bar close from
 * which it decides. Every instrument's bars whose close is at or after {@code effectiveFrom} are
 * decided by this bundle (until a later update takes over), those before by the previous one.
 *
 * @param bundle        the bundle (directory or zip) every task manager can read at this path
 * @param digest        its SHA-256 (64 lowercase hex digits), checked before it is used
 * @param effectiveFrom the first bar close (epoch milliseconds) it decides
 */
public record ChampionUpdate(String bundle, String digest, long effectiveFrom) {
    /** Validates. */
    public ChampionUpdate {
        Checks.notBlank(bundle, "bundle");
        Checks.notBlank(digest, "digest");
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("digest must be 64 lowercase hex digits but was '" + digest + "'");
        }
        if (effectiveFrom == Long.MIN_VALUE) {
            throw new IllegalArgumentException("effectiveFrom must be a bar close, not Long.MIN_VALUE");
        }
    }

    /**
     * The update for {@code bundle} as it is on disk now (its digest read from it), effective from
     * the bar closing at {@code effectiveFrom}.
     */
    public static ChampionUpdate of(Path bundle, Instant effectiveFrom) {
        Checks.notNull(bundle, "bundle");
        Checks.notNull(effectiveFrom, "effectiveFrom");
        return new ChampionUpdate(bundle.toAbsolutePath().toString(), ModelRegistry.digest(bundle),
                effectiveFrom.toEpochMilli());
    }

    /**
     * Loads the bundle after checking that it still has this digest; {@link ModelBundle#load}
     * then verifies every file against the bundle's checksums.
     *
     * @throws ModelLoadException if the digest differs or the bundle fails verification
     */
    public ModelBundle load() {
        Path path = Path.of(bundle);
        String actual;
        try {
            actual = ModelRegistry.digest(path);
        } catch (RuntimeException e) {
            throw new ModelLoadException("champion bundle " + bundle + " cannot be read: " + e.getMessage(), e);
        }
        if (!actual.equals(digest)) {
            throw new ModelLoadException("champion bundle " + bundle + " has SHA-256 " + actual + " but the update names "
                    + digest);
        }
        return ModelBundle.load(path);
    }
}
