package dev.sextant.trading.core;

/** The broad class of an instrument, used for exposure limits by asset class. */
public enum AssetClass {
    /** Shares and exchange-traded funds. */
    EQUITY,
    /** Cryptocurrencies and tokens. */
    CRYPTO,
    /** Foreign-exchange pairs. */
    FX,
    /** Futures contracts. */
    FUTURE,
    /** Options contracts. */
    OPTION,
    /** Bonds and other fixed income. */
    FIXED_INCOME,
    /** Commodities traded spot. */
    COMMODITY,
    /** Anything else. */
    OTHER
}
