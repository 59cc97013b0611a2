/**
 * Sextant's signal service: an embeddable HTTP(S) server with the signal API, a live session's
 * positions, risk, decisions and kill switch, bearer tokens with roles, limits, and a dashboard.
 * Micrometer metrics are optional (the {@code trading-metrics} artifact).
 */
module dev.sextant.trading.service {
    requires transitive dev.sextant.trading.live;
    requires transitive jdk.httpserver;
    requires dev.sextant.trading.report;
    requires static dev.sextant.trading.metrics;
    requires static micrometer.core;
    requires static transitive micrometer.registry.prometheus;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.service;
}
