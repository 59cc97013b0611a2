package dev.sextant.examples.venue;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import java.time.Duration;

/**
 * Where the example venue listens and what it trades: the typed configuration of
 * {@link ExampleVenueProvider}.
 *
 * @param host    the venue's host; the example connector accepts only loopback addresses
 *                ({@code 127.0.0.1}, {@code localhost}); not blank
 * @param port    the venue's TCP port, 1 to 65535
 * @param symbol  the one symbol the venue trades, an equity on venue {@value #VENUE} priced in USD; not blank
 * @param timeout how long {@code connect()} and each query wait for the venue; positive
 */
public record ExampleVenueConfig(String host, int port, String symbol, Duration timeout) {

    /** The venue id of the instrument the example venue trades. */
    public static final String VENUE = "EXAMPLE";

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
    public ExampleVenueConfig {
        Checks.notBlank(host, "host");
        Checks.inRange(port, 1, 65_535, "port");
        Checks.notBlank(symbol, "symbol");
        Checks.notNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
    }

    /** The instrument the venue trades: {@code symbol} on {@value #VENUE}, one-cent tick, one-share lot. */
    public Instrument instrument() {
        return Instrument.equity(symbol, VENUE);
    }
}
