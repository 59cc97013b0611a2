package dev.sextant.trading.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/grafana/sextant-live.json queries only metrics that a real scrape of a session exposes. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "sextant-live.json");
    private static final Pattern METRIC = Pattern.compile("\\bsextant_[a-z_]+");

    @TempDir
    Path dir;

    @Test
    void everyMetricTheDashboardQueriesIsInAScrape() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        Set<String> queried = new TreeSet<>();
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                exprs.add(target.get("expr").asString());
            }
        }
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertTrue(queried.size() >= 10, "the dashboard queries " + queried);
        try (MetricsRig rig = new MetricsRig(dir.resolve("j.db"), 40)) {
            String scrape = rig.get("/metrics");
            for (String metric : queried) {
                assertTrue(scrape.lines().anyMatch(l -> l.startsWith(metric + "{") || l.startsWith(metric + " ")),
                        metric + " is queried by the dashboard but not in the scrape:\n" + scrape);
            }
        }
    }
}
