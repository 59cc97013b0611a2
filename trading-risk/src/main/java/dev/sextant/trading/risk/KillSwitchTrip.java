package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * One trip of the kill switch.
 *
 * @param trigger what tripped it
 * @param detail  a human-readable description of the condition, not blank
 * @param time    when it tripped, by the switch's clock
 */
public record KillSwitchTrip(KillSwitchTrigger trigger, String detail, Instant time) {
    /** Validates the fields. */
    public KillSwitchTrip {
        Checks.notNull(trigger, "trigger");
        Checks.notBlank(detail, "detail");
        Checks.notNull(time, "time");
    }
}
