package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;

/**
 * The journal of champion changes (side output {@link FlinkTradingJob#CHAMPION_SWITCHES}): one
 * record per instrument, at the first of its bars the new champion decides.
 *
 * @param instrument the instrument id
 * @param time       the close (epoch milliseconds) of that bar
 * @param from       the previous bundle, {@code id@version}
 * @param to         the new bundle, {@code id@version}
 * @param digest     the new bundle's SHA-256
 * @param rewarmed   true when the new bundle reads another feature spec or window, so the
 *                   instrument's features were rebuilt from this bar and warm up again; false
 *                   when the new bundle took over the instrument's feature state as it was
 */
public record ChampionSwitch(String instrument, long time, String from, String to, String digest, boolean rewarmed) {
    /** Validates. */
    public ChampionSwitch {
        Checks.notBlank(instrument, "instrument");
        Checks.notBlank(from, "from");
        Checks.notBlank(to, "to");
        Checks.notBlank(digest, "digest");
    }
}
