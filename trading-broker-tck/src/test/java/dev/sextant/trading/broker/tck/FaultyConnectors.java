package dev.sextant.trading.broker.tck;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    /** How far the price unit of the wrong-unit connectors is off: ticks of 0.01 read as units. */
    static final double TICKS_PER_UNIT = 100;

    /**
     * Delivers in arrival order instead of venue order: acknowledgements come on a slow
     * order-entry channel (100 ms late), fills on a fast drop-copy channel, so a fill that follows
     * the acknowledgement at the venue reaches the listener first.
     */
    static BrokerConnector acknowledgesAfterFills(BrokerConnector delegate) {
        ScheduledExecutorService orderEntry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faulty-order-entry-channel");
            t.setDaemon(true);
            return t;
        });
        return new ForwardingConnector(delegate) {
            @Override
            protected void deliver(OrderEvent event) {
                if (event instanceof OrderEvent.Accepted) {
                    orderEntry.schedule(() -> super.deliver(event), 100, TimeUnit.MILLISECONDS);
                } else {
                    super.deliver(event);
                }
            }

            @Override
            public void close() {
                orderEntry.shutdownNow();
                super.close();
            }
        };
    }

    /**
     * Reports CONNECTING while it logs on and, meanwhile, takes requests into a buffer that the
     * logon then discards: an order submitted while the connection is re-established is silently
     * dropped. While DISCONNECTED it refuses requests correctly.
     */
    static BrokerConnector dropsOrdersWhileConnecting(BrokerConnector delegate) {
        return new ForwardingConnector(delegate) {
            private volatile boolean connecting;

            @Override
            public void connect() {
                if (delegate.connectionState() == ConnectionState.CONNECTED) {
                    return;
                }
                connecting = true;
                try {
                    deliverConnectionChange(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, "logging on");
                    super.connect();
                } finally {
                    connecting = false;
                }
            }

            @Override
            public ConnectionState connectionState() {
                return connecting ? ConnectionState.CONNECTING : super.connectionState();
            }

            @Override
            public void submit(OrderRequest request) {
                if (connecting) {
                    return; // "queued until the logon completes", and the logon clears the queue
                }
                super.submit(request);
            }
        };
    }

    /** Decodes fill prices as if the venue sent ticks of 0.01: every fill in events is 100 times its price. */
    static BrokerConnector fillPricesInTicks(BrokerConnector delegate) {
        return new ForwardingConnector(delegate) {
            @Override
            protected void deliver(OrderEvent event) {
                super.deliver(switch (event) {
                    case OrderEvent.Filled x -> new OrderEvent.Filled(inTicks(x.fill()));
                    case OrderEvent.PartiallyFilled x -> new OrderEvent.PartiallyFilled(inTicks(x.fill()));
                    default -> event;
                });
            }
        };
    }

    private static Fill inTicks(Fill f) {
        return new Fill(f.executionId(), f.clientOrderId(), f.instrument(), f.side(), f.quantity(),
                f.price() * TICKS_PER_UNIT, f.fee(), f.time());
    }

    /** Decodes the average price of the positions query in ticks: 100 times the venue's. */
    static BrokerConnector averagePriceInTicks(BrokerConnector delegate) {
        return new ForwardingConnector(delegate) {
            @Override
            public List<Position> positions() {
                List<Position> wrong = new ArrayList<>();
                for (Position p : super.positions()) {
                    wrong.add(new Position(p.instrument(), p.quantity(), p.averagePrice() * TICKS_PER_UNIT, p.realisedPnl()));
                }
                return wrong;
            }
        };
    }

    /** Reports the account's cash in cents: 100 times the venue's. */
    static BrokerConnector cashInCents(BrokerConnector delegate) {
        return new ForwardingConnector(delegate) {
            @Override
            public AccountSnapshot account() {
                AccountSnapshot a = super.account();
                return new AccountSnapshot(a.currency(), a.cash() * TICKS_PER_UNIT, a.equity(), a.buyingPower(), a.time());
            }
        };
    }
}
