package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a session: the venue's account, positions and working orders, and what the
 * session has done (counted over the whole journal, restarts included).
 *
 * @param cash             cash at the venue
 * @param equity           equity at the venue (cash plus marked positions)
 * @param positions        non-flat positions: instrument id to signed quantity, sorted by id
 * @param openOrders       client order ids of the venue's working orders, sorted
 * @param decisions        decisions made (one per bar and instrument)
 * @param orders           orders requested from the venue
 * @param fills            fills received
 * @param killSwitchTripped whether the kill switch is tripped
 */
public record SessionState(double cash, double equity, Map<String, Double> positions, List<String> openOrders,
        long decisions, long orders, long fills, boolean killSwitchTripped) {

    /** Validates and copies (positions sorted by instrument id, orders sorted). */
    public SessionState {
        Checks.finite(cash, "cash");
        Checks.finite(equity, "equity");
        positions = java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
        openOrders = openOrders.stream().sorted().toList();
        Checks.nonNegative(decisions, "decisions");
        Checks.nonNegative(orders, "orders");
        Checks.nonNegative(fills, "fills");
    }
}
