package dev.sextant.trading.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void aBurstIsAllowedThenTheRateAndTheWaitIsSaid() {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(2, 3, now::get);
        assertEquals(0, r.acquire(1));
        assertEquals(0, r.acquire(1));
        assertEquals(0, r.acquire(1));
        assertEquals(500_000_000L, r.acquire(1), "one request every half second");
        assertEquals(0, r.acquire(2), "another key has its own bucket");
        now.addAndGet(500_000_000L);
        assertEquals(0, r.acquire(1));
        assertTrue(r.acquire(1) > 0);
    }

    /** Over any run, what is allowed never exceeds the burst plus the rate times the time elapsed. */
    @Property(tries = 200)
    void neverAllowsMoreThanTheBurstPlusTheRate(@ForAll @IntRange(min = 1, max = 20) int burst,
            @ForAll @IntRange(min = 1, max = 100) int perSecond,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 200_000_000) Integer> gaps) {
        AtomicLong now = new AtomicLong();
        RateLimiter r = new RateLimiter(perSecond, burst, now::get);
        long allowed = 0;
        for (int gap : gaps) {
            now.addAndGet(gap);
            if (r.acquire(0) == 0) {
                allowed++;
            }
            // The bucket refills in floating point: one token of slack for rounding.
            assertTrue(allowed <= burst + perSecond * (now.get() / 1e9) + 1e-6,
                    allowed + " allowed after " + now.get() + " ns");
        }
    }
}
