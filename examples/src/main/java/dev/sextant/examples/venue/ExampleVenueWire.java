package dev.sextant.examples.venue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The example venue's line protocol, spoken by {@link ExampleVenueConnector} and
 * {@link ExampleVenueServer}: UTF-8 lines of {@code |}-separated fields, free text
 * URL-encoded, numbers in Java's round-trip {@code double} format; prices are per unit in the
 * instrument's quote currency, the unit of {@code OrderRequest.limitPrice()}. One instrument per venue, so
 * orders do not carry it. Malformed input is an {@link IllegalArgumentException} naming the line
 * and the field.
 *
 * <pre>
 * client: HELLO|lastSeq   SUBMIT|req   CANCEL|id   REPLACE|id|req   QUERY|queryId|ORDERS|POSITIONS|ACCOUNT
 * venue:  EV|seq|event    WELCOME|seq  ROW|queryId|...              END|queryId   ERR|message
 * req   = id|side|quantity|type|limit|stop|tif                      (7 fields)
 * event = ACCEPTED|id|venueId|time   REJECTED|id|reason|message|time
 *         PARTIAL|execId|id|side|qty|price|fee|time   FILLED|execId|id|side|qty|price|fee|time
 *         CANCELED|id|time   EXPIRED|id|time   CANCEL_REJECTED|id|reason|message|time
 *         REPLACED|id|venueId|time|req
 * </pre>
 */
final class ExampleVenueWire {
    static final int MAX_LINE_BYTES = 8_192;
    private static final int REQUEST_FIELDS = 7;

    private ExampleVenueWire() {
    }

    /** Reads one line (without the newline) or null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new IOException("stream ended inside a line");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    static String[] split(String line) {
        return line.split("\\|", -1);
    }

    static String text(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- requests

    static String request(OrderRequest r) {
        return String.join("|", text(r.clientOrderId()), r.side().name(), Double.toString(r.quantity()), r.type().name(),
                Double.toString(r.limitPrice()), Double.toString(r.stopPrice()), r.timeInForce().name());
    }

    static OrderRequest request(String[] f, int at, Instrument instrument) {
        need(f, at + REQUEST_FIELDS);
        try {
            return new OrderRequest(untext(f, at), instrument, enumOf(Side.class, f, at + 1), number(f, at + 2),
                    enumOf(OrderType.class, f, at + 3), number(f, at + 4), number(f, at + 5),
                    enumOf(TimeInForce.class, f, at + 6));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw bad(f, "is not a valid order request: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- events

    static String event(OrderEvent e) {
        return switch (e) {
            case OrderEvent.Accepted a -> join("ACCEPTED", text(a.clientOrderId()), text(a.venueOrderId()), time(a.time()));
            case OrderEvent.Rejected r -> join("REJECTED", text(r.clientOrderId()), r.reason().name(), text(r.message()),
                    time(r.time()));
            case OrderEvent.PartiallyFilled p -> fill("PARTIAL", p.fill());
            case OrderEvent.Filled x -> fill("FILLED", x.fill());
            case OrderEvent.Canceled c -> join("CANCELED", text(c.clientOrderId()), time(c.time()));
            case OrderEvent.Expired x -> join("EXPIRED", text(x.clientOrderId()), time(x.time()));
            case OrderEvent.CancelRejected c -> join("CANCEL_REJECTED", text(c.clientOrderId()), c.reason().name(),
                    text(c.message()), time(c.time()));
            case OrderEvent.Replaced r -> join("REPLACED", text(r.clientOrderId()), text(r.venueOrderId()), time(r.time()),
                    request(r.replacement()));
        };
    }

    private static String fill(String kind, Fill f) {
        return join(kind, text(f.executionId()), text(f.clientOrderId()), f.side().name(), Double.toString(f.quantity()),
                Double.toString(f.price()), Double.toString(f.fee()), time(f.time()));
    }

    static OrderEvent event(String[] f, int at, Instrument instrument) {
        need(f, at + 1);
        try {
            return switch (f[at]) {
                case "ACCEPTED" -> {
                    need(f, at + 4);
                    yield new OrderEvent.Accepted(untext(f, at + 1), untext(f, at + 2), instant(f, at + 3));
                }
                case "REJECTED" -> {
                    need(f, at + 5);
                    yield new OrderEvent.Rejected(untext(f, at + 1), enumOf(RejectReason.class, f, at + 2),
                            untext(f, at + 3), instant(f, at + 4));
                }
                case "PARTIAL", "FILLED" -> {
                    need(f, at + 8);
                    Fill fill = new Fill(untext(f, at + 1), untext(f, at + 2), instrument, enumOf(Side.class, f, at + 3),
                            number(f, at + 4), number(f, at + 5), number(f, at + 6), instant(f, at + 7));
                    yield f[at].equals("PARTIAL") ? new OrderEvent.PartiallyFilled(fill) : new OrderEvent.Filled(fill);
                }
                case "CANCELED" -> {
                    need(f, at + 3);
                    yield new OrderEvent.Canceled(untext(f, at + 1), instant(f, at + 2));
                }
                case "EXPIRED" -> {
                    need(f, at + 3);
                    yield new OrderEvent.Expired(untext(f, at + 1), instant(f, at + 2));
                }
                case "CANCEL_REJECTED" -> {
                    need(f, at + 5);
                    yield new OrderEvent.CancelRejected(untext(f, at + 1), enumOf(RejectReason.class, f, at + 2),
                            untext(f, at + 3), instant(f, at + 4));
                }
                case "REPLACED" -> {
                    need(f, at + 4 + REQUEST_FIELDS);
                    yield new OrderEvent.Replaced(untext(f, at + 1), request(f, at + 4, instrument), untext(f, at + 2),
                            instant(f, at + 3));
                }
                default -> throw bad(f, "has unknown event kind '" + f[at] + "'");
            };
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(f, "is not a valid event: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- query rows

    static String order(Order o) {
        return join(request(o.request()), text(o.venueOrderId()), o.status().name(), Double.toString(o.filledQuantity()),
                Double.toString(o.averageFillPrice()), time(o.updated()));
    }

    static Order order(String[] f, int at, Instrument instrument) {
        need(f, at + REQUEST_FIELDS + 5);
        int p = at + REQUEST_FIELDS;
        try {
            return new Order(request(f, at, instrument), untext(f, p), enumOf(OrderStatus.class, f, p + 1), number(f, p + 2),
                    number(f, p + 3), instant(f, p + 4));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw bad(f, "is not a valid order: " + e.getMessage());
        }
    }

    static String position(Position p) {
        return join(Double.toString(p.quantity()), Double.toString(p.averagePrice()), Double.toString(p.realisedPnl()));
    }

    static Position position(String[] f, int at, Instrument instrument) {
        need(f, at + 3);
        try {
            return new Position(instrument, number(f, at), number(f, at + 1), number(f, at + 2));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw bad(f, "is not a valid position: " + e.getMessage());
        }
    }

    static String account(AccountSnapshot a) {
        return join(text(a.currency()), Double.toString(a.cash()), Double.toString(a.equity()),
                Double.toString(a.buyingPower()), time(a.time()));
    }

    static AccountSnapshot account(String[] f, int at) {
        need(f, at + 5);
        try {
            return new AccountSnapshot(untext(f, at), number(f, at + 1), number(f, at + 2), number(f, at + 3),
                    instant(f, at + 4));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw bad(f, "is not a valid account: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- fields

    static String join(String... parts) {
        return String.join("|", parts);
    }

    private static String time(Instant t) {
        return Long.toString(t.toEpochMilli());
    }

    private static void need(String[] f, int count) {
        if (f.length < count) {
            throw bad(f, "has " + f.length + " fields, needs at least " + count);
        }
    }

    static long whole(String[] f, int i) {
        need(f, i + 1);
        try {
            return Long.parseLong(f[i]);
        } catch (NumberFormatException e) {
            throw bad(f, "field " + i + " '" + f[i] + "' is not a whole number");
        }
    }

    private static double number(String[] f, int i) {
        try {
            return Double.parseDouble(f[i]);
        } catch (NumberFormatException e) {
            throw bad(f, "field " + i + " '" + f[i] + "' is not a number");
        }
    }

    private static Instant instant(String[] f, int i) {
        return Instant.ofEpochMilli(whole(f, i));
    }

    private static String untext(String[] f, int i) {
        try {
            return URLDecoder.decode(f[i], StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(f, "field " + i + " '" + f[i] + "' is not URL-encoded text");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String[] f, int i) {
        try {
            return Enum.valueOf(type, f[i]);
        } catch (IllegalArgumentException e) {
            throw bad(f, "field " + i + " '" + f[i] + "' is not a " + type.getSimpleName());
        }
    }

    private static MalformedMessageException bad(String[] f, String problem) {
        String line = String.join("|", f);
        if (line.length() > 200) {
            line = line.substring(0, 200) + "...";
        }
        return new MalformedMessageException("bad message '" + line + "': " + problem);
    }

    /** A line that does not follow the protocol; the message names the line and the field. */
    static final class MalformedMessageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message);
        }
    }
}
