package dev.sextant.trading.broker.tck;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Deliberately faulty connectors, each wrong in one way, that the kit must catch. */
final class FaultyConnectors {
    private FaultyConnectors() {
    }

    /** Delivers the first fill of the session twice, with the same execution id. */
    static BrokerConnector duplicateFill(BrokerConnector delegate) {
        AtomicBoolean done = new AtomicBoolean();
        return new ForwardingConnector(delegate) {
            @Override
            protected void deliver(OrderEvent event) {
                super.deliver(event);
                if (event instanceof OrderEvent.Execution && done.compareAndSet(false, true)) {
                    super.deliver(event);
                }
            }
        };
    }

    /** Accepts cancel requests and never sends them. */
    static BrokerConnector lostCancel(BrokerConnector delegate) {
        return new ForwardingConnector(delegate) {
            @Override
            public void cancel(String clientOrderId) {
                // Lost: nothing reaches the venue and nothing comes back.
            }
        };
    }

    /** After a reconnect, reports every position one lot larger than it is. */
    static BrokerConnector wrongPositionAfterReconnect(BrokerConnector delegate) {
        AtomicInteger connects = new AtomicInteger();
        return new ForwardingConnector(delegate) {
            @Override
            public void connect() {
                if (delegate.connectionState() != ConnectionState.CONNECTED) {
                    connects.incrementAndGet();
                }
                super.connect();
            }

            @Override
            public List<Position> positions() {
                List<Position> real = super.positions();
                if (connects.get() < 2) {
                    return real;
                }
                List<Position> wrong = new ArrayList<>();
                for (Position p : real) {
                    wrong.add(new Position(p.instrument(), p.quantity() + p.instrument().lotSize(), p.averagePrice(),
                            p.realisedPnl()));
                }
                if (wrong.isEmpty()) {
                    wrong.add(new Position(PaperVenueFixture.INSTRUMENT, PaperVenueFixture.INSTRUMENT.lotSize(), 100, 0));
                }
                return wrong;
            }
        };
    }
}
