package dev.sextant.examples.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleVenueWireTest {
    private static final Instrument I = Instrument.equity("LOOP", ExampleVenueConfig.VENUE);
    private static final Instant T = Instant.ofEpochMilli(1_704_204_000_123L);

    @Test
    void everyEventSurvivesTheRoundTrip() {
        OrderRequest r = OrderRequest.stopLimit("a|b\nc", I, Side.SELL, 3, 99.5, 99, TimeInForce.GTC);
        Fill f = new Fill("E-1", "a", I, Side.BUY, 2.5, 100.25, 0.125, T);
        List<OrderEvent> events = List.of(
                new OrderEvent.Accepted("a", "V 1", T),
                new OrderEvent.Rejected("a", RejectReason.INSUFFICIENT_BUYING_POWER, "needs 5|000", T),
                new OrderEvent.PartiallyFilled(f),
                new OrderEvent.Filled(f),
                new OrderEvent.Canceled("a", T),
                new OrderEvent.Expired("a", T),
                new OrderEvent.CancelRejected("a", RejectReason.TOO_LATE, "", T),
                new OrderEvent.Replaced("x", r, "V2", T));
        for (OrderEvent e : events) {
            String line = ExampleVenueWire.event(e);
            assertTrue(!line.contains("\n"));
            assertEquals(e, ExampleVenueWire.event(ExampleVenueWire.split(line), 0, I));
        }
    }

    @Test
    void queryRowsSurviveTheRoundTrip() {
        Order o = new Order(OrderRequest.market("m", I, Side.BUY, 4, TimeInForce.DAY), "V9", OrderStatus.PARTIALLY_FILLED,
                1, 100.5, T);
        assertEquals(o, ExampleVenueWire.order(ExampleVenueWire.split(ExampleVenueWire.order(o)), 0, I));
        Position p = new Position(I, -3, 101.25, 12.5);
        assertEquals(p, ExampleVenueWire.position(ExampleVenueWire.split(ExampleVenueWire.position(p)), 0, I));
        AccountSnapshot a = new AccountSnapshot("USD", 1_000.5, 2_000.25, 0, T);
        assertEquals(a, ExampleVenueWire.account(ExampleVenueWire.split(ExampleVenueWire.account(a)), 0));
    }

    @Test
    void malformedLinesNameTheLineAndTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleVenueWire.event(ExampleVenueWire.split("CANCELED|a|soon"), 0, I));
        assertTrue(e.getMessage().contains("CANCELED|a|soon") && e.getMessage().contains("'soon'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExampleVenueWire.event(ExampleVenueWire.split("FILLED|E|a|UP|1|1|0|0"), 0, I));
        assertTrue(e.getMessage().contains("'UP' is not a Side"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExampleVenueWire.event(ExampleVenueWire.split("FILLED|E|a|BUY|-1|1|0|0"), 0, I));
        assertTrue(e.getMessage().contains("quantity must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExampleVenueWire.event(ExampleVenueWire.split("ACCEPTED|a"), 0, I));
        assertTrue(e.getMessage().contains("has 2 fields"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExampleVenueWire.event(ExampleVenueWire.split("TELEPORTED|a|0"), 0, I));
    }

    @Test
    void readsLinesUpToTheLimitAndRefusesLongerOnes() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("one", ExampleVenueWire.readLine(in));
        assertEquals("two", ExampleVenueWire.readLine(in));
        assertNull(ExampleVenueWire.readLine(in));
        byte[] tooLong = new byte[ExampleVenueWire.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(tooLong, (byte) 'x');
        assertThrows(IOException.class, () -> ExampleVenueWire.readLine(new ByteArrayInputStream(tooLong)));
        assertThrows(IOException.class, () -> ExampleVenueWire.readLine(new ByteArrayInputStream("half".getBytes(StandardCharsets.UTF_8))));
    }
}
