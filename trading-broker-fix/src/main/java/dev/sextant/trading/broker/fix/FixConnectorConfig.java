package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import quickfix.ConfigError;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * Settings of a {@link FixConnector}: one FIX initiator session and what the venue supports.
 * Build with {@link #builder()}, from string settings with {@link #fromProperties} (what the
 * {@code fix} {@link dev.sextant.trading.broker.BrokerProvider} reads), or from a QuickFIX/J
 * settings file with {@link #fromSettingsFile}.
 *
 * <p>{@link #toString()} never shows the password. Immutable and thread-safe.
 *
 * @param host               the venue's host name or address; not blank
 * @param port               the venue's FIX port, 1 to 65535
 * @param senderCompId       SenderCompID (49) of this side; not blank
 * @param targetCompId       TargetCompID (56) of the venue; not blank
 * @param beginString        BeginString (8), {@code FIX.4.4} by default
 * @param dataDictionary     the data dictionary used to validate messages: a class-path resource
 *                           or a file ({@code FIX44.xml} by default)
 * @param heartbeatSeconds   HeartBtInt (108) in seconds, positive (default 30)
 * @param storeDirectory     where the QuickFIX/J file store keeps sequence numbers and sent
 *                           messages, so that a restarted connector continues the session
 * @param username           Username (553) sent on logon, empty for none
 * @param password           Password (554) sent on logon, empty for none; never logged
 * @param account            Account (1) put on orders and requests, empty for none
 * @param venue              the venue id reported by {@link FixConnector#venue()} and used as
 *                           the venue of instruments (default {@code fix})
 * @param currency           the account currency (default {@code USD})
 * @param instruments        the instruments the venue trades, matched by Symbol (55); not empty
 * @param logonTimeout       how long {@link FixConnector#connect()} waits for the logon, positive (default 10 s)
 * @param requestTimeout     how long a query waits for the venue's answer, positive (default 5 s)
 * @param massStatus         whether the venue answers OrderMassStatusRequest (AF); if not, working
 *                           orders are queried one by one with OrderStatusRequest (H) (default true)
 * @param positionRequests   whether the venue answers RequestForPositions (AN); if not, positions are
 *                           the sum of the fills this connector delivered (default true)
 * @param collateralInquiry  whether the venue answers CollateralInquiry (BB) with a CollateralReport
 *                           (BA); if not, {@link FixConnector#account()} fails (default true)
 * @param positionPriceTag   the PositionReport tag holding the position's average price (default
 *                           730, SettlPrice); positive
 * @param resetOnLogon       whether to reset sequence numbers at every logon (ResetOnLogon); false
 *                           by default, so that missed reports are resent after a reconnect
 * @param retainedFinishedOrders how many finished (filled, cancelled, rejected, expired) orders
 *                           the connector keeps in memory to recognise their late reports and a
 *                           reused ClOrdID; older ones are forgotten, working orders never are;
 *                           positive (default {@value #DEFAULT_RETAINED_FINISHED_ORDERS})
 * @param extraSettings      further QuickFIX/J session settings passed through unchanged (SSL,
 *                           session times, ...); keys must not repeat a setting above
 */
public record FixConnectorConfig(
        String host, int port, String senderCompId, String targetCompId, String beginString, String dataDictionary,
        int heartbeatSeconds, Path storeDirectory, String username, String password, String account, String venue,
        String currency, List<Instrument> instruments, Duration logonTimeout, Duration requestTimeout,
        boolean massStatus, boolean positionRequests, boolean collateralInquiry, int positionPriceTag,
        boolean resetOnLogon, int retainedFinishedOrders, Map<String, String> extraSettings) {

    /**
     * The default of {@link #retainedFinishedOrders}: 10,000 finished orders (memory not measured).
     * Late reports of a finished order (a resend after a reconnect, the venue's own fill after
     * reconciliation delivered it) come within minutes; at one order a minute this covers about a
     * week, at ten a second about a quarter of an hour.
     */
    public static final int DEFAULT_RETAINED_FINISHED_ORDERS = 10_000;

    /** The QuickFIX/J settings that the typed fields own; {@link #extraSettings} must not set them. */
    static final Set<String> OWNED_SETTINGS = Set.of("ConnectionType", "BeginString", "SenderCompID", "TargetCompID",
            "SocketConnectHost", "SocketConnectPort", "HeartBtInt", "FileStorePath", "DataDictionary",
            "UseDataDictionary", "ResetOnLogon", "ReconnectInterval");

    private static final Set<String> KEYS = Set.of("settingsFile", "host", "port", "senderCompId", "targetCompId",
            "beginString", "dataDictionary", "heartbeatSeconds", "storeDirectory", "username", "password", "account",
            "venue", "currency", "instruments", "logonTimeout", "requestTimeout", "massStatus", "positionRequests",
            "collateralInquiry", "positionPriceTag", "resetOnLogon", "retainedFinishedOrders");

    /** Sextant's own keys in a QuickFIX/J settings file, read by {@link #fromSettingsFile}. */
    private static final Map<String, String> FILE_KEYS = Map.ofEntries(
            Map.entry("SextantUsername", "username"), Map.entry("SextantPassword", "password"),
            Map.entry("SextantAccount", "account"), Map.entry("SextantVenue", "venue"),
            Map.entry("SextantCurrency", "currency"), Map.entry("SextantInstruments", "instruments"),
            Map.entry("SextantLogonTimeout", "logonTimeout"), Map.entry("SextantRequestTimeout", "requestTimeout"),
            Map.entry("SextantMassStatus", "massStatus"), Map.entry("SextantPositionRequests", "positionRequests"),
            Map.entry("SextantCollateralInquiry", "collateralInquiry"),
            Map.entry("SextantPositionPriceTag", "positionPriceTag"),
            Map.entry("SextantRetainedFinishedOrders", "retainedFinishedOrders"));

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
    public FixConnectorConfig {
        Checks.notBlank(host, "host");
        Checks.inRange(port, 1, 65_535, "port");
        Checks.notBlank(senderCompId, "senderCompId");
        Checks.notBlank(targetCompId, "targetCompId");
        Checks.notBlank(beginString, "beginString");
        Checks.notBlank(dataDictionary, "dataDictionary");
        Checks.positive(heartbeatSeconds, "heartbeatSeconds");
        Checks.notNull(storeDirectory, "storeDirectory");
        Checks.notNull(username, "username");
        Checks.notNull(password, "password");
        Checks.notNull(account, "account");
        Checks.notBlank(venue, "venue");
        Checks.notBlank(currency, "currency");
        instruments = List.copyOf(Checks.notNull(instruments, "instruments"));
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("instruments must not be empty: the connector maps Symbol (55) to them");
        }
        Set<String> symbols = new TreeSet<>();
        for (Instrument i : instruments) {
            if (!symbols.add(i.symbol())) {
                throw new IllegalArgumentException("instruments lists symbol " + i.symbol() + " twice");
            }
        }
        positive(Checks.notNull(logonTimeout, "logonTimeout"), "logonTimeout");
        positive(Checks.notNull(requestTimeout, "requestTimeout"), "requestTimeout");
        Checks.positive(positionPriceTag, "positionPriceTag");
        Checks.positive(retainedFinishedOrders, "retainedFinishedOrders");
        extraSettings = Map.copyOf(new TreeMap<>(Checks.notNull(extraSettings, "extraSettings")));
        for (String key : extraSettings.keySet()) {
            if (OWNED_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("extraSettings must not set " + key + ": it has its own field");
            }
        }
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
    }

    /** A builder with the defaults; host, port, comp ids, store directory and instruments must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.senderCompId = senderCompId;
        b.targetCompId = targetCompId;
        b.beginString = beginString;
        b.dataDictionary = dataDictionary;
        b.heartbeatSeconds = heartbeatSeconds;
        b.storeDirectory = storeDirectory;
        b.username = username;
        b.password = password;
        b.account = account;
        b.venue = venue;
        b.currency = currency;
        b.instruments = new ArrayList<>(instruments);
        b.logonTimeout = logonTimeout;
        b.requestTimeout = requestTimeout;
        b.massStatus = massStatus;
        b.positionRequests = positionRequests;
        b.collateralInquiry = collateralInquiry;
        b.positionPriceTag = positionPriceTag;
        b.resetOnLogon = resetOnLogon;
        b.retainedFinishedOrders = retainedFinishedOrders;
        b.extraSettings = new LinkedHashMap<>(extraSettings);
        return b;
    }

    /** The instrument with {@code symbol}, if the venue trades it. */
    java.util.Optional<Instrument> instrument(String symbol) {
        for (Instrument i : instruments) {
            if (i.symbol().equals(symbol)) {
                return java.util.Optional.of(i);
            }
        }
        return java.util.Optional.empty();
    }

    /** The settings with the password replaced by {@code ***}. */
    @Override
    public String toString() {
        return "FixConnectorConfig[host=" + host + ", port=" + port + ", senderCompId=" + senderCompId
                + ", targetCompId=" + targetCompId + ", beginString=" + beginString + ", dataDictionary="
                + dataDictionary + ", heartbeatSeconds=" + heartbeatSeconds + ", storeDirectory=" + storeDirectory
                + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "***") + ", account="
                + account + ", venue=" + venue + ", currency=" + currency + ", instruments=" + instruments
                + ", logonTimeout=" + logonTimeout + ", requestTimeout=" + requestTimeout + ", massStatus="
                + massStatus + ", positionRequests=" + positionRequests + ", collateralInquiry=" + collateralInquiry
                + ", positionPriceTag=" + positionPriceTag + ", resetOnLogon=" + resetOnLogon + ", retainedFinishedOrders="
                + retainedFinishedOrders + ", extraSettings="
                + extraSettings.keySet() + "]";
    }

    // ---------------------------------------------------------------- string settings

    /**
     * Settings from strings (a properties file, CLI options, the provider). Keys: {@code host, port,
     * senderCompId, targetCompId, beginString, dataDictionary, heartbeatSeconds, storeDirectory,
     * username, password, account, venue, currency, instruments, logonTimeout, requestTimeout}
     * (ISO-8601 like {@code PT5S} or milliseconds), {@code massStatus, positionRequests,
     * collateralInquiry, resetOnLogon} ({@code true}/{@code false}), {@code positionPriceTag,
     * retainedFinishedOrders}, and
     * {@code settingsFile}: a QuickFIX/J settings file read first (see {@link #fromSettingsFile}),
     * which the other keys override.
     *
     * <p>{@code instruments} is a comma-separated list of {@code SYMBOL} (an equity in USD with a
     * one-cent tick and a one-unit lot) or {@code SYMBOL:TICK:LOT[:CURRENCY[:ASSET_CLASS]]}, e.g.
     * {@code AAPL,BTC/USD:0.01:0.00000001:USD:CRYPTO}.
     *
     * @throws BrokerException {@link BrokerException.Code#INVALID_CONFIG} naming the key and value at fault
     */
    public static FixConnectorConfig fromProperties(Map<String, String> properties) {
        Checks.notNull(properties, "properties");
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw invalid("unknown FIX connector setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        Builder b;
        String file = properties.get("settingsFile");
        if (file != null) {
            b = fromSettingsFile(Path.of(file.strip())).toBuilder();
        } else {
            b = builder();
        }
        Map<String, String> rest = new TreeMap<>(properties);
        rest.remove("settingsFile");
        return apply(b, rest, "FIX connector setting");
    }

    private static FixConnectorConfig apply(Builder b, Map<String, String> p, String what) {
        try {
            if (p.containsKey("venue")) {
                // The venue becomes the venue of the instruments, so it is set before they are parsed.
                b.venue(p.get("venue").strip());
            }
            for (Map.Entry<String, String> e : p.entrySet()) {
                String v = e.getValue().strip();
                switch (e.getKey()) {
                    case "host" -> b.host(v);
                    case "port" -> b.port(integer(what, "port", v));
                    case "senderCompId" -> b.senderCompId(v);
                    case "targetCompId" -> b.targetCompId(v);
                    case "beginString" -> b.beginString(v);
                    case "dataDictionary" -> b.dataDictionary(v);
                    case "heartbeatSeconds" -> b.heartbeatSeconds(integer(what, "heartbeatSeconds", v));
                    case "storeDirectory" -> b.storeDirectory(Path.of(v));
                    case "username" -> b.username(v);
                    case "password" -> b.password(e.getValue());
                    case "account" -> b.account(v);
                    case "venue" -> b.venue(v);
                    case "currency" -> b.currency(v);
                    case "instruments" -> b.instruments(instruments(what, v, b.venue));
                    case "logonTimeout" -> b.logonTimeout(duration(what, "logonTimeout", v));
                    case "requestTimeout" -> b.requestTimeout(duration(what, "requestTimeout", v));
                    case "massStatus" -> b.massStatus(bool(what, "massStatus", v));
                    case "positionRequests" -> b.positionRequests(bool(what, "positionRequests", v));
                    case "collateralInquiry" -> b.collateralInquiry(bool(what, "collateralInquiry", v));
                    case "positionPriceTag" -> b.positionPriceTag(integer(what, "positionPriceTag", v));
                    case "resetOnLogon" -> b.resetOnLogon(bool(what, "resetOnLogon", v));
                    case "retainedFinishedOrders" -> b.retainedFinishedOrders(integer(what, "retainedFinishedOrders", v));
                    default -> throw new AssertionError("unchecked key " + e.getKey());
                }
            }
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("FIX connector: " + e.getMessage());
        }
    }

    /**
     * Settings from a QuickFIX/J settings file with one initiator {@code [SESSION]} (the
     * {@code [DEFAULT]} section applies to it). Read: {@code BeginString, SenderCompID,
     * TargetCompID, SocketConnectHost, SocketConnectPort, HeartBtInt, FileStorePath,
     * DataDictionary, ResetOnLogon}; Sextant's settings as {@code SextantUsername,
     * SextantPassword, SextantAccount, SextantVenue, SextantCurrency, SextantInstruments,
     * SextantLogonTimeout, SextantRequestTimeout, SextantMassStatus, SextantPositionRequests,
     * SextantCollateralInquiry, SextantPositionPriceTag, SextantRetainedFinishedOrders} (same
     * formats as {@link #fromProperties});
     * every other setting (SSL, session times, validation flags) is kept in {@link #extraSettings}.
     * {@code ConnectionType}, {@code UseDataDictionary} and {@code ReconnectInterval} are ignored:
     * the connector is an initiator that validates and reconnects when asked.
     *
     * @throws BrokerException {@link BrokerException.Code#INVALID_CONFIG} naming the file and the setting at fault
     */
    public static FixConnectorConfig fromSettingsFile(Path file) {
        Checks.notNull(file, "file");
        SessionSettings settings;
        try (InputStream in = Files.newInputStream(file)) {
            settings = new SessionSettings(in);
        } catch (IOException | ConfigError e) {
            throw invalid("cannot read the QuickFIX/J settings file " + file + ": " + e.getMessage());
        }
        List<SessionID> sessions = new ArrayList<>();
        for (Iterator<SessionID> it = settings.sectionIterator(); it.hasNext(); ) {
            sessions.add(it.next());
        }
        if (sessions.size() != 1) {
            throw invalid("the QuickFIX/J settings file " + file + " must have exactly one [SESSION] but has "
                    + sessions.size());
        }
        SessionID id = sessions.getFirst();
        Map<String, String> values = new TreeMap<>();
        try {
            for (Map.Entry<Object, Object> e : settings.getDefaultProperties().entrySet()) {
                values.put(e.getKey().toString(), e.getValue().toString());
            }
            for (Map.Entry<Object, Object> e : settings.getSessionProperties(id).entrySet()) {
                values.put(e.getKey().toString(), e.getValue().toString());
            }
        } catch (ConfigError e) {
            throw invalid("the QuickFIX/J settings file " + file + ": " + e.getMessage());
        }
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> extra = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            switch (key) {
                case "BeginString" -> typed.put("beginString", v);
                case "SenderCompID" -> typed.put("senderCompId", v);
                case "TargetCompID" -> typed.put("targetCompId", v);
                case "SocketConnectHost" -> typed.put("host", v);
                case "SocketConnectPort" -> typed.put("port", v);
                case "HeartBtInt" -> typed.put("heartbeatSeconds", v);
                case "FileStorePath" -> typed.put("storeDirectory", v);
                case "DataDictionary" -> typed.put("dataDictionary", v);
                case "ResetOnLogon" -> typed.put("resetOnLogon", yes(v));
                case "ConnectionType" -> {
                    if (!v.strip().equalsIgnoreCase("initiator")) {
                        throw invalid("the QuickFIX/J settings file " + file
                                + ": ConnectionType must be initiator but was '" + v + "'");
                    }
                }
                case "UseDataDictionary", "ReconnectInterval" -> {
                    // The connector always validates and reconnects on connect(): see the Javadoc.
                }
                default -> {
                    String mapped = FILE_KEYS.get(key);
                    if (mapped != null) {
                        typed.put(mapped, mapped.equals("massStatus") || mapped.equals("positionRequests")
                                || mapped.equals("collateralInquiry") ? yes(v) : v);
                    } else {
                        extra.put(key, v);
                    }
                }
            }
        }
        return apply(builder().extraSettings(extra), typed, "setting in " + file);
    }

    private static String yes(String v) {
        String s = v.strip();
        return s.equalsIgnoreCase("Y") ? "true" : s.equalsIgnoreCase("N") ? "false" : s;
    }

    /** Parses the {@code instruments} syntax described at {@link #fromProperties}. */
    static List<Instrument> instruments(String what, String value, String venue) {
        List<Instrument> out = new ArrayList<>();
        for (String item : value.split(",")) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] parts = s.split(":");
            if (parts.length == 1) {
                out.add(Instrument.equity(parts[0], venue));
            } else if (parts.length >= 3 && parts.length <= 5) {
                double tick = number(what, "instruments", parts[1], s);
                double lot = number(what, "instruments", parts[2], s);
                String ccy = parts.length >= 4 ? parts[3] : "USD";
                AssetClass asset;
                try {
                    asset = parts.length == 5 ? AssetClass.valueOf(parts[4].toUpperCase(Locale.ROOT)) : AssetClass.EQUITY;
                } catch (IllegalArgumentException e) {
                    throw invalid(what + " 'instruments': unknown asset class '" + parts[4] + "' in '" + s + "'");
                }
                out.add(new Instrument(parts[0], venue, asset, ccy, tick, lot));
            } else {
                throw invalid(what + " 'instruments': '" + s
                        + "' must be SYMBOL or SYMBOL:TICK:LOT[:CURRENCY[:ASSET_CLASS]]");
            }
        }
        return out;
    }

    private static double number(String what, String key, String v, String item) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(what + " '" + key + "' has a bad number '" + v + "' in '" + item + "'");
        }
    }

    private static int integer(String what, String key, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(what + " '" + key + "' must be a whole number but was '" + v + "'");
        }
    }

    private static boolean bool(String what, String key, String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(what + " '" + key + "' must be true or false but was '" + v + "'");
        };
    }

    private static Duration duration(String what, String key, String v) {
        String s = v.strip();
        try {
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                return Duration.ofMillis(Long.parseLong(s));
            }
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw invalid(what + " '" + key + "' must be a duration like PT5S or milliseconds but was '" + v + "'");
        }
    }

    private static BrokerException invalid(String message) {
        return new BrokerException(BrokerException.Code.INVALID_CONFIG, message);
    }

    /** Builds a {@link FixConnectorConfig}; not thread-safe. */
    public static final class Builder {
        private String host;
        private int port;
        private String senderCompId;
        private String targetCompId;
        private String beginString = "FIX.4.4";
        private String dataDictionary = "FIX44.xml";
        private int heartbeatSeconds = 30;
        private Path storeDirectory;
        private String username = "";
        private String password = "";
        private String account = "";
        private String venue = "fix";
        private String currency = "USD";
        private List<Instrument> instruments = new ArrayList<>();
        private Duration logonTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private boolean massStatus = true;
        private boolean positionRequests = true;
        private boolean collateralInquiry = true;
        private int positionPriceTag = 730;
        private boolean resetOnLogon;
        private int retainedFinishedOrders = DEFAULT_RETAINED_FINISHED_ORDERS;
        private Map<String, String> extraSettings = new LinkedHashMap<>();

        private Builder() {
        }

        /** The venue's host. */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** The venue's port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** SenderCompID (49). */
        public Builder senderCompId(String value) {
            this.senderCompId = value;
            return this;
        }

        /** TargetCompID (56). */
        public Builder targetCompId(String value) {
            this.targetCompId = value;
            return this;
        }

        /** BeginString (8), {@code FIX.4.4} by default. */
        public Builder beginString(String value) {
            this.beginString = value;
            return this;
        }

        /** The data dictionary resource or file, {@code FIX44.xml} by default. */
        public Builder dataDictionary(String value) {
            this.dataDictionary = value;
            return this;
        }

        /** HeartBtInt (108) in seconds. */
        public Builder heartbeatSeconds(int value) {
            this.heartbeatSeconds = value;
            return this;
        }

        /** Directory of the QuickFIX/J file store. */
        public Builder storeDirectory(Path value) {
            this.storeDirectory = value;
            return this;
        }

        /** Username (553), empty for none. */
        public Builder username(String value) {
            this.username = value;
            return this;
        }

        /** Password (554), empty for none. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** Account (1), empty for none. */
        public Builder account(String value) {
            this.account = value;
            return this;
        }

        /** The venue id. */
        public Builder venue(String value) {
            this.venue = value;
            return this;
        }

        /** The account currency. */
        public Builder currency(String value) {
            this.currency = value;
            return this;
        }

        /** The instruments the venue trades (replaces any set before). */
        public Builder instruments(List<Instrument> value) {
            this.instruments = new ArrayList<>(value);
            return this;
        }

        /** Adds one instrument. */
        public Builder instrument(Instrument value) {
            this.instruments.add(value);
            return this;
        }

        /** How long connect() waits for the logon. */
        public Builder logonTimeout(Duration value) {
            this.logonTimeout = value;
            return this;
        }

        /** How long a query waits for the venue. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** Whether the venue answers OrderMassStatusRequest. */
        public Builder massStatus(boolean value) {
            this.massStatus = value;
            return this;
        }

        /** Whether the venue answers RequestForPositions. */
        public Builder positionRequests(boolean value) {
            this.positionRequests = value;
            return this;
        }

        /** Whether the venue answers CollateralInquiry. */
        public Builder collateralInquiry(boolean value) {
            this.collateralInquiry = value;
            return this;
        }

        /** The PositionReport tag with the average price. */
        public Builder positionPriceTag(int value) {
            this.positionPriceTag = value;
            return this;
        }

        /** Whether to reset sequence numbers at every logon. */
        public Builder resetOnLogon(boolean value) {
            this.resetOnLogon = value;
            return this;
        }

        /**
         * How many finished orders are kept to recognise their late reports and a reused ClOrdID
         * (default {@value FixConnectorConfig#DEFAULT_RETAINED_FINISHED_ORDERS}); working orders are
         * always kept.
         */
        public Builder retainedFinishedOrders(int value) {
            this.retainedFinishedOrders = value;
            return this;
        }

        /** Further QuickFIX/J session settings (replaces any set before). */
        public Builder extraSettings(Map<String, String> value) {
            this.extraSettings = new LinkedHashMap<>(value);
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         * @throws NullPointerException     naming a required setting that was not set
         */
        public FixConnectorConfig build() {
            return new FixConnectorConfig(host, port, senderCompId, targetCompId, beginString, dataDictionary,
                    heartbeatSeconds, storeDirectory, username, password, account, venue, currency, instruments,
                    logonTimeout, requestTimeout, massStatus, positionRequests, collateralInquiry, positionPriceTag,
                    resetOnLogon, retainedFinishedOrders, extraSettings);
        }
    }
}
