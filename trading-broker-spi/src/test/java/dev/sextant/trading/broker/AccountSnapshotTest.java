package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountSnapshotTest {

    @Test
    void allowsNegativeCashButNotNegativeBuyingPower() {
        AccountSnapshot a = new AccountSnapshot("USD", -50, 1_000, 0, Instant.EPOCH);
        assertEquals(-50, a.cash());
        assertThrows(IllegalArgumentException.class, () -> new AccountSnapshot("USD", 0, 0, -1, Instant.EPOCH));
    }

    @Test
    void rejectsNonFiniteMoneyAndABlankCurrency() {
        assertThrows(IllegalArgumentException.class, () -> new AccountSnapshot("USD", Double.NaN, 0, 0, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class,
                () -> new AccountSnapshot("USD", 0, Double.NEGATIVE_INFINITY, 0, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> new AccountSnapshot(" ", 0, 0, 0, Instant.EPOCH));
    }
}
