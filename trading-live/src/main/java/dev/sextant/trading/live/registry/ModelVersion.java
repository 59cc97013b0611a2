package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * A model version in a {@link ModelRegistry}: a verified bundle, its stage and lineage.
 *
 * @param version       the registry's number for it, 1, 2, ... in order of registration
 * @param bundleId      the bundle's id (manifest)
 * @param bundleVersion the bundle's own version (manifest)
 * @param digest        SHA-256 of the bundle: of its {@code bundle.sha256} for a directory (which
 *                      covers the manifest and every model file), of the file for a zip
 * @param location      where the bundle is, absolute
 * @param stage         its stage now
 * @param registeredAt  when it was registered (wall clock)
 * @param lineage       where it came from
 */
public record ModelVersion(long version, String bundleId, String bundleVersion, String digest, String location,
        Stage stage, Instant registeredAt, Lineage lineage) {

    /** Validates every field. */
    public ModelVersion {
        Checks.positive(version, "version");
        Checks.notBlank(bundleId, "bundleId");
        Checks.notBlank(bundleVersion, "bundleVersion");
        Checks.notBlank(digest, "digest");
        Checks.notBlank(location, "location");
        Checks.notNull(stage, "stage");
        Checks.notNull(registeredAt, "registeredAt");
        Checks.notNull(lineage, "lineage");
    }

    /** {@code bundleId bundleVersion}, as signals and the journal name a model. */
    public String label() {
        return bundleId + " " + bundleVersion;
    }
}
