package dev.sextant.examples.cli;

/** Operating-system signals that stop a long-running command gracefully. */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    /**
     * Installs handlers running {@code action} for the named signals ({@code TERM}, {@code INT});
     * returns how to restore the previous handlers.
     */
    @SuppressWarnings("removal")
    static Runnable on(Runnable action, String... names) {
        sun.misc.Signal[] signals = new sun.misc.Signal[names.length];
        sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[names.length];
        for (int i = 0; i < names.length; i++) {
            signals[i] = new sun.misc.Signal(names[i]);
            previous[i] = sun.misc.Signal.handle(signals[i], s -> action.run());
        }
        return () -> {
            for (int i = 0; i < signals.length; i++) {
                sun.misc.Signal.handle(signals[i], previous[i]);
            }
        };
    }
}
