package dev.sextant.trading.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InFlightOrdersTest {
    private static final InstrumentBook BOOK = new InstrumentBook(Fixtures.AAPL, 0, 10, 10);

    @Test
    void findsRemovesAndKeepsCollidingKeysReachable() {
        InFlightOrders t = new InFlightOrders(16);
        // "Aa" and "BB" share a hash code: removing one must not hide the other.
        t.add("Aa", BOOK, Side.BUY, 1);
        t.add("BB", BOOK, Side.SELL, 2);
        t.remove(t.find("Aa"));
        assertEquals(-1, t.find("Aa"));
        int slot = t.find("BB");
        assertTrue(slot >= 0);
        assertEquals(Side.SELL, t.side(slot));
        assertEquals(2, t.remaining(slot));
        assertEquals(1, t.size());
    }

    /** Mirrors a random sequence of adds and removes in a HashMap, including growth and collisions. */
    @Property(tries = 300)
    void behavesLikeAMap(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 150) Integer> keys) {
        InFlightOrders t = new InFlightOrders(16);
        Map<String, Double> reference = new HashMap<>();
        String[] pool = {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"};
        for (int k : keys) {
            String id = k < pool.length ? pool[k] : "order-" + k;
            if (reference.containsKey(id)) {
                t.remove(t.find(id));
                reference.remove(id);
            } else {
                t.add(id, BOOK, Side.BUY, k);
                reference.put(id, (double) k);
            }
            assertEquals(reference.size(), t.size());
        }
        for (int k = 0; k <= 150; k++) {
            String id = k < pool.length ? pool[k] : "order-" + k;
            int slot = t.find(id);
            assertEquals(reference.containsKey(id), slot >= 0, id);
            if (slot >= 0) {
                assertEquals(reference.get(id), t.remaining(slot));
            }
        }
    }
}
