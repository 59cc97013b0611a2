package dev.sextant.trading.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The vendored charting library: Apache ECharts (Apache-2.0), its minified bundle copied at build
 * time from the {@code org.webjars.npm:echarts} artifact into this jar. Pages inline
 * {@link #echartsJs()} so that they need no network when viewed; {@link #license()} and
 * {@link #notice()} are ECharts' own LICENSE and NOTICE, shipped alongside.
 *
 * <p>Thread-safe; the texts are read from the class path once and kept.
 */
public final class ChartLibrary {
    /** The ECharts version bundled. */
    public static final String ECHARTS_VERSION = "5.3.1";

    private static final String FOLDER = "echarts/";

    private ChartLibrary() {
    }

    /**
     * The minified ECharts bundle (about 1 MB of JavaScript, defining the global {@code echarts}).
     *
     * @throws IllegalStateException if the jar was built without it
     */
    public static String echartsJs() {
        return Holder.JS;
    }

    /** ECharts' LICENSE text (Apache License 2.0, with the licences of the code it includes). */
    public static String license() {
        return read("LICENSE");
    }

    /** ECharts' NOTICE text. */
    public static String notice() {
        return read("NOTICE");
    }

    private static String read(String name) {
        try (InputStream in = ChartLibrary.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("dev/sextant/trading/report/" + FOLDER + name
                        + " is not on the class path: trading-report was built without the ECharts resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name + " from the class path", e);
        }
    }

    /** Loads the bundle on first use. */
    private static final class Holder {
        static final String JS = read("echarts.min.js");
    }
}
