package dev.sextant.examples.cli;

import dev.sextant.trading.engine.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a {@link Progress} on standard error: on a terminal a bar redrawn in place
 * ({@code training [##########..........]  1/3  33%}), elsewhere (a pipe, a log file, CI) plain
 * lines {@code progress: training 1/3 (33%)} at most every {@value #LINE_INTERVAL_SECONDS} seconds
 * per task, plus the line that completes a task. Thread-safe (a session's updates come from its thread).
 */
final class ConsoleProgress implements Progress {
    /** Least time between two plain progress lines of one task. */
    static final long LINE_INTERVAL_SECONDS = 5;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private String lastTask = "";
    private long lastShown = Long.MIN_VALUE;
    private boolean drawing;

    ConsoleProgress(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** Progress on {@code err}: a bar when the process runs on a terminal, lines otherwise. */
    static ConsoleProgress on(PrintWriter err) {
        Console console = System.console();
        return new ConsoleProgress(err, console != null && console.isTerminal(), System::nanoTime);
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        long now = nanoTime.getAsLong();
        boolean newTask = !task.equals(lastTask);
        boolean finished = done >= total;
        long interval = terminal ? REDRAW_NANOS : TimeUnit.SECONDS.toNanos(LINE_INTERVAL_SECONDS);
        if (!newTask && !finished && now - lastShown < interval) {
            return;
        }
        if (newTask) {
            if (drawing) {
                err.println();
                drawing = false;
            }
            lastTask = task;
            if (!terminal && !finished) {
                // The first line of a task waits one interval: quick work prints only its completion.
                lastShown = now;
                return;
            }
        }
        lastShown = now;
        int percent = (int) Math.min(100, done * 100 / Math.max(1, total));
        if (terminal) {
            int filled = percent * BAR_WIDTH / 100;
            err.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %3d%%", task, "#".repeat(filled),
                    ".".repeat(BAR_WIDTH - filled), done, total, percent));
            drawing = !finished;
            if (finished) {
                err.println();
            }
        } else {
            err.println(String.format(Locale.ROOT, "progress: %s %d/%d (%d%%)", task, done, total, percent));
        }
        err.flush();
    }
}
