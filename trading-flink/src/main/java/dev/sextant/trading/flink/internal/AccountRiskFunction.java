package dev.sextant.trading.flink.internal;

import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.flink.AccountBook;
import dev.sextant.trading.flink.AccountSettings;
import dev.sextant.trading.flink.DecisionRow;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The account stage, keyed by account: the account's {@link AccountBook} (paper broker, one risk
 * engine for all its instruments, the pipeline's sizing and pre-trade checks) decides on every
 * bar once the watermark has passed its close time, so that every instrument's signal for that
 * time is there: no limit is checked against a partial view. Bars of one close time are decided
 * in the order of instrument id ({@link AccountBook#ORDER}), whatever the parallelism.
 *
 * <p>State in Flink managed state: the signals waiting for their close time (a {@link MapState}
 * by close time, with an event-time timer each) and the signals decided so far (a {@link ListState}),
 * from which the book is rebuilt by replay after a restore or rescale.
 */
public final class AccountRiskFunction extends KeyedProcessFunction<String, SignalEvent, DecisionRow> {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final Comparator<SignalEvent> ORDER = Comparator.comparing(SignalEvent::bar, AccountBook.ORDER);

    private final AccountSettings settings;
    private transient MapState<Long, List<SignalEvent>> pending;
    private transient ListState<SignalEvent> decided;
    private transient Map<String, Book> books;

    /** The account's book and the source that hands it the instrument stage's signals. */
    private record Book(AccountBook book, HandoffSignals handoff) {
    }

    /** @param settings the settings of every account */
    public AccountRiskFunction(AccountSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        TypeInformation<SignalEvent> event = TypeInformation.of(SignalEvent.class);
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(event)));
        decided = getRuntimeContext().getListState(new ListStateDescriptor<>("decided", event));
        books = new HashMap<>();
    }

    @Override
    public void processElement(SignalEvent event, Context ctx, Collector<DecisionRow> out) throws Exception {
        long close = event.bar().closeTime();
        List<SignalEvent> waiting = pending.get(close);
        List<SignalEvent> next = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
        next.add(event);
        pending.put(close, next);
        ctx.timerService().registerEventTimeTimer(close);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DecisionRow> out) throws Exception {
        List<SignalEvent> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        pending.remove(timestamp);
        List<SignalEvent> ordered = new ArrayList<>(due);
        ordered.sort(ORDER);
        Book b = book(ctx.getCurrentKey(), ordered.get(0));
        for (SignalEvent e : ordered) {
            out.collect(DecisionRow.of(decide(b, e)));
            decided.add(e);
        }
    }

    private Book book(String account, SignalEvent first) throws Exception {
        Book b = books.get(account);
        if (b != null) {
            return b;
        }
        Iterable<SignalEvent> replay = decided.get();
        SignalEvent start = replay.iterator().hasNext() ? replay.iterator().next() : first;
        HandoffSignals handoff = new HandoffSignals();
        b = new Book(new AccountBook(settings, handoff, start.bar().bar().time()), handoff);
        for (SignalEvent e : replay) {
            decide(b, e);
        }
        books.put(account, b);
        return b;
    }

    private static Decision decide(Book b, SignalEvent e) {
        b.handoff().next(e);
        return b.book().decide(e.bar());
    }
}
