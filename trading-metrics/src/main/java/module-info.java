/**
 * Optional Micrometer metrics for Sextant's live trading sessions: a binder that is also a
 * session observer, and a Prometheus scrape endpoint. Nothing else in Sextant depends on it.
 */
module dev.sextant.trading.metrics {
    requires transitive dev.sextant.trading.live;
    requires static dev.sextant.trading.notify;
    requires transitive micrometer.core;
    requires transitive micrometer.registry.prometheus;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.sextant.trading.metrics;
}
