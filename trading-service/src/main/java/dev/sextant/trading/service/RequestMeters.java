package dev.sextant.trading.service;

/** Where the HTTP layer reports its requests; the Micrometer one is used only when a registry is configured. */
interface RequestMeters {
    /** Does nothing. */
    RequestMeters NONE = new RequestMeters() {
        @Override
        public void record(String route, int status, long nanos) {
        }

        @Override
        public void refused(String reason) {
        }
    };

    /** A request to {@code route} (its template, a bounded set) ended with {@code status} after {@code nanos}. */
    void record(String route, int status, long nanos);

    /** A request was refused before it was handled: {@code rate_limited} or {@code overloaded}. */
    void refused(String reason);
}
