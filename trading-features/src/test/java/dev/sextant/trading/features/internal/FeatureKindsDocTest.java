package dev.sextant.trading.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the parameter table of docs/features.md in step with the registry of feature kinds. */
class FeatureKindsDocTest {

    private static final String BEGIN = "<!-- feature-kinds:begin -->";
    private static final String END = "<!-- feature-kinds:end -->";

    /** The table as the registry defines it: one row per parameter, kinds without parameters get one row. */
    static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        for (String kind : FeatureKinds.kinds()) {
            List<FeatureKinds.Param> params = FeatureKinds.params(kind);
            if (params.isEmpty()) {
                rows.add("| `" + kind + "` | (none) | | |");
            }
            for (FeatureKinds.Param p : params) {
                rows.add("| `" + kind + "` | `" + p.name() + "` | " + number(p.defaultValue()) + " | "
                        + range(p) + " |");
            }
        }
        return rows;
    }

    private static String range(FeatureKinds.Param p) {
        String lower = p.min() == Double.MIN_VALUE ? "> 0" : ">= " + number(p.min());
        return (p.integer() ? "whole number, " : "") + lower + ", <= " + number(p.max());
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    @Test
    void docsListEveryKindWithItsParameterKeysDefaultsAndRanges() throws IOException {
        Path doc = Path.of("..", "docs", "features.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/features.md lacks the markers " + BEGIN + " and " + END);
        List<String> documented = text.substring(begin + BEGIN.length(), end).lines()
                .filter(l -> l.startsWith("| `"))
                .toList();
        assertEquals(String.join("\n", expectedRows()), String.join("\n", documented),
                "docs/features.md's kind table differs from FeatureKinds; regenerate it from expectedRows()");
    }
}
