/**
 * Sextant features: streaming technical indicators with exactly matching batch computations,
 * named and versioned feature sets ({@code standard-24}, {@code extended-35}), a feature engine
 * that produces the same vectors live and in training, scalers, sequence windows, multi-timeframe
 * and as-of joins, and optional Ta4j interop.
 *
 * <p>Ta4j is optional: {@code ta4j-core} is a provided dependency and is read with
 * {@code requires static}. Its jar has no {@code Automatic-Module-Name}, so on the module path it
 * is the automatic module {@code ta4j.core} derived from the file name {@code ta4j-core-x.y.z.jar};
 * only {@link dev.sextant.trading.features.ta4j} needs it.
 */
module dev.sextant.trading.features {
    requires transitive dev.sextant.trading.core;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires static ta4j.core;

    exports dev.sextant.trading.features;
    exports dev.sextant.trading.features.indicators;
    exports dev.sextant.trading.features.ta4j;
    // The pipeline saves its per-instrument ATR with the indicators' state codec.
    exports dev.sextant.trading.features.internal to dev.sextant.trading.engine;
}
