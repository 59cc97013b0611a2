package dev.sextant.trading.flink.internal;

import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.flink.DecisionRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink for a bounded local run: each subtask writes its {@link DecisionRow}s to
 * {@code part-<subtask>} in a folder (replacing the file when the subtask starts), and
 * {@link #read} reads them all back after the job. Lines are
 * {@code instrument,time millis,direction,kind,client order id,quantity}; instruments hold no comma.
 * Not for jobs that restore from checkpoints (a restored subtask starts its file again).
 */
public final class RowFiles implements Sink<DecisionRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String dir;

    /** @param dir the folder the part files go to; it must exist */
    public RowFiles(Path dir) {
        this.dir = dir.toString();
    }

    @Override
    public SinkWriter<DecisionRow> createWriter(WriterInitContext context) throws IOException {
        Path part = Path.of(dir, "part-" + context.getTaskInfo().getIndexOfThisSubtask());
        BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        return new SinkWriter<>() {
            @Override
            public void write(DecisionRow r, Context ctx) throws IOException {
                out.write(r.instrument() + ',' + r.time() + ',' + r.direction() + ',' + r.kind() + ',' + r.clientOrderId()
                        + ',' + r.quantity());
                out.newLine();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Every row the subtasks wrote to {@code dir}. */
    public static List<DecisionRow> read(Path dir) {
        List<DecisionRow> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    String[] f = line.split(",", -1);
                    rows.add(new DecisionRow(f[0], Long.parseLong(f[1]), f[2], f[3], f[4], Double.parseDouble(f[5])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job's rows in " + dir + ": " + IoErrors.reason(e), e);
        }
        return rows;
    }
}
