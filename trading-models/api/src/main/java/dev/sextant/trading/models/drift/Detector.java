package dev.sextant.trading.models.drift;

import java.util.Locale;

/** The statistic behind a {@link DriftAlert}. */
public enum Detector {
    /** Population stability index of a rolling window against the reference grid. */
    PSI,
    /** Kolmogorov-Smirnov distance of a rolling window against the reference grid, at its cut points. */
    KS,
    /** Page-Hinkley test on the stream of realised per-bar log losses. */
    PAGE_HINKLEY;

    /** The lowercase name, e.g. {@code page_hinkley}: stable, for files and metric tags. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
