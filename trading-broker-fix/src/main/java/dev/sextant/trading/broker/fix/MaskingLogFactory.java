package dev.sextant.trading.broker.fix;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J session logs that go to SLF4J with credentials masked: the values of Password (554)
 * and NewPassword (925) become {@code ***} in every logged message and event. Messages are
 * logged at DEBUG, events at INFO, error events at WARN, under the logger
 * {@code dev.sextant.trading.broker.fix.session}. Thread-safe.
 */
final class MaskingLogFactory implements LogFactory {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sextant.trading.broker.fix.session");
    private static final Pattern SECRET = Pattern.compile("(^|\u0001)(554|925)=[^\u0001]*");

    /** {@code text} with the values of tags 554 and 925 replaced by {@code ***}. */
    static String mask(String text) {
        return text == null ? null : SECRET.matcher(text).replaceAll("$1$2=***");
    }

    @Override
    public Log create(SessionID sessionID) {
        String session = sessionID.toString();
        return new Log() {
            @Override
            public void clear() {
                // Nothing is kept: the log is a stream.
            }

            @Override
            public void onIncoming(String message) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} in: {}", session, mask(message).replace('\u0001', '|'));
                }
            }

            @Override
            public void onOutgoing(String message) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} out: {}", session, mask(message).replace('\u0001', '|'));
                }
            }

            @Override
            public void onEvent(String text) {
                LOG.info("{}: {}", session, mask(text));
            }

            @Override
            public void onErrorEvent(String text) {
                LOG.warn("{}: {}", session, mask(text));
            }
        };
    }
}
