package dev.sextant.trading.report.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.report.ReportFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReportFolderTest {
    private static final String PRED_HEADER = "timestamp,fold,p_sell,p_hold,p_buy,raw_sell,raw_hold,raw_buy,label,forward_return\n";

    @TempDir
    Path dir;

    @Test
    void aMissingFolderIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFolder.read(dir.resolve("nope")));
        assertEquals("report folder " + dir.resolve("nope") + " does not exist", e.getMessage());
    }

    @Test
    void aFileInsteadOfAFolderIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("equity.csv"), "timestamp,equity\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFolder.read(f));
        assertTrue(e.getMessage().endsWith("is not a folder"), e.getMessage());
    }

    @Test
    void aFolderWithoutReportFilesSaysWhatItExpects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFolder.read(dir));
        assertTrue(e.getMessage().contains("holds none of the report files (run.json, metrics.json"), e.getMessage());
    }

    @Test
    void readsWhatIsThereAndLeavesTheRestEmpty() throws IOException {
        Files.writeString(dir.resolve("equity.csv"), "timestamp,equity\n2024-01-01T00:01:00Z,100\n\n2024-01-01T00:02:00Z,101.5\n");
        Files.writeString(dir.resolve("predictions.csv"), PRED_HEADER
                + "2024-01-01T00:01:00Z,0,0.2,0.5,0.3,0.1,0.6,0.3,2,0.001\n2024-01-01T00:02:00Z,0,0.2,0.5,0.3,0.1,0.6,0.3,,\n");
        ReportFolder f = ReportFolder.read(dir);
        assertArrayEquals(new double[] {100, 101.5}, f.equity().orElseThrow().values());
        assertArrayEquals(new int[] {2, -1}, f.predictions().orElseThrow().labels());
        assertTrue(f.metrics().isEmpty() && f.trades().isEmpty() && f.state().isEmpty() && f.importance().isEmpty());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("equity.csv", "time,equity\n", "equity.csv line 1: value 'time,equity' is not the header timestamp,equity"),
                Arguments.of("equity.csv", "", "equity.csv line 1: is empty; the header must be timestamp,equity"),
                Arguments.of("equity.csv", "timestamp,equity\n2024-01-01T00:00:00Z,100\n2024-01-01T00:01:00Z,abc\n",
                        "equity.csv line 3 field equity: value 'abc' is not a number"),
                Arguments.of("equity.csv", "timestamp,equity\n2024-01-01T00:00:00Z,-5\n",
                        "equity.csv line 2 field equity: value '-5' must be positive"),
                Arguments.of("equity.csv", "timestamp,equity\n2024-01-01T00:00:00Z,NaN\n",
                        "equity.csv line 2 field equity: value 'NaN' is not a finite number"),
                Arguments.of("equity.csv", "timestamp,equity\n2024-01-01,100\n",
                        "equity.csv line 2 field timestamp: value '2024-01-01' is not an ISO-8601 UTC time such as 2013-01-02T00:00:00Z"),
                Arguments.of("equity.csv", "timestamp,equity\n2024-01-02T00:00:00Z,100\n2024-01-01T00:00:00Z,100\n",
                        "equity.csv line 3 field timestamp: value '2024-01-01T00:00:00Z' is earlier than the row before it"),
                Arguments.of("equity.csv", "timestamp,equity\n2024-01-01T00:00:00Z\n",
                        "equity.csv line 2: value '2024-01-01T00:00:00Z' has 1 fields but the header has 2"),
                Arguments.of("exposure.csv", "timestamp,cash,position_value,exposure\n2024-01-01T00:00:00Z,1,2,x\n",
                        "exposure.csv line 2 field exposure: value 'x' is not a number"),
                Arguments.of("trades.csv", "timestamp,order_id,side,quantity,price,notional,fee\n2024-01-01T00:00:00Z,o1,HOLD,1,2,2,0\n",
                        "trades.csv line 2 field side: value 'HOLD' is not BUY or SELL"),
                Arguments.of("trades.csv", "timestamp,order_id,side,quantity,price,notional,fee\n2024-01-01T00:00:00Z,o1,BUY,1,2,2,-1\n",
                        "trades.csv line 2 field fee: value '-1' must not be negative"),
                Arguments.of("predictions.csv", PRED_HEADER + "2024-01-01T00:00:00Z,0,1.2,0.5,0.3,0.1,0.6,0.3,2,0\n",
                        "predictions.csv line 2 field p_sell: value '1.2' is not a probability in [0, 1]"),
                Arguments.of("predictions.csv", PRED_HEADER + "2024-01-01T00:00:00Z,0,0.2,0.5,0.3,0.1,0.6,0.3,5,0\n",
                        "predictions.csv line 2 field label: value '5' must be in 0..2"),
                Arguments.of("predictions.csv", PRED_HEADER + "2024-01-01T00:00:00Z,x,0.2,0.5,0.3,0.1,0.6,0.3,1,0\n",
                        "predictions.csv line 2 field fold: value 'x' is not a whole number"),
                Arguments.of("feature_importance.csv", "feature,permutation_log_loss_increase\n,0.1\n",
                        "feature_importance.csv line 2 field feature: value '' is blank"),
                Arguments.of("tree_gain.csv", "feature,gain,gain_share,cover,splits\nrsi_14,-1,0.5,3,2\n",
                        "tree_gain.csv line 2 field gain: value '-1' must not be negative"),
                Arguments.of("tree_gain.csv", "feature,gain,gain_share,cover,splits\nrsi_14,1,1.5,3,2\n",
                        "tree_gain.csv line 2 field gain_share: value '1.5' is not a probability in [0, 1]"),
                Arguments.of("tree_gain.csv", "feature,gain,gain_share,cover,splits\nrsi_14,1,0.5,3,2.5\n",
                        "tree_gain.csv line 2 field splits: value '2.5' is not a whole number"),
                Arguments.of("tree_gain.csv", "feature,gain,cover\nrsi_14,1,3\n",
                        "tree_gain.csv line 1: value 'feature,gain,cover' is not the header feature,gain,gain_share,cover,splits"),
                Arguments.of("metrics.json", "{\"sharpe\": 1,\n \"psr\": }", "metrics.json line 2: is not valid JSON"),
                Arguments.of("metrics.json", "{\"sharpe\": 1, \"sharpe\": 2}", "metrics.json line 1: is not valid JSON"),
                Arguments.of("metrics.json", "[1, 2]", "metrics.json: must be a JSON object"),
                Arguments.of("run.json", "", "run.json line 1: is empty, not JSON"),
                Arguments.of("folds.json", "{}", "folds.json: must be a JSON array of folds"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedFileIsOneLineNamingFileLineAndField(String file, String content, String message) throws IOException {
        Files.writeString(dir.resolve(file), content);
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> ReportFolder.read(dir));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aJsonFieldOfTheWrongTypeIsNamed() throws IOException {
        Files.writeString(dir.resolve("metrics.json"), "{\"sharpe\": \"high\"}");
        ReportFolder f = ReportFolder.read(dir);
        ReportFormatException e = assertThrows(ReportFormatException.class,
                () -> ReportFolder.number(f.metrics().orElseThrow(), "sharpe", "metrics.json"));
        assertEquals("metrics.json field sharpe: value '\"high\"' must be a number or null", e.getMessage());
        assertEquals("sharpe", e.field());
        assertTrue(Double.isNaN(ReportFolder.number(f.metrics().orElseThrow(), "absent", "metrics.json")));
    }
}
