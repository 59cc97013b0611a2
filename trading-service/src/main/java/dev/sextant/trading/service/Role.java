package dev.sextant.trading.service;

/**
 * What a bearer token may do. A {@link #VIEWER} reads (positions, risk, decisions, dashboard data)
 * and asks for signals; an {@link #OPERATOR} may also change state (trip and re-arm the kill
 * switch).
 */
public enum Role {
    /** Reads and asks for signals; changes nothing. */
    VIEWER,
    /** Everything a viewer may do, and state changes (the kill switch). */
    OPERATOR;

    /** Whether this role may call a route that requires {@code required}. */
    public boolean allows(Role required) {
        return this == OPERATOR || required == VIEWER;
    }

    /** The role's name in the tokens file and in error messages: {@code viewer}, {@code operator}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
