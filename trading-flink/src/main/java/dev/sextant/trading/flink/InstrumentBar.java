package dev.sextant.trading.flink;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;

/**
 * One closed bar of one instrument traded in one account: the element the Flink job reads.
 * The job keys its signal stage by {@link Instrument#id()} and its risk stage by {@link #account()};
 * the event time is the bar's close, {@link #closeTime()}.
 *
 * @param account     the account the instrument is traded in, not blank
 * @param instrument  the instrument
 * @param frameMillis the bar's length in milliseconds, positive
 * @param bar         the bar; {@link Bar#time()} is its open time
 */
public record InstrumentBar(String account, Instrument instrument, long frameMillis, Bar bar) {

    /** Validates. */
    public InstrumentBar {
        Checks.notBlank(account, "account");
        Checks.notNull(instrument, "instrument");
        Checks.positive(frameMillis, "frameMillis");
        Checks.notNull(bar, "bar");
    }

    /** The bar's close time, epoch milliseconds: its event time in the job. */
    public long closeTime() {
        return bar.time() + frameMillis;
    }
}
