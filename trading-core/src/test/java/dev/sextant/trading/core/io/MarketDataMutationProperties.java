package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Trade;
import dev.sextant.trading.core.internal.BarRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Mutates valid market-data files (byte flips, truncation, duplication, column shuffles) and
 * checks that the readers either read a valid series or raise {@link MarketDataException}: never
 * any other exception, never an invalid bar.
 */
class MarketDataMutationProperties {
    private static final ReadLimits SMALL = new ReadLimits(4096, 256);

    @Provide
    Arbitrary<String> barsCsv() {
        return Arbitraries.integers().between(1, 60).flatMap(n -> Arbitraries.longs().between(0, Long.MAX_VALUE).map(seed -> {
            Random r = new Random(seed);
            BarSeries s = new BarSeries("gen", null);
            long t = 1_700_000_000_000L;
            for (int i = 0; i < n; i++) {
                double p = Math.exp(r.nextGaussian() * 3);
                double hi = p * (1 + r.nextDouble() * 0.1);
                double lo = p / (1 + r.nextDouble() * 0.1);
                s.append(t, p, hi, lo, lo + (hi - lo) * r.nextDouble(), r.nextDouble() * 1e6);
                t += 60_000L * (1 + r.nextInt(3));
            }
            StringWriter w = new StringWriter();
            try {
                BarCsvWriter.write(s, w);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return w.toString();
        }));
    }

    /** Reads strictly and leniently; each must give a valid series or a MarketDataException. */
    private static void readsValidOrTypedError(byte[] bytes) {
        for (ValidationPolicy policy : ValidationPolicy.values()) {
            outcome(() -> {
                ReadResult r = BarCsvReader.read(new ByteArrayInputStream(bytes), "m.csv", policy, SMALL);
                assertValid(r.series());
                return r;
            });
        }
        outcome(() -> {
            try (BarCsvReader it = BarCsvReader.open(new ByteArrayInputStream(bytes), "m.csv", SMALL)) {
                long last = Long.MIN_VALUE;
                while (it.hasNext()) {
                    var b = it.next();
                    assertTrue(b.time() > last);
                    last = b.time();
                }
            }
            return null;
        });
    }

    private static void outcome(Supplier<Object> read) {
        try {
            read.get();
        } catch (MarketDataException e) {
            assertTrue(e.getMessage().startsWith("m.csv") || e.getMessage().startsWith("m.json"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n") && e.getMessage().length() < 1000, e.getMessage());
        } catch (RuntimeException e) {
            fail("expected a valid series or a MarketDataException but got " + e, e);
        }
    }

    private static void assertValid(BarSeries s) {
        for (int i = 0; i < s.size(); i++) {
            assertEquals(null, BarRules.check(s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i)));
            assertTrue(Timestamps.inRange(s.time(i)));
            if (i > 0) {
                assertTrue(s.time(i) > s.time(i - 1));
            }
        }
    }

    @Property(tries = 300)
    void byteFlips(@ForAll("barsCsv") String csv, @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int flips) {
        byte[] b = csv.getBytes(StandardCharsets.UTF_8);
        Random r = new Random(seed);
        for (int i = 0; i < flips; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        readsValidOrTypedError(b);
    }

    @Property(tries = 200)
    void truncation(@ForAll("barsCsv") String csv, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] b = csv.getBytes(StandardCharsets.UTF_8);
        readsValidOrTypedError(Arrays.copyOf(b, Math.min(b.length, cut)));
    }

    @Property(tries = 200)
    void duplicatedRangesOfBytes(@ForAll("barsCsv") String csv, @ForAll long seed) {
        byte[] b = csv.getBytes(StandardCharsets.UTF_8);
        Random r = new Random(seed);
        int from = r.nextInt(b.length);
        int to = from + r.nextInt(b.length - from);
        byte[] out = new byte[b.length + (to - from)];
        System.arraycopy(b, 0, out, 0, to);
        System.arraycopy(b, from, out, to, b.length - from);
        readsValidOrTypedError(out);
    }

    @Property(tries = 200)
    void duplicatedLinesAreRejectedStrictlyAndDroppedLeniently(@ForAll("barsCsv") String csv, @ForAll long seed) {
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        if (lines.size() < 2) {
            return;
        }
        Random r = new Random(seed);
        int k = 1 + r.nextInt(lines.size() - 1);
        lines.add(k, lines.get(k));
        byte[] b = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        readsValidOrTypedError(b);
        ReadResult lenient = BarCsvReader.read(new ByteArrayInputStream(b), "m.csv", ValidationPolicy.LENIENT);
        assertEquals(lines.size() - 2, lenient.series().size());
        assertEquals(1, lenient.dropped().size());
    }

    @Property(tries = 200)
    void shuffledColumnsReadTheSameBarsWhenTheHeaderMovesWithThem(@ForAll("barsCsv") String csv, @ForAll long seed) {
        List<String> lines = List.of(csv.split("\n"));
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        Collections.shuffle(order, new Random(seed));
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(",");
            for (int i = 0; i < 6; i++) {
                sb.append(i == 0 ? "" : ",").append(f[order.get(i)]);
            }
            sb.append('\n');
        }
        BarSeries original = BarCsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "m.csv");
        BarSeries shuffled = BarCsvReader.read(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), "m.csv");
        assertEquals(original.size(), shuffled.size());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.bar(i), shuffled.bar(i));
        }
    }

    @Property(tries = 200)
    void shuffledRowFieldsUnderAFixedHeader(@ForAll("barsCsv") String csv, @ForAll long seed) {
        String[] lines = csv.split("\n");
        Random r = new Random(seed);
        int k = lines.length == 1 ? 0 : 1 + r.nextInt(lines.length - 1);
        List<String> f = new ArrayList<>(List.of(lines[k].split(",")));
        Collections.shuffle(f, r);
        lines[k] = String.join(",", f);
        readsValidOrTypedError((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void tradesByteFlips(@ForAll("barsCsv") String csv, @ForAll long seed) {
        StringBuilder sb = new StringBuilder("timestamp,price,amount\n");
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            sb.append(f[0]).append(',').append(f[4]).append(',').append(f[5]).append('\n');
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        Random r = new Random(seed);
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        outcome(() -> {
            List<Trade> trades = TradeCsvReader.readAll(new ByteArrayInputStream(b), "m.csv");
            for (int i = 1; i < trades.size(); i++) {
                assertTrue(trades.get(i).time() >= trades.get(i - 1).time());
            }
            return trades;
        });
    }

    @Property(tries = 200)
    void ta4jJsonByteFlipsAndTruncation(@ForAll("barsCsv") String csv, @ForAll long seed) {
        StringBuilder sb = new StringBuilder("{\"name\":\"X_PT1M@V\",\"ohlc\":[");
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            long end = java.time.Instant.parse(f[0]).toEpochMilli() + 59_999;
            sb.append(i == 1 ? "" : ",").append("{\"endTime\":").append(end).append(",\"openPrice\":").append(f[1])
                    .append(",\"highPrice\":").append(f[2]).append(",\"lowPrice\":").append(f[3])
                    .append(",\"closePrice\":").append(f[4]).append(",\"volume\":").append(f[5]).append('}');
        }
        sb.append("]}");
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        Random r = new Random(seed);
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        byte[] cut = Arrays.copyOf(b, r.nextInt(b.length + 1));
        for (byte[] bytes : List.of(b, cut)) {
            outcome(() -> {
                BarSeries s = Ta4jJsonBarReader.read(new ByteArrayInputStream(bytes), "m.json", SMALL);
                assertValid(s);
                return s;
            });
        }
    }
}
