package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * The venue's view of the trading account at one moment.
 *
 * @param currency    account currency code, e.g. {@code "USD"}; not blank
 * @param cash        cash balance, fees deducted; finite (negative when borrowing)
 * @param equity      cash plus the marked value of every position; finite
 * @param buyingPower notional the account can still commit to new risk-increasing orders; finite, non-negative
 * @param time        when the snapshot was taken
 */
public record AccountSnapshot(String currency, double cash, double equity, double buyingPower, Instant time) {

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
    public AccountSnapshot {
        Checks.notBlank(currency, "currency");
        Checks.finite(cash, "cash");
        Checks.finite(equity, "equity");
        Checks.nonNegative(buyingPower, "buyingPower");
        Checks.notNull(time, "time");
    }
}
