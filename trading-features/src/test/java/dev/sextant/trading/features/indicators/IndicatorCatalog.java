package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.TimeFrame;
import java.util.List;
import java.util.function.Supplier;

/** Every indicator class with typical and edge parameters, for properties over all of them. */
final class IndicatorCatalog {
    private IndicatorCatalog() {
    }

    static List<Supplier<Indicator>> all() {
        return List.of(
                () -> new Sma(10), () -> new Sma(1), () -> new Sma(20, Source.VOLUME),
                () -> new Ema(9), () -> new Ema(1), () -> new Ema(21, Source.TYPICAL),
                () -> new Wma(10), () -> new Wma(1),
                () -> new Rsi(14), () -> new Rsi(2),
                Macd::new, () -> new Macd(3, 5, 2, Source.MEDIAN),
                BollingerBands::new, () -> new BollingerBands(5, 1.5, Source.OPEN),
                Stochastic::new, () -> new Stochastic(5, 1),
                WilliamsR::new, Cci::new, () -> new Cci(3),
                Adx::new, () -> new Adx(3),
                Atr::new, () -> new Atr(1),
                Obv::new,
                () -> new Vwap(20), () -> new Vwap(3, 1.0),
                SessionVwap::new, () -> new SessionVwap(TimeFrame.M15),
                () -> new RollingStdDev(20), () -> new RollingStdDev(1),
                () -> new ZScore(20), () -> new ZScore(2, Source.VOLUME),
                LogReturn::new, () -> new LogReturn(5, Source.HIGH),
                () -> new RollingMax(14, Source.HIGH), () -> new RollingMin(14, Source.LOW), () -> new RollingMax(1),
                () -> new Roc(10), () -> new Roc(3, Source.VOLUME),
                () -> new LinearRegressionSlope(20), () -> new LinearRegressionSlope(2),
                Mfi::new, () -> new Mfi(2),
                KeltnerChannel::new, () -> new KeltnerChannel(5, 1.0, 8),
                () -> new DonchianChannel(20), () -> new DonchianChannel(1),
                () -> new RollingSkewness(20), () -> new RollingSkewness(3, Source.VOLUME),
                () -> new RollingPercentileRank(30, Source.CLOSE),
                () -> new ChainedIndicator(new Obv(), 0, new ZScore(20)),
                () -> new ChainedIndicator(new LogReturn(), 0, new RollingStdDev(20)),
                () -> new ChainedIndicator(new ChainedIndicator(new LogReturn(), 0, new RollingStdDev(5)), 0,
                        new RollingPercentileRank(10, Source.CLOSE)));
    }
}
