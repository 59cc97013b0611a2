package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ConsoleProgress progress(boolean terminal) {
        return new ConsoleProgress(new PrintWriter(text, true), terminal, now::get);
    }

    private void after(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void offATerminalPrintsPlainLinesAtMostEveryFewSecondsAndTheCompletion() {
        ConsoleProgress p = progress(false);
        p.update("walk-forward folds", 0, 10);
        p.update("walk-forward folds", 1, 10);
        after(ConsoleProgress.LINE_INTERVAL_SECONDS);
        p.update("walk-forward folds", 2, 10);
        after(1);
        p.update("walk-forward folds", 3, 10);
        p.update("walk-forward folds", 10, 10);
        assertEquals("progress: walk-forward folds 2/10 (20%)\nprogress: walk-forward folds 10/10 (100%)\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void quickWorkPrintsOnlyItsCompletion() {
        ConsoleProgress p = progress(false);
        for (int i = 0; i <= 3; i++) {
            p.update("training", i, 3);
        }
        assertEquals("progress: training 3/3 (100%)\n", text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void onATerminalRedrawsOneBarInPlaceAndEndsTheLineWhenDone() {
        ConsoleProgress p = progress(true);
        p.update("training", 0, 3);
        after(1);
        p.update("training", 3, 3);
        assertEquals("\rtraining [..............................] 0/3   0%"
                + "\rtraining [##############################] 3/3 100%\n", text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void onATerminalANewTaskStartsOnANewLine() {
        ConsoleProgress p = progress(true);
        p.update("a", 1, 2);
        p.update("b", 1, 4);
        assertEquals("\ra [###############...............] 1/2  50%\n\rb [#######.......................] 1/4  25%",
                text.toString().replace(System.lineSeparator(), "\n"));
    }
}
