package dev.sextant.trading.flink;

import java.io.Serializable;

/**
 * Where an {@link OrderSink} sends the job's orders: a venue connection, a queue, a file. Flink
 * replays the records after the last checkpoint when it restores a failed job, so the same order
 * (same {@link DecisionRow#clientOrderId()}) can be submitted twice; the gateway must treat a
 * repeated id as a retry of the order it already has, as venues do with client order ids. A
 * gateway is serialised into the job and used from one sink task at a time per instance.
 */
@FunctionalInterface
public interface OrderGateway extends Serializable {

    /**
     * Submits the order of {@code decision}.
     *
     * @param decision a decision whose {@link DecisionRow#hasOrder()} is true
     * @throws Exception when the order could not be handed over; Flink fails the task and restores
     */
    void submit(DecisionRow decision) throws Exception;
}
