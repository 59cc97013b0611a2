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

    /** The first {@code ```java} block after {@code <!-- snippet:backtest -->} in {@code doc}. */
    static List<String> documentedSnippet(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        int marker = indexOfTrimmed(lines, "<!-- snippet:backtest -->");
        assertTrue(marker >= 0, doc + " lacks the <!-- snippet:backtest --> marker");
        int open = marker + 1;
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
        assertEquals(String.join("\n", exampleSnippet()), String.join("\n", documentedSnippet(Path.of("..", "README.md"))),
                "README.md's Java snippet differs from BacktestExample between its readme markers");
    }

    @Test
    void gettingStartedSnippetIsTheCompiledBacktestExample() throws IOException {
        assertEquals(String.join("\n", exampleSnippet()),
                String.join("\n", documentedSnippet(Path.of("..", "docs", "getting-started.md"))),
                "docs/getting-started.md's Java snippet differs from BacktestExample between its readme markers");
    }
}
