package dev.sextant.trading.flink.internal;

/**
 * One task of a walk-forward sweep: an instrument's bars file and a configuration's index. Public
 * (in this internal package) so that Flink serializes it as a record, without Kryo.
 *
 * @param file          the bars file
 * @param configuration the index of the configuration
 */
public record SweepTask(String file, int configuration) {
}
