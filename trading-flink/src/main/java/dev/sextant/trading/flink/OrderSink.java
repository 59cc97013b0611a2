package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.Serial;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that sends the order of every decision that has one through an
 * {@link OrderGateway}. Delivery is at least once; the client order ids
 * ({@code <prefix>-<symbol>-<close epoch seconds>}, see
 * {@link dev.sextant.trading.engine.ClientOrderIds#perBar}) are the same in a replay after a
 * restore, so an idempotent gateway sees each order once.
 */
public final class OrderSink implements Sink<DecisionRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final OrderGateway gateway;

    /** @param gateway where orders go */
    public OrderSink(OrderGateway gateway) {
        this.gateway = Checks.notNull(gateway, "gateway");
    }

    @Override
    public SinkWriter<DecisionRow> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(DecisionRow row, Context ctx) throws IOException {
                if (row.hasOrder()) {
                    try {
                        gateway.submit(row);
                    } catch (IOException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IOException("order " + row.clientOrderId() + " was not handed over: " + e, e);
                    }
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                // Each order is handed over when written; nothing is buffered.
            }

            @Override
            public void close() {
                // The gateway's resources are the gateway's.
            }
        };
    }
}
