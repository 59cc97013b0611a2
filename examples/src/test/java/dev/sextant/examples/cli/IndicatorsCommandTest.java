package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.features.indicators.Rsi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorsCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTimestampAndTheTwentyDesignColumnsForRealAppleBars() throws IOException {
        Path out = dir.resolve("out.csv");
        CliRunner.Result r = CliRunner.run("indicators", "--input", CliRunner.APPLE.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("timestamp,sma_10,sma_20,ema_9,ema_21,rsi_14,macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,"
                + "stoch_k,stoch_d,willr_14,cci_20,adx_14,plus_di_14,minus_di_14,atr_14,obv", lines.get(0));
        assertEquals(253, lines.size(), "header and 252 bars");
        assertTrue(lines.get(1).startsWith("2013-01-02T00:00:00Z,"), lines.get(1));
        BarSeries apple = BarCsvReader.read(CliRunner.APPLE);
        double[] rsi = new Rsi(14).compute(apple)[0];
        for (int i = 0; i < apple.size(); i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertEquals(21, cells.length, "row " + i);
            if (i < 14) {
                assertEquals("", cells[5], "rsi_14 is an empty cell during warm-up, row " + i);
            } else {
                assertEquals(rsi[i], Double.parseDouble(cells[5]), 0.0, "rsi_14 row " + i);
            }
            assertEquals(i < 33, cells[7].isEmpty(), "macd_signal empty exactly during its 33-bar warm-up, row " + i);
            assertTrue(!cells[20].isEmpty(), "obv is defined from the first bar");
        }
    }

    @Test
    void writesToStandardOutputWithoutOutputOption() {
        CliRunner.Result r = CliRunner.run("indicators", "--input", CliRunner.APPLE.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(253, r.out().lines().count());
    }

    @Test
    void badInputExitsNonZeroWithOneLineNamingFileLineAndField() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of("timestamp,open,high,low,close,volume",
                "2024-01-01T00:00:00Z,10,11,9,10,5",
                "2024-01-01T00:01:00Z,10,11,9,-3,5"));
        CliRunner.Result r = CliRunner.run("indicators", "--input", bad.toString(), "--output", dir.resolve("o.csv").toString());
        assertNotEquals(0, r.exitCode());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains("bad.csv") && msg.contains("3") && msg.contains("close"), msg);
    }

    @Test
    void readsParquetBarsAsItReadsTheSameBarsFromCsv() throws IOException, SQLException {
        Path parquet = dir.resolve("apple.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + CliRunner.APPLE.toAbsolutePath() + "', header = true, columns = "
                    + "{'date': 'DATE', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', "
                    + "'volume': 'DOUBLE'})) TO '" + parquet.toAbsolutePath() + "' (FORMAT parquet)");
        }
        Path fromCsv = dir.resolve("csv.csv");
        Path fromParquet = dir.resolve("parquet.csv");
        assertEquals(0, CliRunner.run("indicators", "--input", CliRunner.APPLE.toString(), "--output", fromCsv.toString()).exitCode());
        CliRunner.Result r = CliRunner.run("indicators", "--input", parquet.toString(), "--output", fromParquet.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readAllLines(fromCsv), Files.readAllLines(fromParquet));
    }
}
