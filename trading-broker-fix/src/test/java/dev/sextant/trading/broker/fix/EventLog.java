package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sextant.trading.broker.Blotter;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A test listener: applies every event to a {@link Blotter}, records events and connection
 * states, and waits for conditions. One log may listen to several connectors in turn (a restart).
 */
final class EventLog implements BrokerListener {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Blotter blotter = new Blotter();
    private final List<OrderEvent> events = new ArrayList<>();
    private final List<ConnectionState> states = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    @Override
    public void onOrderEvent(OrderEvent event) {
        blotter.onOrderEvent(event);
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
    }

    @Override
    public synchronized void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
        states.add(current);
        reasons.add(current + ": " + reason);
        notifyAll();
    }

    synchronized List<OrderEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<ConnectionState> states() {
        return List.copyOf(states);
    }

    /** Each connection state change as "STATE: reason", in order. */
    synchronized List<String> reasons() {
        return List.copyOf(reasons);
    }

    synchronized long count(Class<? extends OrderEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    synchronized long count(Class<? extends OrderEvent> type, String clientOrderId) {
        return events.stream().filter(e -> type.isInstance(e) && e.clientOrderId().equals(clientOrderId)).count();
    }

    /** The executions delivered, by execution id, in order (repeats included). */
    synchronized List<String> executionIds() {
        List<String> ids = new ArrayList<>();
        for (OrderEvent e : events) {
            if (e instanceof OrderEvent.Execution x) {
                ids.add(x.fill().executionId());
            }
        }
        return ids;
    }

    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; events: " + events() + "; states: " + states());
            }
            synchronized (this) {
                try {
                    wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for " + what);
                }
            }
        }
    }

    void awaitState(ConnectionState state, int after) {
        await("connection state " + state, () -> {
            List<ConnectionState> s = states();
            return s.subList(Math.min(after, s.size()), s.size()).contains(state);
        });
    }
}
