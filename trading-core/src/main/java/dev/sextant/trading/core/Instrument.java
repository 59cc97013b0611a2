package dev.sextant.trading.core;

/**
 * A tradable instrument on one venue.
 *
 * <p>Prices are quoted in {@code quoteCurrency}; an order price must be a multiple of
 * {@code tickSize} and an order quantity a multiple of {@code lotSize}. Use {@link #roundPrice}
 * and {@link #roundQuantity} to snap values computed in floating point onto that grid.
 *
 * @param symbol        venue symbol, e.g. {@code "AAPL"} or {@code "BTC/USD"}; not blank
 * @param venue         venue or exchange id, e.g. {@code "XNAS"}; not blank
 * @param assetClass    broad class of the instrument
 * @param quoteCurrency ISO-4217 style code of the price currency, e.g. {@code "USD"}
 * @param tickSize      minimum price increment, positive
 * @param lotSize       minimum quantity increment, positive (e.g. 1 for shares, 1e-8 for BTC)
 */
public record Instrument(
        String symbol, String venue, AssetClass assetClass, String quoteCurrency,
        double tickSize, double lotSize) {

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
    public Instrument {
        Checks.notBlank(symbol, "symbol");
        Checks.notBlank(venue, "venue");
        Checks.notNull(assetClass, "assetClass");
        Checks.notBlank(quoteCurrency, "quoteCurrency");
        Checks.positive(tickSize, "tickSize");
        Checks.positive(lotSize, "lotSize");
    }

    /** An equity on {@code venue} priced in USD with a one-cent tick and a one-share lot. */
    public static Instrument equity(String symbol, String venue) {
        return new Instrument(symbol, venue, AssetClass.EQUITY, "USD", 0.01, 1.0);
    }

    /** A crypto pair with a one-cent tick and a 1e-8 lot. */
    public static Instrument crypto(String symbol, String venue, String quoteCurrency) {
        return new Instrument(symbol, venue, AssetClass.CRYPTO, quoteCurrency, 0.01, 1e-8);
    }

    /**
     * The quantity below which two quantities of this instrument count as equal: a millionth of
     * a lot. Fills, remainders and positions summed in floating point carry binary noise far
     * below it, while a real difference is at least one lot.
     */
    public double quantityTolerance() {
        return lotSize * 1e-6;
    }

    /** Rounds {@code price} to the nearest multiple of the tick size. */
    public double roundPrice(double price) {
        return snap(Math.rint(price / tickSize), tickSize);
    }

    /**
     * Rounds {@code quantity} towards zero to a multiple of the lot size, so that a sized order
     * never exceeds the quantity it was sized to.
     */
    public double roundQuantity(double quantity) {
        // A whole number of lots up to the binary noise of the division (a few ulps, e.g.
        // 59059017.99999999 lots of 1e-8 BTC) counts as that number; anything else rounds towards
        // zero, so rounding never adds a lot that was not asked for.
        double lots = quantity / lotSize;
        double nearest = Math.rint(lots);
        double whole = Math.abs(lots - nearest) <= 8 * Math.ulp(lots) + 1e-12 ? nearest
                : lots >= 0 ? Math.floor(lots) : Math.ceil(lots);
        return snap(whole, lotSize);
    }

    private static double snap(double units, double step) {
        // Multiplying then rounding through BigDecimal-free decimal scaling keeps 0.1*3 = 0.3.
        double value = units * step;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step)) + 2);
        double scale = Math.pow(10, Math.min(decimals, 12));
        return Math.rint(value * scale) / scale;
    }

    /** A short id, {@code symbol@venue}. */
    public String id() {
        return symbol + "@" + venue;
    }
}
