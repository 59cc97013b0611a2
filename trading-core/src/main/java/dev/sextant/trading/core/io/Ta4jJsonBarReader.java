package dev.sextant.trading.core.io;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.internal.BarRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the JSON bar format of the Ta4j examples:
 * {@code {"name": "ETH/USD_PT5M@BinanceUS", "ohlc": [{"endTime": 1678730699999, "openPrice": ...,
 * "highPrice": ..., "lowPrice": ..., "closePrice": ..., "volume": ...}, ...]}}.
 *
 * <p>{@code endTime} is the last millisecond of the bar, in epoch milliseconds: a whole number
 * (written with or without a zero fraction) inside the range of {@link Timestamps}; anything
 * else is an error, never rounded or cast. Sextant bars carry the open time, so each bar's time
 * is {@code endTime + 1 - timeFrame}. The time frame comes from the ISO-8601 duration in the name
 * ({@code PT5M}) or, failing that, from the most common spacing of end times. Prices and volume
 * are JSON numbers (JSON's number grammar is that of {@link NumberGrammar} without leading
 * zeros); a magnitude beyond the range of a double is an error. Other keys are ignored; a key
 * given twice in one object is an error.
 *
 * <p>The file is streamed: memory grows with the number of bars (48 bytes each), not with the
 * file's layout, and strings and names are bounded by {@link ReadLimits#maxFieldChars()}.
 * Errors name the file, the line and the record ({@code ohlc[12].closePrice}); validation is
 * strict. Thread-safe: stateless.
 */
public final class Ta4jJsonBarReader {
    private static final String[] FIELDS = {"endTime", "openPrice", "highPrice", "lowPrice", "closePrice", "volume"};
    private static final BigDecimal MIN = BigDecimal.valueOf(Timestamps.MIN_MILLIS);
    private static final BigDecimal MAX = BigDecimal.valueOf(Timestamps.MAX_MILLIS);

    private Ta4jJsonBarReader() {
    }

    /** Reads {@code file} with the default limits. */
    public static BarSeries read(Path file) {
        return read(file, ReadLimits.DEFAULT);
    }

    /** Reads {@code file} with {@code limits}. */
    public static BarSeries read(Path file, ReadLimits limits) {
        return read(BarCsvReader.newInput(file), file.toString(), limits);
    }

    /** Reads {@code in} (closed afterwards); {@code source} names it in errors. */
    public static BarSeries read(InputStream in, String source) {
        return read(in, source, ReadLimits.DEFAULT);
    }

    /** Reads {@code in} (closed afterwards) with {@code limits}; {@code source} names it in errors. */
    public static BarSeries read(InputStream in, String source, ReadLimits limits) {
        Checks.notNull(in, "in");
        Checks.notNull(source, "source");
        Checks.notNull(limits, "limits");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxFieldChars())
                        .maxNameLength(limits.maxFieldChars())
                        .maxNumberLength(Math.min(1000, limits.maxFieldChars()))
                        .maxNestingDepth(64)
                        .build())
                .build();
        try (in; JsonParser p = factory.createParser(in)) {
            return new Reading(p, source).read();
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new MarketDataException(source, line, null, null, null, "is not valid JSON: "
                    + MarketDataException.abbreviate(String.valueOf(e.getOriginalMessage()), 200));
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** One pass over one document. */
    private static final class Reading {
        private final JsonParser p;
        private final String source;
        private String name;
        private BarSeries ends;
        private final double[] values = new double[FIELDS.length];

        Reading(JsonParser p, String source) {
            this.p = p;
            this.source = source;
        }

        BarSeries read() {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(null, null, "is not a JSON object with an \"ohlc\" array");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("name")) {
                    if (name != null) {
                        throw error("name", null, "is given twice");
                    }
                    if (value != JsonToken.VALUE_STRING) {
                        throw error("name", null, "is not a string");
                    }
                    name = p.getString();
                } else if (key.equals("ohlc")) {
                    if (ends != null) {
                        throw error("ohlc", null, "is given twice");
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw error("ohlc", null, "is not an array");
                    }
                    readBars();
                } else {
                    p.skipChildren();
                }
            }
            if (ends == null) {
                throw new MarketDataException(source, 0, "ohlc", null, null, "array is missing");
            }
            String label = name == null || name.isBlank() ? source : name;
            TimeFrame tf = name == null ? null : timeFrameFromName(name);
            if (tf == null) {
                tf = SeriesSummary.detectTimeFrame(ends);
            }
            long shift = 1 - (tf == null ? 0 : tf.millis());
            BarSeries series = new BarSeries(label, tf, ends.size());
            for (int i = 0; i < ends.size(); i++) {
                long open = ends.time(i) + shift;
                if (!Timestamps.inRange(open)) {
                    throw new MarketDataException(source, 0, "ohlc[" + i + "].endTime", String.valueOf(ends.time(i)), null,
                            "gives an open time (endTime + 1 - " + tf + ") outside the supported range "
                                    + Timestamps.MIN_TEXT + " to " + Timestamps.MAX_TEXT);
                }
                series.append(open, ends.open(i), ends.high(i), ends.low(i), ends.close(i), ends.volume(i));
            }
            return series;
        }

        private void readBars() {
            ends = new BarSeries(source, null, 1024);
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String at = "ohlc[" + index + "]";
                if (t != JsonToken.START_OBJECT) {
                    throw error(at, null, "is not an object");
                }
                int seen = 0;
                long end = 0;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    int f = field(key);
                    if (f < 0) {
                        p.skipChildren();
                        continue;
                    }
                    if ((seen & (1 << f)) != 0) {
                        throw error(at + "." + key, null, "is given twice");
                    }
                    seen |= 1 << f;
                    if (f == 0) {
                        end = endTime(at + ".endTime");
                    } else {
                        values[f] = number(at + "." + key);
                    }
                }
                for (int f = 0; f < FIELDS.length; f++) {
                    if ((seen & (1 << f)) == 0) {
                        throw error(at + "." + FIELDS[f], null, "is missing");
                    }
                }
                BarRules.Violation violation = BarRules.check(values[1], values[2], values[3], values[4], values[5]);
                if (violation != null) {
                    String field = violation.field().equals("volume") ? "volume" : violation.field() + "Price";
                    throw error(at + "." + field, String.valueOf(violation.value()), violation.reason());
                }
                if (ends.size() > 0 && end <= ends.lastTime()) {
                    throw error(at + ".endTime", String.valueOf(end),
                            "is not after the previous bar's (" + ends.lastTime() + "): timestamps must strictly increase");
                }
                ends.append(end, values[1], values[2], values[3], values[4], values[5]);
                index++;
            }
        }

        private static int field(String key) {
            for (int i = 0; i < FIELDS.length; i++) {
                if (FIELDS[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        private long endTime(String at) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long end = p.getLongValue();
                if (Timestamps.inRange(end)) {
                    return end;
                }
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal d = p.getDecimalValue();
                if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                    throw error(at, p.getText(), "is not a whole number of epoch milliseconds");
                }
                if (d.compareTo(MIN) >= 0 && d.compareTo(MAX) <= 0) {
                    return d.longValueExact();
                }
            } else {
                throw error(at, text(t), "is not a number");
            }
            throw error(at, p.getText(), "is outside the supported range " + Timestamps.MIN_MILLIS + " to "
                    + Timestamps.MAX_MILLIS + " epoch milliseconds (" + Timestamps.MIN_TEXT + " to " + Timestamps.MAX_TEXT + ")");
        }

        private double number(String at) {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw error(at, text(t), "is not a number");
            }
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
                throw error(at, p.getText(), "is out of range: its magnitude exceeds the largest double, " + Double.MAX_VALUE);
            }
            return d;
        }

        private String text(JsonToken t) {
            return t == JsonToken.START_OBJECT ? "{...}" : t == JsonToken.START_ARRAY ? "[...]" : p.getText();
        }

        private MarketDataException error(String field, String value, String reason) {
            long line = p.currentTokenLocation() == null ? 0 : Math.max(0, p.currentTokenLocation().getLineNr());
            return new MarketDataException(source, line, field, value, null, reason);
        }
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
}
