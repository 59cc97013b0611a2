package dev.sextant.examples.cli;

import dev.sextant.trading.features.FeatureSpec;
import picocli.CommandLine.Option;

/** The {@code --set} option: the built-in feature set a command computes. */
final class FeatureSetOption {
    @Option(names = "--set", defaultValue = "standard-24", description = "Feature set (default ${DEFAULT-VALUE}).")
    String set;

    /** The feature set {@code --set} names. */
    FeatureSpec spec() {
        return FeatureSpec.named(set);
    }
}
