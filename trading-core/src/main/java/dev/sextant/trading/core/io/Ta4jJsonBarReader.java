package dev.sextant.trading.core.io;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.internal.BarRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON bar format of the Ta4j examples:
 * {@code {"name": "ETH/USD_PT5M@BinanceUS", "ohlc": [{"endTime": 1678730699999, "openPrice": ...,
 * "highPrice": ..., "lowPrice": ..., "closePrice": ..., "volume": ...}, ...]}}.
 *
 * <p>{@code endTime} is the last millisecond of the bar; Sextant bars carry the open time, so
 * each bar's time is {@code endTime + 1 - timeFrame}. The time frame comes from the ISO-8601
 * duration in the name ({@code PT5M}) or, failing that, from the most common spacing of end
 * times. Errors name the file and the record ({@code ohlc[12].closePrice}); validation is strict.
 */
public final class Ta4jJsonBarReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Ta4jJsonBarReader() {
    }

    /** Reads {@code file}. */
    public static BarSeries read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads {@code in} (closed afterwards); {@code source} names it in errors. */
    public static BarSeries read(InputStream in, String source) {
        JsonNode root;
        try (in) {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new MarketDataException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, null, null,
                    "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        JsonNode ohlc = root.get("ohlc");
        if (ohlc == null || !ohlc.isArray()) {
            throw new MarketDataException(source, 0, "ohlc", null, null, "array is missing");
        }
        String name = root.path("name").asString("");
        TimeFrame tf = timeFrameFromName(name);
        if (tf == null) {
            tf = timeFrameFromSpacing(ohlc, source);
        }
        BarSeries series = new BarSeries(name.isBlank() ? source : name, tf, ohlc.size());
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < ohlc.size(); i++) {
            JsonNode bar = ohlc.get(i);
            long end = (long) number(bar, "endTime", i, source);
            long open = end + 1 - (tf == null ? 0 : tf.millis());
            Instant at = Instant.ofEpochMilli(open);
            double o = number(bar, "openPrice", i, source);
            double h = number(bar, "highPrice", i, source);
            double l = number(bar, "lowPrice", i, source);
            double c = number(bar, "closePrice", i, source);
            double v = number(bar, "volume", i, source);
            BarRules.Violation violation = BarRules.check(o, h, l, c, v);
            if (violation != null) {
                String field = switch (violation.field()) {
                    case "volume" -> "volume";
                    default -> violation.field() + "Price";
                };
                throw new MarketDataException(source, 0, "ohlc[" + i + "]." + field, String.valueOf(violation.value()), at,
                        violation.reason());
            }
            if (open <= previous) {
                throw new MarketDataException(source, 0, "ohlc[" + i + "].endTime", String.valueOf(end), at,
                        "is not after the previous bar's: timestamps must strictly increase");
            }
            previous = open;
            series.append(open, o, h, l, c, v);
        }
        return series;
    }

    private static double number(JsonNode bar, String field, int index, String source) {
        JsonNode n = bar.get(field);
        if (n == null || !n.isNumber()) {
            throw new MarketDataException(source, 0, "ohlc[" + index + "]." + field, n == null ? null : n.toString(), null,
                    n == null ? "is missing" : "is not a number");
        }
        return n.asDouble();
    }

    static TimeFrame timeFrameFromName(String name) {
        int p = name.indexOf("_PT");
        if (p < 0) {
            return null;
        }
        int end = name.indexOf('@', p);
        String iso = name.substring(p + 1, end < 0 ? name.length() : end);
        try {
            return TimeFrame.of(Duration.parse(iso));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static TimeFrame timeFrameFromSpacing(JsonNode ohlc, String source) {
        BarSeries times = new BarSeries(source, null, ohlc.size());
        for (int i = 0; i < ohlc.size(); i++) {
            long end = (long) number(ohlc.get(i), "endTime", i, source);
            if (times.size() == 0 || end > times.lastTime()) {
                times.append(end, 1, 1, 1, 1, 0);
            }
        }
        return SeriesSummary.detectTimeFrame(times);
    }
}
