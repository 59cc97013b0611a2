package dev.sextant.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java snippet that README.md and docs/getting-started.md open with is the marked part of
 * {@code BacktestExample}, which the build compiles and {@code ExamplesTest} runs: the snippet
 * cannot drift from code that works.
 */
class ReadmeSnippetTest {

    private static final Path EXAMPLE = Path.of("src", "main", "java", "dev", "sextant", "examples", "backtest",
            "BacktestExample.java");

    /** The lines between {@code // readme:begin} and {@code // readme:end}, with their common indentation removed. */
    static List<String> exampleSnippet() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE);
        int begin = indexOfTrimmed(lines, "// readme:begin");
        int end = indexOfTrimmed(lines, "// readme:end");
        assertTrue(begin >= 0 && end > begin, EXAMPLE + " lacks the readme markers");
        List<String> body = lines.subList(begin + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static int indexOfTrimmed(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    /** The example's import lines, in order. */
    static List<String> exampleImports() throws IOException {
        return Files.readAllLines(EXAMPLE).stream().filter(l -> l.startsWith("import ")).toList();
    }

    /** The first {@code ```java} block after {@code marker} in {@code doc}. */
    static List<String> documentedSnippet(Path doc, String marker) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        int at = indexOfTrimmed(lines, marker);
        assertTrue(at >= 0, doc + " lacks the " + marker + " marker");
        int open = at + 1;
        while (open < lines.size() && !lines.get(open).trim().equals("```java")) {
            open++;
        }
        int close = open + 1;
        while (close < lines.size() && !lines.get(close).trim().equals("```")) {
            close++;
        }
        assertTrue(close < lines.size(), doc + ": the snippet's code block is not closed");
        return lines.subList(open + 1, close);
    }

    @Test
    void readmeSnippetIsTheCompiledBacktestExample() throws IOException {
        assertSnippetMatches(Path.of("..", "README.md"));
    }

    @Test
    void gettingStartedSnippetAndItsImportsAreTheCompiledBacktestExample() throws IOException {
        Path doc = Path.of("..", "docs", "getting-started.md");
        assertSnippetMatches(doc);
        assertEquals(String.join("\n", exampleImports()),
                String.join("\n", documentedSnippet(doc, "<!-- snippet:backtest-imports -->")),
                doc + "'s import block differs from BacktestExample's imports");
    }

    private static void assertSnippetMatches(Path doc) throws IOException {
        assertEquals(String.join("\n", exampleSnippet()), String.join("\n", documentedSnippet(doc, "<!-- snippet:backtest -->")),
                doc + "'s Java snippet differs from BacktestExample between its readme markers");
    }
}
