package dev.sextant.trading.flink;

import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.flink.WalkForwardSweep.Cell;
import dev.sextant.trading.flink.WalkForwardSweep.Configuration;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The sweep's cells as files in a {@link ResultFolder}: a sink whose subtasks write each
 * {@link Cell} to a file of its own ({@code <subtask>-<n>.cell}, atomically, with
 * {@link AtomicFileWriter}), and {@link #read}, which reads them back after the job and checks that
 * every task of the sweep gave exactly one cell. The files are a private binary encoding (doubles
 * bit for bit), written and read by the same process. Not for jobs that restore from checkpoints.
 */
final class CellFiles implements Sink<Cell> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String SUFFIX = ".cell";

    private final String dir;

    /** @param dir the folder the cell files go to; it must exist */
    CellFiles(Path dir) {
        this.dir = dir.toString();
    }

    @Override
    public SinkWriter<Cell> createWriter(WriterInitContext context) {
        String subtask = Integer.toString(context.getTaskInfo().getIndexOfThisSubtask());
        return new SinkWriter<>() {
            private int written;

            @Override
            public void write(Cell cell, Context ctx) throws IOException {
                CellFiles.write(Path.of(dir), subtask + "-" + written++, cell);
            }

            @Override
            public void flush(boolean endOfInput) {
                // every cell is on disk once write returns
            }

            @Override
            public void close() {
                // no file is held open
            }
        };
    }

    /**
     * The cells of {@code expected} that the job wrote to {@code dir}, in the order of
     * {@code expected}.
     *
     * @param expected the cell of each task, as instrument and configuration; each must appear once
     * @throws IllegalStateException if a cell of {@code expected} has no file, has more than one, or a
     *                               file holds a cell that is not one of {@code expected}; the message
     *                               names the cell
     * @throws UncheckedIOException  if the folder or a file cannot be read or a file is not a cell
     */
    static List<Cell> read(Path dir, List<Key> expected) {
        Set<Key> tasks = new HashSet<>(expected);
        Map<Key, Cell> found = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sweep's cell files in " + dir + ": " + IoErrors.reason(e), e);
        }
        for (Path file : files) {
            Cell cell = decode(file);
            Key key = Key.of(cell);
            if (!tasks.contains(key)) {
                throw new IllegalStateException("the sweep's Flink job wrote cell " + key + ", which is not one of its "
                        + expected.size() + " tasks (" + file.getFileName() + ")");
            }
            if (found.putIfAbsent(key, cell) != null) {
                throw new IllegalStateException("the sweep's Flink job wrote cell " + key + " more than once ("
                        + file.getFileName() + " is a second copy)");
            }
        }
        List<Cell> cells = new ArrayList<>(expected.size());
        for (Key key : expected) {
            Cell cell = found.get(key);
            if (cell == null) {
                throw new IllegalStateException("the sweep's Flink job wrote no result for cell " + key + " ("
                        + found.size() + " of its " + expected.size() + " cells were written)");
            }
            cells.add(cell);
        }
        return cells;
    }

    /**
     * A cell's identity: its instrument and configuration.
     *
     * @param instrument    the instrument
     * @param configuration the configuration
     */
    record Key(String instrument, Configuration configuration) {
        static Key of(Cell cell) {
            return new Key(cell.instrument(), cell.configuration());
        }

        /** {@code BTC-A standard-24/logistic/h5}. */
        @Override
        public String toString() {
            return instrument + " " + configuration.featureSet() + "/" + configuration.model() + "/h"
                    + configuration.horizon();
        }
    }

    /** Writes {@code cell} to {@code <name>.cell} in {@code dir}, atomically. */
    static void write(Path dir, String name, Cell cell) throws IOException {
        AtomicFileWriter.write(dir.resolve(name + SUFFIX), out -> encode(cell, out));
    }

    private static void encode(Cell c, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        writeString(out, c.instrument());
        writeString(out, c.configuration().featureSet());
        writeString(out, c.configuration().model());
        out.writeInt(c.configuration().horizon());
        writeString(out, c.metricsJson());
        out.writeDouble(c.sharpe());
        out.writeDouble(c.periodsPerYear());
        writeDoubles(out, c.equity());
        writeDoubles(out, c.tradePnl());
        out.writeDouble(c.tradedNotional());
        out.writeDouble(c.costs());
        out.flush();
    }

    private static Cell decode(Path file) {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
            // No length in the file can ask for more than the file holds.
            long size = Files.size(file);
            DataInputStream in = new DataInputStream(stream);
            Cell cell = new Cell(readString(in, size), new Configuration(readString(in, size), readString(in, size),
                    in.readInt()), readString(in, size), in.readDouble(), in.readDouble(), readDoubles(in, size),
                    readDoubles(in, size), in.readDouble(), in.readDouble());
            if (in.read() != -1) {
                throw new IOException("it has bytes after the cell");
            }
            return cell;
        } catch (EOFException e) {
            throw new UncheckedIOException("cannot read the sweep's cell file " + file + ": it ends inside a cell", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sweep's cell file " + file + ": " + IoErrors.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read the sweep's cell file " + file + ": " + e.getMessage(),
                    new IOException(e.getMessage(), e));
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in, long size) throws IOException {
        int n = length(in, size);
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in, long size) throws IOException {
        double[] values = new double[length(in, size / Double.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static int length(DataInputStream in, long most) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > most) {
            throw new IOException("it holds a length of " + n + ", which the file cannot hold");
        }
        return n;
    }
}
