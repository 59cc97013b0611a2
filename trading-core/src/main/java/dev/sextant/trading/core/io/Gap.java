package dev.sextant.trading.core.io;

import java.time.Instant;

/**
 * A hole in a series: consecutive bars further apart than one time frame.
 *
 * @param after       open time of the last bar before the gap
 * @param before      open time of the first bar after the gap
 * @param missingBars how many bars of the time frame would fit in between
 */
public record Gap(Instant after, Instant before, long missingBars) {
}
