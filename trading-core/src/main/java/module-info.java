/**
 * Sextant's vocabulary: instruments, bars, series, time frames, signals, orders, fills,
 * positions, portfolio and clocks, plus validated market-data IO and resampling.
 */
module dev.sextant.trading.core {
    requires tools.jackson.databind;
    requires org.slf4j;
    requires ch.randelshofer.fastdoubleparser;

    exports dev.sextant.trading.core;
    exports dev.sextant.trading.core.io;
    exports dev.sextant.trading.core.stats;
    // The bar rules, so that the optional Parquet reader rejects exactly what the CSV readers reject.
    exports dev.sextant.trading.core.internal to dev.sextant.trading.parquet;
}
