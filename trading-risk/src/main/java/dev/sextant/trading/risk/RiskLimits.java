package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every limit the pre-trade check chain enforces, grouped by concern. Immutable; change limits
 * intraday by building a new value ({@link #toBuilder()}) and passing it to
 * {@link RiskEngine#setLimits}.
 *
 * <p>Limits load from JSON ({@link #fromJson}, {@link #load}); every field is optional and takes
 * its default when absent, unknown fields are errors, and {@code null} means "no limit" for the
 * limits that may be unlimited. See docs/risk.md for the format.
 *
 * @param orders                single-order and order-stream limits
 * @param exposure              position and exposure limits
 * @param losses                daily loss and drawdown limits and the session
 * @param var                   the value-at-risk limit and its estimation
 * @param killSwitch            automatic kill-switch triggers
 * @param restrictedInstruments instruments (id {@code SYMBOL@VENUE} or symbol) that may not take
 *                              new risk
 * @param allowResize           whether a check may reduce an order to what its limit allows
 *                              (true, default) or must reject it (false)
 */
public record RiskLimits(
        OrderLimits orders, ExposureLimits exposure, LossLimits losses, VarPolicy var, KillSwitchPolicy killSwitch,
        Set<String> restrictedInstruments, boolean allowResize) {

    /** Validates the fields and copies the set. */
    public RiskLimits {
        Checks.notNull(orders, "orders");
        Checks.notNull(exposure, "exposure");
        Checks.notNull(losses, "losses");
        Checks.notNull(var, "var");
        Checks.notNull(killSwitch, "killSwitch");
        restrictedInstruments = Set.copyOf(Checks.notNull(restrictedInstruments, "restrictedInstruments"));
    }

    /** The defaults: 5% max position, 2% daily loss, 10% drawdown, 2% one-day 95% VaR, and so on. */
    public static RiskLimits defaults() {
        return new RiskLimits(OrderLimits.DEFAULTS, ExposureLimits.DEFAULTS, LossLimits.DEFAULTS, VarPolicy.DEFAULTS,
                KillSwitchPolicy.DEFAULTS, Set.of(), true);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Parses limits from a JSON document.
     *
     * @param json   the document
     * @param source name of the document for error messages (e.g. a file name)
     * @throws InvalidLimitsException if the JSON is malformed, a field is unknown or mistyped, or
     *                                a value is out of range; the message names the field
     */
    public static RiskLimits fromJson(String json, String source) {
        return LimitsJson.read(Checks.notNull(json, "json"), Checks.notNull(source, "source"));
    }

    /**
     * Reads limits from a JSON stream (closed afterwards).
     *
     * @throws InvalidLimitsException if the document is invalid
     * @throws UncheckedIOException   if the stream cannot be read
     */
    public static RiskLimits read(InputStream in, String source) {
        try (in) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidLimitsException(source, "", "is larger than " + MAX_FILE_BYTES
                        + " bytes; a limits document is a few KB", null);
            }
            return fromJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /** Largest limits file {@link #load} reads: {@value} bytes (a limits document is a few KB). */
    public static final long MAX_FILE_BYTES = 1L << 20;

    /**
     * Reads limits from a JSON file of at most {@link #MAX_FILE_BYTES} bytes.
     *
     * @throws InvalidLimitsException if the document is invalid, not a regular file, too large or
     *                                not UTF-8
     * @throws UncheckedIOException   if the file cannot be read, with the operating system's reason
     */
    public static RiskLimits load(Path file) {
        Checks.notNull(file, "file");
        String source = file.toString();
        try {
            if (!Files.exists(file)) {
                throw new UncheckedIOException("cannot read risk limits " + source + ": no such file",
                        new java.nio.file.NoSuchFileException(source));
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidLimitsException(source, "", "is not a regular file", null);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidLimitsException(source, "", "is larger than " + MAX_FILE_BYTES
                        + " bytes; a limits document is a few KB", null);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidLimitsException(source, "", "is not UTF-8 text", e);
            }
            return fromJson(text, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read risk limits " + source + ": " + e.getMessage(), e);
        }
    }

    /** These limits as a JSON document that {@link #fromJson} reads back to an equal value. */
    public String toJson() {
        return LimitsJson.write(this);
    }

    /**
     * A mutable builder of {@link RiskLimits} with one setter per field. Values are validated by
     * {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private double priceCollarFraction;
        private double maxOrderQuantity;
        private Map<String, Double> maxOrderQuantityByInstrument;
        private double maxOrderValue;
        private double maxOrderValueFraction;
        private int maxOrdersPerWindow;
        private long orderRateWindowMillis;
        private int maxRepeatedOrders;
        private long repeatedOrderWindowMillis;
        private long duplicateWindowMillis;
        private long maxMarkAgeMillis;
        private double maxPositionFraction;
        private double maxGrossExposure;
        private double maxLeverage;
        private double maxNetExposureFraction;
        private int maxConcurrentPositions;
        private Map<String, String> sectors;
        private Map<String, Double> maxSectorFraction;
        private Map<AssetClass, Double> maxAssetClassFraction;
        private double dailyLossLimitFraction;
        private double maxDrawdownFraction;
        private LocalTime sessionResetTime;
        private ZoneId sessionZone;
        private VarPolicy var;
        private KillSwitchPolicy killSwitch;
        private Set<String> restrictedInstruments;
        private boolean allowResize;

        private Builder(RiskLimits l) {
            OrderLimits o = l.orders;
            priceCollarFraction = o.priceCollarFraction();
            maxOrderQuantity = o.maxOrderQuantity();
            maxOrderQuantityByInstrument = new HashMap<>(o.maxOrderQuantityByInstrument());
            maxOrderValue = o.maxOrderValue();
            maxOrderValueFraction = o.maxOrderValueFraction();
            maxOrdersPerWindow = o.maxOrdersPerWindow();
            orderRateWindowMillis = o.orderRateWindowMillis();
            maxRepeatedOrders = o.maxRepeatedOrders();
            repeatedOrderWindowMillis = o.repeatedOrderWindowMillis();
            duplicateWindowMillis = o.duplicateWindowMillis();
            maxMarkAgeMillis = o.maxMarkAgeMillis();
            ExposureLimits e = l.exposure;
            maxPositionFraction = e.maxPositionFraction();
            maxGrossExposure = e.maxGrossExposure();
            maxLeverage = e.maxLeverage();
            maxNetExposureFraction = e.maxNetExposureFraction();
            maxConcurrentPositions = e.maxConcurrentPositions();
            sectors = new HashMap<>(e.sectors());
            maxSectorFraction = new HashMap<>(e.maxSectorFraction());
            maxAssetClassFraction = new HashMap<>(e.maxAssetClassFraction());
            dailyLossLimitFraction = l.losses.dailyLossLimitFraction();
            maxDrawdownFraction = l.losses.maxDrawdownFraction();
            sessionResetTime = l.losses.sessionResetTime();
            sessionZone = l.losses.sessionZone();
            var = l.var;
            killSwitch = l.killSwitch;
            restrictedInstruments = new HashSet<>(l.restrictedInstruments);
            allowResize = l.allowResize;
        }

        /** See {@link OrderLimits#priceCollarFraction()}. */
        public Builder priceCollarFraction(double v) {
            priceCollarFraction = v;
            return this;
        }

        /** See {@link OrderLimits#maxOrderQuantity()}. */
        public Builder maxOrderQuantity(double v) {
            maxOrderQuantity = v;
            return this;
        }

        /** Sets the maximum order quantity of one instrument (id {@code SYMBOL@VENUE} or symbol). */
        public Builder maxOrderQuantity(String instrument, double v) {
            maxOrderQuantityByInstrument.put(Checks.notBlank(instrument, "instrument"), v);
            return this;
        }

        /** See {@link OrderLimits#maxOrderValue()}. */
        public Builder maxOrderValue(double v) {
            maxOrderValue = v;
            return this;
        }

        /** See {@link OrderLimits#maxOrderValueFraction()}. */
        public Builder maxOrderValueFraction(double v) {
            maxOrderValueFraction = v;
            return this;
        }

        /** Sets the order-rate throttle: at most {@code maxOrders} per {@code windowMillis}. */
        public Builder orderRate(int maxOrders, long windowMillis) {
            maxOrdersPerWindow = maxOrders;
            orderRateWindowMillis = windowMillis;
            return this;
        }

        /** Sets the repeated-execution throttle: at most {@code maxOrders} per instrument and side per window. */
        public Builder repeatedOrders(int maxOrders, long windowMillis) {
            maxRepeatedOrders = maxOrders;
            repeatedOrderWindowMillis = windowMillis;
            return this;
        }

        /** See {@link OrderLimits#duplicateWindowMillis()}. */
        public Builder duplicateWindowMillis(long v) {
            duplicateWindowMillis = v;
            return this;
        }

        /** See {@link OrderLimits#maxMarkAgeMillis()}. */
        public Builder maxMarkAgeMillis(long v) {
            maxMarkAgeMillis = v;
            return this;
        }

        /** See {@link ExposureLimits#maxPositionFraction()}. */
        public Builder maxPositionFraction(double v) {
            maxPositionFraction = v;
            return this;
        }

        /** See {@link ExposureLimits#maxGrossExposure()}. */
        public Builder maxGrossExposure(double v) {
            maxGrossExposure = v;
            return this;
        }

        /** See {@link ExposureLimits#maxLeverage()}. */
        public Builder maxLeverage(double v) {
            maxLeverage = v;
            return this;
        }

        /** See {@link ExposureLimits#maxNetExposureFraction()}. */
        public Builder maxNetExposureFraction(double v) {
            maxNetExposureFraction = v;
            return this;
        }

        /** See {@link ExposureLimits#maxConcurrentPositions()}. */
        public Builder maxConcurrentPositions(int v) {
            maxConcurrentPositions = v;
            return this;
        }

        /** Assigns {@code instrument} (id or symbol) to {@code sector}. */
        public Builder sector(String instrument, String sector) {
            sectors.put(Checks.notBlank(instrument, "instrument"), Checks.notBlank(sector, "sector"));
            return this;
        }

        /** Limits the gross exposure of {@code sector} to {@code fraction} of equity. */
        public Builder maxSectorFraction(String sector, double fraction) {
            maxSectorFraction.put(Checks.notBlank(sector, "sector"), fraction);
            return this;
        }

        /** Limits the gross exposure of {@code assetClass} to {@code fraction} of equity. */
        public Builder maxAssetClassFraction(AssetClass assetClass, double fraction) {
            maxAssetClassFraction.put(Checks.notNull(assetClass, "assetClass"), fraction);
            return this;
        }

        /** See {@link LossLimits#dailyLossLimitFraction()}. */
        public Builder dailyLossLimitFraction(double v) {
            dailyLossLimitFraction = v;
            return this;
        }

        /** See {@link LossLimits#maxDrawdownFraction()}. */
        public Builder maxDrawdownFraction(double v) {
            maxDrawdownFraction = v;
            return this;
        }

        /** Sets when a new session (for daily PnL) starts. */
        public Builder session(LocalTime resetTime, ZoneId zone) {
            sessionResetTime = resetTime;
            sessionZone = zone;
            return this;
        }

        /** Replaces the VaR policy. */
        public Builder var(VarPolicy v) {
            var = v;
            return this;
        }

        /** Sets the VaR limit (fraction of equity) keeping the other VaR settings. */
        public Builder varLimitFraction(double v) {
            var = new VarPolicy(v, var.confidence(), var.method(), var.lookbackDays(), var.minObservations(),
                    var.fallbackDailyVolatility(), var.monteCarloPaths(), var.monteCarloSeed());
            return this;
        }

        /** Replaces the kill-switch policy. */
        public Builder killSwitch(KillSwitchPolicy v) {
            killSwitch = v;
            return this;
        }

        /** Adds {@code instrument} (id or symbol) to the restricted list. */
        public Builder restrict(String instrument) {
            restrictedInstruments.add(Checks.notBlank(instrument, "instrument"));
            return this;
        }

        /** Removes {@code instrument} from the restricted list. */
        public Builder unrestrict(String instrument) {
            restrictedInstruments.remove(instrument);
            return this;
        }

        /** See {@link RiskLimits#allowResize()}. */
        public Builder allowResize(boolean v) {
            allowResize = v;
            return this;
        }

        /**
         * Builds and validates the limits.
         *
         * @throws IllegalArgumentException naming the first invalid field
         */
        public RiskLimits build() {
            return new RiskLimits(
                    new OrderLimits(priceCollarFraction, maxOrderQuantity, maxOrderQuantityByInstrument, maxOrderValue,
                            maxOrderValueFraction, maxOrdersPerWindow, orderRateWindowMillis, maxRepeatedOrders,
                            repeatedOrderWindowMillis, duplicateWindowMillis, maxMarkAgeMillis),
                    new ExposureLimits(maxPositionFraction, maxGrossExposure, maxLeverage, maxNetExposureFraction,
                            maxConcurrentPositions, sectors, maxSectorFraction, maxAssetClassFraction),
                    new LossLimits(dailyLossLimitFraction, maxDrawdownFraction, sessionResetTime, sessionZone),
                    var, killSwitch, restrictedInstruments, allowResize);
        }
    }
}
