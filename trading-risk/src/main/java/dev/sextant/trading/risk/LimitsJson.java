package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.ErrorText;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict JSON reading and writing of {@link RiskLimits} on the Jackson tree model: absent fields
 * take defaults, unknown fields and wrong types are errors naming the field, {@code null} means
 * unlimited where a limit may be. No reflection or polymorphic typing is involved. Thread-safe.
 */
final class LimitsJson {
    /** Duplicate keys are errors: a second {@code "maxLeverage"} must not silently replace the first. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private LimitsJson() {
    }

    static RiskLimits read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw new InvalidLimitsException(source, duplicate, "appears twice" + where
                        + "; each field may be given once", e);
            }
            throw new InvalidLimitsException(source, "", "is not valid JSON" + where + ": "
                    + ErrorText.value(e.getOriginalMessage()), e);
        }
        Reader r = new Reader(source);
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidLimitsException(source, "", "must be a JSON object", null);
        }
        r.allowOnly(root, "", Set.of("orders", "exposure", "losses", "var", "killSwitch", "restrictedInstruments",
                "allowResize"));
        RiskLimits d = RiskLimits.defaults();
        OrderLimits orders = r.section(root, "orders", d.orders(), r::orders);
        ExposureLimits exposure = r.section(root, "exposure", d.exposure(), r::exposure);
        LossLimits losses = r.section(root, "losses", d.losses(), r::losses);
        VarPolicy var = r.section(root, "var", d.var(), r::var);
        KillSwitchPolicy kill = r.section(root, "killSwitch", d.killSwitch(), r::killSwitch);
        Set<String> restricted = new HashSet<>();
        JsonNode list = root.get("restrictedInstruments");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidLimitsException(source, "restrictedInstruments", "must be an array of strings but was "
                        + shown(list), null);
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                if (!n.isString() || n.stringValue().isBlank()) {
                    throw new InvalidLimitsException(source, "restrictedInstruments[" + i + "]",
                            "must be a non-blank string but was " + shown(n), null);
                }
                restricted.add(n.stringValue());
            }
        }
        boolean allowResize = r.bool(root, "", "allowResize", d.allowResize());
        return new RiskLimits(orders, exposure, losses, var, kill, restricted, allowResize);
    }

    private static String shown(JsonNode value) {
        return ErrorText.value(String.valueOf(value));
    }

    /** The dotted path of a key that appears twice, or null when {@code e} is another error. */
    private static String duplicateKey(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (!message.startsWith("Duplicate") || !(e instanceof StreamReadException sre) || sre.processor() == null) {
            return null;
        }
        String pointer = sre.processor().streamReadContext().pathAsPointer().toString();
        return pointer.isEmpty() ? null : pointer.substring(1).replace('/', '.');
    }

    static String write(RiskLimits l) {
        ObjectNode root = MAPPER.createObjectNode();
        OrderLimits o = l.orders();
        ObjectNode on = root.putObject("orders");
        limit(on, "priceCollarFraction", o.priceCollarFraction());
        limit(on, "maxOrderQuantity", o.maxOrderQuantity());
        ObjectNode byInstrument = on.putObject("maxOrderQuantityByInstrument");
        new TreeMap<>(o.maxOrderQuantityByInstrument()).forEach((k, v) -> limit(byInstrument, k, v));
        limit(on, "maxOrderValue", o.maxOrderValue());
        limit(on, "maxOrderValueFraction", o.maxOrderValueFraction());
        on.put("maxOrdersPerWindow", o.maxOrdersPerWindow());
        on.put("orderRateWindowMillis", o.orderRateWindowMillis());
        on.put("maxRepeatedOrders", o.maxRepeatedOrders());
        on.put("repeatedOrderWindowMillis", o.repeatedOrderWindowMillis());
        on.put("duplicateWindowMillis", o.duplicateWindowMillis());
        on.put("maxMarkAgeMillis", o.maxMarkAgeMillis());
        ExposureLimits e = l.exposure();
        ObjectNode en = root.putObject("exposure");
        limit(en, "maxPositionFraction", e.maxPositionFraction());
        limit(en, "maxGrossExposure", e.maxGrossExposure());
        limit(en, "maxLeverage", e.maxLeverage());
        limit(en, "maxNetExposureFraction", e.maxNetExposureFraction());
        en.put("maxConcurrentPositions", e.maxConcurrentPositions());
        ObjectNode sectors = en.putObject("sectors");
        new TreeMap<>(e.sectors()).forEach(sectors::put);
        ObjectNode sectorLimits = en.putObject("maxSectorFraction");
        new TreeMap<>(e.maxSectorFraction()).forEach((k, v) -> limit(sectorLimits, k, v));
        ObjectNode classLimits = en.putObject("maxAssetClassFraction");
        new TreeMap<>(e.maxAssetClassFraction()).forEach((k, v) -> limit(classLimits, k.name(), v));
        LossLimits s = l.losses();
        ObjectNode ln = root.putObject("losses");
        limit(ln, "dailyLossLimitFraction", s.dailyLossLimitFraction());
        limit(ln, "maxDrawdownFraction", s.maxDrawdownFraction());
        ln.put("sessionResetTime", s.sessionResetTime().toString());
        ln.put("sessionZone", s.sessionZone().getId());
        VarPolicy v = l.var();
        ObjectNode vn = root.putObject("var");
        limit(vn, "limitFraction", v.limitFraction());
        vn.put("confidence", v.confidence());
        vn.put("method", v.method().name());
        vn.put("lookbackDays", v.lookbackDays());
        vn.put("minObservations", v.minObservations());
        vn.put("fallbackDailyVolatility", v.fallbackDailyVolatility());
        vn.put("monteCarloPaths", v.monteCarloPaths());
        vn.put("monteCarloSeed", v.monteCarloSeed());
        KillSwitchPolicy k = l.killSwitch();
        ObjectNode kn = root.putObject("killSwitch");
        kn.put("tripOnDailyLoss", k.tripOnDailyLoss());
        kn.put("tripOnDrawdown", k.tripOnDrawdown());
        kn.put("maxFeedSilenceMillis", k.maxFeedSilenceMillis());
        ArrayNode restricted = root.putArray("restrictedInstruments");
        l.restrictedInstruments().stream().sorted().forEach(restricted::add);
        root.put("allowResize", l.allowResize());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void limit(ObjectNode node, String name, double value) {
        if (value == Double.POSITIVE_INFINITY) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /** Field readers that know the source name for error messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        <T> T section(JsonNode root, String name, T defaults, Function<JsonNode, T> parse) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return defaults;
            }
            if (!node.isObject()) {
                throw new InvalidLimitsException(source, name, "must be an object but was " + shown(node), null);
            }
            try {
                return parse.apply(node);
            } catch (InvalidLimitsException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidLimitsException(source, name, e.getMessage(), e);
            }
        }

        OrderLimits orders(JsonNode n) {
            OrderLimits d = OrderLimits.DEFAULTS;
            String p = "orders";
            allowOnly(n, p, Set.of("priceCollarFraction", "maxOrderQuantity", "maxOrderQuantityByInstrument",
                    "maxOrderValue", "maxOrderValueFraction", "maxOrdersPerWindow", "orderRateWindowMillis",
                    "maxRepeatedOrders", "repeatedOrderWindowMillis", "duplicateWindowMillis", "maxMarkAgeMillis"));
            return new OrderLimits(
                    number(n, p, "priceCollarFraction", d.priceCollarFraction(), false),
                    number(n, p, "maxOrderQuantity", d.maxOrderQuantity(), true),
                    limitMap(n, p, "maxOrderQuantityByInstrument", d.maxOrderQuantityByInstrument(), key -> key),
                    number(n, p, "maxOrderValue", d.maxOrderValue(), true),
                    number(n, p, "maxOrderValueFraction", d.maxOrderValueFraction(), true),
                    integer(n, p, "maxOrdersPerWindow", d.maxOrdersPerWindow()),
                    longValue(n, p, "orderRateWindowMillis", d.orderRateWindowMillis()),
                    integer(n, p, "maxRepeatedOrders", d.maxRepeatedOrders()),
                    longValue(n, p, "repeatedOrderWindowMillis", d.repeatedOrderWindowMillis()),
                    longValue(n, p, "duplicateWindowMillis", d.duplicateWindowMillis()),
                    longValue(n, p, "maxMarkAgeMillis", d.maxMarkAgeMillis()));
        }

        ExposureLimits exposure(JsonNode n) {
            ExposureLimits d = ExposureLimits.DEFAULTS;
            String p = "exposure";
            allowOnly(n, p, Set.of("maxPositionFraction", "maxGrossExposure", "maxLeverage", "maxNetExposureFraction",
                    "maxConcurrentPositions", "sectors", "maxSectorFraction", "maxAssetClassFraction"));
            Map<String, String> sectors = new HashMap<>(d.sectors());
            JsonNode s = n.get("sectors");
            if (s != null && !s.isNull()) {
                if (!s.isObject()) {
                    throw new InvalidLimitsException(source, p + ".sectors", "must be an object but was " + shown(s), null);
                }
                for (Map.Entry<String, JsonNode> e : s.properties()) {
                    if (!e.getValue().isString() || e.getValue().stringValue().isBlank()) {
                        throw new InvalidLimitsException(source, p + ".sectors." + e.getKey(),
                                "must be a non-blank string but was " + shown(e.getValue()), null);
                    }
                    sectors.put(e.getKey(), e.getValue().stringValue());
                }
            }
            Map<AssetClass, Double> classes = limitMap(n, p, "maxAssetClassFraction", d.maxAssetClassFraction(), key -> {
                try {
                    return AssetClass.valueOf(key.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidLimitsException(source, p + ".maxAssetClassFraction." + key,
                            "is not an asset class; expected one of " + java.util.Arrays.toString(AssetClass.values()), e);
                }
            });
            return new ExposureLimits(
                    number(n, p, "maxPositionFraction", d.maxPositionFraction(), true),
                    number(n, p, "maxGrossExposure", d.maxGrossExposure(), true),
                    number(n, p, "maxLeverage", d.maxLeverage(), true),
                    number(n, p, "maxNetExposureFraction", d.maxNetExposureFraction(), true),
                    integer(n, p, "maxConcurrentPositions", d.maxConcurrentPositions()),
                    sectors,
                    limitMap(n, p, "maxSectorFraction", d.maxSectorFraction(), key -> key),
                    classes.isEmpty() ? Map.of() : new EnumMap<>(classes));
        }

        LossLimits losses(JsonNode n) {
            LossLimits d = LossLimits.DEFAULTS;
            String p = "losses";
            allowOnly(n, p, Set.of("dailyLossLimitFraction", "maxDrawdownFraction", "sessionResetTime", "sessionZone"));
            LocalTime reset = d.sessionResetTime();
            String text = string(n, p, "sessionResetTime", null);
            if (text != null) {
                try {
                    reset = LocalTime.parse(text);
                } catch (DateTimeParseException e) {
                    throw new InvalidLimitsException(source, p + ".sessionResetTime", "must be a time like \"17:00\" but was \""
                            + ErrorText.value(text) + "\"", e);
                }
            }
            ZoneId zone = d.sessionZone();
            String zoneText = string(n, p, "sessionZone", null);
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (java.time.DateTimeException e) {
                    throw new InvalidLimitsException(source, p + ".sessionZone", "must be a time-zone id like "
                            + "\"America/New_York\" but was \"" + ErrorText.value(zoneText) + "\"", e);
                }
            }
            return new LossLimits(
                    number(n, p, "dailyLossLimitFraction", d.dailyLossLimitFraction(), true),
                    number(n, p, "maxDrawdownFraction", d.maxDrawdownFraction(), false),
                    reset, zone);
        }

        VarPolicy var(JsonNode n) {
            VarPolicy d = VarPolicy.DEFAULTS;
            String p = "var";
            allowOnly(n, p, Set.of("limitFraction", "confidence", "method", "lookbackDays", "minObservations",
                    "fallbackDailyVolatility", "monteCarloPaths", "monteCarloSeed"));
            VarMethod method = d.method();
            String m = string(n, p, "method", null);
            if (m != null) {
                try {
                    method = VarMethod.valueOf(m.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidLimitsException(source, p + ".method", "must be one of "
                            + java.util.Arrays.toString(VarMethod.values()) + " but was \"" + ErrorText.value(m) + "\"", e);
                }
            }
            return new VarPolicy(
                    number(n, p, "limitFraction", d.limitFraction(), true),
                    number(n, p, "confidence", d.confidence(), false),
                    method,
                    integer(n, p, "lookbackDays", d.lookbackDays()),
                    integer(n, p, "minObservations", d.minObservations()),
                    number(n, p, "fallbackDailyVolatility", d.fallbackDailyVolatility(), false),
                    integer(n, p, "monteCarloPaths", d.monteCarloPaths()),
                    longValue(n, p, "monteCarloSeed", d.monteCarloSeed()));
        }

        KillSwitchPolicy killSwitch(JsonNode n) {
            KillSwitchPolicy d = KillSwitchPolicy.DEFAULTS;
            String p = "killSwitch";
            allowOnly(n, p, Set.of("tripOnDailyLoss", "tripOnDrawdown", "maxFeedSilenceMillis"));
            return new KillSwitchPolicy(
                    bool(n, p, "tripOnDailyLoss", d.tripOnDailyLoss()),
                    bool(n, p, "tripOnDrawdown", d.tripOnDrawdown()),
                    longValue(n, p, "maxFeedSilenceMillis", d.maxFeedSilenceMillis()));
        }

        void allowOnly(JsonNode node, String path, Set<String> names) {
            for (String name : node.propertyNames()) {
                if (!names.contains(name)) {
                    throw new InvalidLimitsException(source, path.isEmpty() ? name : path + "." + name,
                            "is not a known field; expected one of " + new java.util.TreeSet<>(names), null);
                }
            }
        }

        private static String path(String section, String name) {
            return section.isEmpty() ? name : section + "." + name;
        }

        double number(JsonNode n, String section, String name, double def, boolean nullIsUnlimited) {
            JsonNode v = n.get(name);
            if (v == null) {
                return def;
            }
            if (v.isNull() && nullIsUnlimited) {
                return Double.POSITIVE_INFINITY;
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                // 1e400 parses to infinity: "no limit" must be said with null, never by overflow.
                throw new InvalidLimitsException(source, path(section, name), "must be a finite number"
                        + (nullIsUnlimited ? " or null (no limit)" : "") + " but was " + (v.isNumber()
                                ? "beyond the range of a double (" + v.doubleValue() + ")" : shown(v)), null);
            }
            return v.doubleValue();
        }

        int integer(JsonNode n, String section, String name, int def) {
            long v = longValue(n, section, name, def);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new InvalidLimitsException(source, path(section, name), "is out of the int range: " + v, null);
            }
            return (int) v;
        }

        long longValue(JsonNode n, String section, String name, long def) {
            JsonNode v = n.get(name);
            if (v == null) {
                return def;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new InvalidLimitsException(source, path(section, name), "must be a whole number but was " + shown(v), null);
            }
            return v.longValue();
        }

        boolean bool(JsonNode n, String section, String name, boolean def) {
            JsonNode v = n.get(name);
            if (v == null) {
                return def;
            }
            if (!v.isBoolean()) {
                throw new InvalidLimitsException(source, path(section, name), "must be true or false but was " + shown(v), null);
            }
            return v.booleanValue();
        }

        String string(JsonNode n, String section, String name, String def) {
            JsonNode v = n.get(name);
            if (v == null) {
                return def;
            }
            if (!v.isString()) {
                throw new InvalidLimitsException(source, path(section, name), "must be a string but was " + shown(v), null);
            }
            return v.stringValue();
        }

        <K> Map<K, Double> limitMap(JsonNode n, String section, String name, Map<K, Double> def, Function<String, K> key) {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) {
                return def;
            }
            if (!v.isObject()) {
                throw new InvalidLimitsException(source, path(section, name), "must be an object but was " + shown(v), null);
            }
            Map<K, Double> out = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(key.apply(e.getKey()), number(v, path(section, name), e.getKey(), Double.NaN, true));
            }
            return out;
        }
    }
}
