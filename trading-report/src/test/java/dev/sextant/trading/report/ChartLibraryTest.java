package dev.sextant.trading.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChartLibraryTest {

    @Test
    void bundlesTheEchartsVersionItNames() {
        String js = ChartLibrary.echartsJs();
        assertTrue(js.length() > 500_000, "the minified bundle is about 1 MB");
        assertTrue(js.contains("\"" + ChartLibrary.ECHARTS_VERSION + "\""), "the bundle declares its version");
    }

    @Test
    void shipsTheLicenseAndNotice() {
        assertTrue(ChartLibrary.license().contains("Apache License"));
        assertTrue(ChartLibrary.notice().contains("Apache ECharts"));
    }
}
