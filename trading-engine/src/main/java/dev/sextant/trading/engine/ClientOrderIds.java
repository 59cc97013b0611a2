package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import java.time.Instant;

/**
 * How the pipeline names the orders it sends: one client order id per order, which the venue
 * uses to recognise retries and to refuse a second order with the same id.
 *
 * <p>The pipeline sends at most one order per instrument and bar, so the default scheme,
 * {@link #perBar(String)}, derives the id from a strategy prefix, the instrument and the bar's
 * close time. Such ids are
 * <ul>
 *   <li>unique across restarts of the same strategy: a restarted strategy decides on later bars,
 *       hence later times, and never reuses an id that a venue may remember;</li>
 *   <li>reproducible: recovery that decides again on the same bar derives the same id, so the
 *       venue treats an identical resubmission as an idempotent retry and refuses a different
 *       one ({@link Decision.BrokerRefused} with
 *       {@link dev.sextant.trading.broker.BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID})
 *       instead of opening a second position;</li>
 *   <li>distinct between strategies sharing one venue account as long as their prefixes differ.</li>
 * </ul>
 * A caller with other needs (a venue's length limit, a session number from a journal) supplies
 * its own scheme. Implementations must return a non-blank id and be safe to call from the
 * pipeline's thread.
 */
@FunctionalInterface
public interface ClientOrderIds {

    /** The default prefix of {@link TradingPipeline}'s ids when the caller names no scheme. */
    String DEFAULT_PREFIX = "sx";

    /**
     * The client order id of the order for {@code instrument} decided at {@code decisionTime}.
     *
     * @param instrument   the instrument of the order
     * @param decisionTime the close time of the bar the order was decided on
     * @return a non-blank id, unique among this strategy's orders
     */
    String idFor(Instrument instrument, Instant decisionTime);

    /**
     * Ids {@code <prefix>-<symbol>-<epoch seconds>} from the bar's close time, e.g.
     * {@code momentum-BTCUSD-1385380860}; the symbol keeps only its letters and digits, and a
     * close time with a fraction of a second appends {@code .<milliseconds>}
     * ({@code -1385380860.250}).
     *
     * @param prefix names the strategy: letters, digits, {@code '.'}, {@code '_'} or {@code '-'}, not blank
     * @throws IllegalArgumentException if the prefix is blank or has other characters
     */
    static ClientOrderIds perBar(String prefix) {
        Checks.notBlank(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("prefix may hold only letters, digits, '.', '_' and '-' but was '" + prefix + "'");
        }
        return (instrument, time) -> {
            StringBuilder id = new StringBuilder(prefix.length() + instrument.symbol().length() + 16).append(prefix).append('-');
            for (int i = 0; i < instrument.symbol().length(); i++) {
                char c = instrument.symbol().charAt(i);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    id.append(c);
                }
            }
            long millis = time.toEpochMilli();
            id.append('-').append(Math.floorDiv(millis, 1000));
            long fraction = Math.floorMod(millis, 1000);
            if (fraction != 0) {
                id.append('.').append((char) ('0' + fraction / 100)).append((char) ('0' + fraction / 10 % 10))
                        .append((char) ('0' + fraction % 10));
            }
            return id.toString();
        };
    }
}
