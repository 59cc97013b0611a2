package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.flink.WalkForwardSweep.Cell;
import dev.sextant.trading.flink.WalkForwardSweep.Configuration;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellFilesTest {
    static final Configuration H1 = new Configuration("standard-24", "logistic", 1);
    static final Configuration H5 = new Configuration("standard-24", "logistic", 5);
    static final List<CellFiles.Key> TASKS = List.of(new CellFiles.Key("BTC-A", H1), new CellFiles.Key("BTC-A", H5),
            new CellFiles.Key("BTC-B", H1));

    @TempDir
    Path dir;

    static Cell cell(String instrument, Configuration c, double sharpe) {
        return new Cell(instrument, c, "{\"psr\":0.5,\"note\":\"é\"}", sharpe, 525_600,
                new double[] {100_000, 100_010.5, Double.MIN_VALUE, -0.0}, new double[] {10.5, -3.25}, 1.0e7 / 3, 0.1);
    }

    @Test
    void readsEveryTasksCellBackBitForBitInTheOrderOfTheTasks() throws Exception {
        // Written in another order than the tasks', by two subtasks.
        CellFiles.write(dir, "1-0", cell("BTC-B", H1, -0.7));
        CellFiles.write(dir, "0-0", cell("BTC-A", H5, Double.NaN));
        CellFiles.write(dir, "0-1", cell("BTC-A", H1, 1.0 / 3));

        List<Cell> cells = CellFiles.read(dir, TASKS);

        assertEquals(TASKS, cells.stream().map(CellFiles.Key::of).toList());
        Cell a = cells.get(0);
        Cell expected = cell("BTC-A", H1, 1.0 / 3);
        assertEquals(expected.metricsJson(), a.metricsJson());
        assertEquals(Double.doubleToRawLongBits(expected.sharpe()), Double.doubleToRawLongBits(a.sharpe()));
        assertEquals(expected.periodsPerYear(), a.periodsPerYear());
        assertEquals(Arrays.toString(expected.equity()), Arrays.toString(a.equity()));
        assertArrayEquals(expected.tradePnl(), a.tradePnl());
        assertEquals(expected.tradedNotional(), a.tradedNotional());
        assertEquals(expected.costs(), a.costs());
        assertTrue(Double.isNaN(cells.get(1).sharpe()));
    }

    @Test
    void aTaskWithoutACellFileIsAnErrorNamingTheCell() throws Exception {
        CellFiles.write(dir, "0-0", cell("BTC-A", H1, 1));
        CellFiles.write(dir, "1-0", cell("BTC-B", H1, 1));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CellFiles.read(dir, TASKS));
        assertEquals("the sweep's Flink job wrote no result for cell BTC-A standard-24/logistic/h5 (2 of its 3 cells"
                + " were written)", e.getMessage());
    }

    @Test
    void aCellWrittenTwiceIsAnErrorNamingTheCell() throws Exception {
        CellFiles.write(dir, "0-0", cell("BTC-A", H1, 1));
        CellFiles.write(dir, "0-1", cell("BTC-A", H5, 1));
        CellFiles.write(dir, "1-0", cell("BTC-B", H1, 1));
        CellFiles.write(dir, "1-1", cell("BTC-A", H5, 1));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CellFiles.read(dir, TASKS));
        assertEquals("the sweep's Flink job wrote cell BTC-A standard-24/logistic/h5 more than once (1-1.cell is a"
                + " second copy)", e.getMessage());
    }

    @Test
    void aCellOfNoTaskIsAnErrorNamingTheCell() throws Exception {
        CellFiles.write(dir, "0-0", cell("BTC-C", H1, 1));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CellFiles.read(dir, TASKS));
        assertEquals("the sweep's Flink job wrote cell BTC-C standard-24/logistic/h1, which is not one of its 3 tasks"
                + " (0-0.cell)", e.getMessage());
    }

    @Test
    void aTruncatedCellFileIsAnErrorNamingTheFile() throws Exception {
        CellFiles.write(dir, "0-0", cell("BTC-A", H1, 1));
        Path file = dir.resolve("0-0.cell");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CellFiles.read(dir, TASKS));
        assertEquals("cannot read the sweep's cell file " + file + ": it ends inside a cell", e.getMessage());
    }

    @Test
    void aLengthLargerThanTheFileIsAnErrorNotAnAllocation() throws Exception {
        Path file = dir.resolve("0-0.cell");
        Files.write(file, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'A'});

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CellFiles.read(dir, TASKS));
        assertEquals("cannot read the sweep's cell file " + file + ": it holds a length of 2147483647, which the file"
                + " cannot hold", e.getMessage());
    }

    @Test
    void theAtomicWritersTemporaryFilesAreNotCells() throws Exception {
        CellFiles.write(dir, "0-0", cell("BTC-A", H1, 1));
        Files.writeString(dir.resolve(".0-1.cell.abc.tmp"), "half");
        Files.writeString(dir.resolve(".0-2.cell"), "half");

        assertEquals(1, CellFiles.read(dir, TASKS.subList(0, 1)).size());
    }
}
