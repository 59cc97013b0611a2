package dev.sextant.trading.broker.paper;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TradeCost;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of a {@link PaperBroker}. Build with {@link #builder()}; every field has a default.
 *
 * @param initialCash         starting cash in {@code currency}, positive (default 100,000)
 * @param currency            account currency code (default {@code USD})
 * @param costModel           spread, commission and impact (default {@link CostModel#ZERO}):
 *                            half the spread and the impact move marketable fill prices, the
 *                            commission is charged as the fill's fee. Impact uses the bar's
 *                            range (high - low) / open as volatility and the bar's volume.
 * @param slippage            extra price slippage of marketable fills (default none)
 * @param latencyMillis       delay in ms before an order or a cancel/replace reaches the
 *                            simulated venue, non-negative (default 0)
 * @param latencyJitterMillis uniform random extra delay in [0, jitter] ms drawn from {@code seed},
 *                            non-negative (default 0)
 * @param maxParticipation    largest share of a bar's (or trade's) volume that the broker's
 *                            orders may fill together, in (0, 1], or {@link #NO_PARTICIPATION_CAP}
 *                            (default 1: never more than the traded volume)
 * @param leverage            buying power as a multiple of equity, positive (default 1)
 * @param seed                seed of the random latency jitter (default 0)
 * @param sessionZone         time zone whose calendar day bounds a DAY order (default UTC)
 */
public record PaperBrokerConfig(
        double initialCash, String currency, CostModel costModel, Slippage slippage, long latencyMillis,
        long latencyJitterMillis, double maxParticipation, double leverage, long seed, ZoneId sessionZone) {

    /** A {@link #maxParticipation()} that lets orders fill any quantity regardless of volume. */
    public static final double NO_PARTICIPATION_CAP = Double.POSITIVE_INFINITY;

    private static final Set<String> KEYS = Set.of("initialCash", "currency", "spreadBps", "commissionBps",
            "commissionPerUnit", "minCommission", "impactCoefficient", "slippage", "latencyMillis",
            "latencyJitterMillis", "maxParticipation", "leverage", "seed", "sessionZone");

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
    public PaperBrokerConfig {
        Checks.positive(initialCash, "initialCash");
        Checks.notBlank(currency, "currency");
        Checks.notNull(costModel, "costModel");
        Checks.notNull(slippage, "slippage");
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be non-negative but was " + latencyMillis);
        }
        if (latencyJitterMillis < 0) {
            throw new IllegalArgumentException("latencyJitterMillis must be non-negative but was " + latencyJitterMillis);
        }
        if (maxParticipation != NO_PARTICIPATION_CAP) {
            Checks.inRange(maxParticipation, Double.MIN_VALUE, 1.0, "maxParticipation");
        }
        Checks.positive(leverage, "leverage");
        Checks.notNull(sessionZone, "sessionZone");
    }

    /**
     * The price at which the paper broker fills a marketable quantity (a market order, a stop, a
     * limit filled at the open), before any limit-price cap: {@code rawPrice} moved against the
     * order by the cost model's half spread and impact and by the {@link #slippage()}, rounded to
     * the tick (the paper broker then caps it at a limit price and floors it at one tick). The paper broker and the reinforcement-learning environment
     * both price fills with this method, so they cannot drift apart.
     *
     * @param instrument the instrument (tick size)
     * @param sign       +1 for a buy, -1 for a sell
     * @param quantity   the filled quantity, positive
     * @param rawPrice   the touched price (the bar's open for a market order), positive
     * @param volume     the bar's or trade's volume, non-negative (0 when unknown)
     * @param volatility the bar's range as a fraction of its open (0 for a trade), non-negative
     */
    public double marketableFillPrice(Instrument instrument, int sign, double quantity, double rawPrice, double volume,
            double volatility) {
        TradeCost cost = costModel.cost(quantity, rawPrice, volatility, volume);
        double slip = cost.slippagePerUnit(quantity) + rawPrice * slippage.fraction(quantity, volume);
        return instrument.roundPrice(rawPrice + sign * slip);
    }

    /**
     * The fee the paper broker charges on a fill: the cost model's commission at the fill price.
     *
     * @param quantity filled quantity, positive
     * @param price    fill price, positive
     */
    public double fee(double quantity, double price) {
        return costModel.cost(quantity, price, 0, 0).commission();
    }

    /** The default settings. */
    public static PaperBrokerConfig defaults() {
        return builder().build();
    }

    /** A builder with the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().initialCash(initialCash).currency(currency).costModel(costModel).slippage(slippage)
                .latencyMillis(latencyMillis).latencyJitterMillis(latencyJitterMillis)
                .maxParticipation(maxParticipation).leverage(leverage).seed(seed).sessionZone(sessionZone);
    }

    /**
     * Settings from strings, for configuration files and the command line. Keys: {@code initialCash,
     * currency, spreadBps, commissionBps, commissionPerUnit, minCommission, impactCoefficient,
     * slippage} ({@code none}, {@code bps:5} or {@code volume:50}), {@code latencyMillis,
     * latencyJitterMillis, maxParticipation} (a fraction or {@code none}), {@code leverage, seed,
     * sessionZone} (e.g. {@code America/New_York}). Missing keys keep their defaults.
     *
     * @throws BrokerException {@link BrokerException.Code#INVALID_CONFIG} naming the key and value at fault,
     *                         also for a null key or a key mapped to null
     * @throws NullPointerException if {@code properties} itself is null
     */
    public static PaperBrokerConfig fromProperties(Map<String, String> properties) {
        Checks.notNull(properties, "properties");
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null) {
                throw invalid("paper broker setting without a name (a null key) with value '" + e.getValue() + "'");
            }
            if (!KEYS.contains(e.getKey())) {
                unknown.add(e.getKey());
            } else if (e.getValue() == null) {
                throw invalid("paper broker setting '" + e.getKey() + "' has no value (null)");
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("unknown paper broker setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        PaperBrokerConfig d = defaults();
        CostModel c = d.costModel();
        try {
            CostModel cost = new CostModel(
                    number(properties, "spreadBps", c.spreadBps()),
                    number(properties, "commissionBps", c.commissionBps()),
                    number(properties, "commissionPerUnit", c.commissionPerUnit()),
                    number(properties, "minCommission", c.minCommission()),
                    number(properties, "impactCoefficient", c.impactCoefficient()));
            String cap = properties.get("maxParticipation");
            return builder()
                    .initialCash(number(properties, "initialCash", d.initialCash()))
                    .currency(properties.getOrDefault("currency", d.currency()))
                    .costModel(cost)
                    .slippage(slippage(properties.get("slippage"), d.slippage()))
                    .latencyMillis(whole(properties, "latencyMillis", d.latencyMillis()))
                    .latencyJitterMillis(whole(properties, "latencyJitterMillis", d.latencyJitterMillis()))
                    .maxParticipation(cap != null && cap.strip().equals("none") ? NO_PARTICIPATION_CAP
                            : number(properties, "maxParticipation", d.maxParticipation()))
                    .leverage(number(properties, "leverage", d.leverage()))
                    .seed(whole(properties, "seed", d.seed()))
                    .sessionZone(zone(properties.get("sessionZone"), d.sessionZone()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new BrokerException(BrokerException.Code.INVALID_CONFIG, "paper broker: " + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> p, String key, double fallback) {
        String v = p.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw invalid("paper broker setting '" + key + "' must be a number but was '" + v + "'");
        }
    }

    private static long whole(Map<String, String> p, String key, long fallback) {
        String v = p.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid("paper broker setting '" + key + "' must be a whole number but was '" + v + "'");
        }
    }

    private static Slippage slippage(String v, Slippage fallback) {
        if (v == null) {
            return fallback;
        }
        String s = v.strip();
        if (s.equals("none")) {
            return Slippage.none();
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        if (colon > 0 && (kind.equals("bps") || kind.equals("volume"))) {
            double amount;
            try {
                amount = Double.parseDouble(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid("paper broker setting 'slippage' has a bad number in '" + v + "'");
            }
            return kind.equals("bps") ? Slippage.bps(amount) : Slippage.volumeShare(amount);
        }
        throw invalid("paper broker setting 'slippage' must be none, bps:<n> or volume:<n> but was '" + v + "'");
    }

    private static ZoneId zone(String v, ZoneId fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            return ZoneId.of(v.strip());
        } catch (DateTimeException e) {
            throw invalid("paper broker setting 'sessionZone' is not a time zone: '" + v + "'");
        }
    }

    private static BrokerException invalid(String message) {
        return new BrokerException(BrokerException.Code.INVALID_CONFIG, message);
    }

    /** Builds a {@link PaperBrokerConfig}; not thread-safe. */
    public static final class Builder {
        private double initialCash = 100_000;
        private String currency = "USD";
        private CostModel costModel = CostModel.ZERO;
        private Slippage slippage = Slippage.none();
        private long latencyMillis;
        private long latencyJitterMillis;
        private double maxParticipation = 1.0;
        private double leverage = 1.0;
        private long seed;
        private ZoneId sessionZone = ZoneOffset.UTC;

        private Builder() {
        }

        /** Starting cash, positive. */
        public Builder initialCash(double value) {
            this.initialCash = value;
            return this;
        }

        /** Account currency code. */
        public Builder currency(String value) {
            this.currency = value;
            return this;
        }

        /** Spread, commission and impact. */
        public Builder costModel(CostModel value) {
            this.costModel = value;
            return this;
        }

        /** Extra slippage of marketable fills. */
        public Builder slippage(Slippage value) {
            this.slippage = value;
            return this;
        }

        /** Latency to the venue in milliseconds, non-negative. */
        public Builder latencyMillis(long value) {
            this.latencyMillis = value;
            return this;
        }

        /** Maximum random extra latency in milliseconds, non-negative. */
        public Builder latencyJitterMillis(long value) {
            this.latencyJitterMillis = value;
            return this;
        }

        /** Largest share of volume filled, in (0, 1] or {@link #NO_PARTICIPATION_CAP}. */
        public Builder maxParticipation(double value) {
            this.maxParticipation = value;
            return this;
        }

        /** Buying power as a multiple of equity, positive. */
        public Builder leverage(double value) {
            this.leverage = value;
            return this;
        }

        /** Seed of the latency jitter. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Time zone of the trading day for DAY orders. */
        public Builder sessionZone(ZoneId value) {
            this.sessionZone = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public PaperBrokerConfig build() {
            return new PaperBrokerConfig(initialCash, currency, costModel, slippage, latencyMillis, latencyJitterMillis,
                    maxParticipation, leverage, seed, sessionZone);
        }
    }
}
