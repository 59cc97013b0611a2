package dev.sextant.benchmarks.broker;

import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.fix.FixConnector;
import dev.sextant.trading.broker.fix.SimulatedExchange;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round-trip latency of the FIX connector over loopback, in microseconds per operation, sampled
 * (p50, p99 and the rest of the distribution from JMH's SampleTime mode):
 * <ul>
 *   <li>{@code newOrderSingleToAccepted}: {@link FixConnector#submit} sends a NewOrderSingle to
 *       the simulated exchange (a QuickFIX/J acceptor with file stores on both sides); the
 *       operation ends when the ExecutionReport(New) has come back and the connector has
 *       delivered {@link OrderEvent.Accepted}. The order is an IOC limit far below the market, so
 *       it expires at once and the book stays empty.</li>
 *   <li>{@code loopbackEcho} (anchor): 200 bytes to an echo thread over a loopback TCP socket
 *       and back, the floor any round trip on the same machine pays.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar FixRoundTripBenchmark -rf json}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class FixRoundTripBenchmark {
    private static final Instrument INSTRUMENT = Instrument.equity("SXT", "fix");
    private static final int ECHO_BYTES = 200;

    private Path directory;
    private SimulatedExchange exchange;
    private FixConnector connector;
    private final Object accepted = new Object();
    private volatile String lastAccepted = "";
    private long orders;

    private ServerSocket echoServer;
    private Socket echo;
    private final byte[] ping = new byte[ECHO_BYTES];
    private final byte[] pong = new byte[ECHO_BYTES];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("sextant-fix-bench-");
        exchange = SimulatedExchange.start(SimulatedExchange.Settings.of(directory.resolve("exchange"),
                List.of(INSTRUMENT)));
        connector = new FixConnector(exchange.clientConfig(directory.resolve("client")).build(), Clock.system());
        connector.addListener(new BrokerListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                if (event instanceof OrderEvent.Accepted a) {
                    synchronized (accepted) {
                        lastAccepted = a.clientOrderId();
                        accepted.notifyAll();
                    }
                }
            }
        });
        connector.connect();
        startEcho();
    }

    private void startEcho() throws IOException {
        echoServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = echoServer.accept()) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buffer = new byte[ECHO_BYTES];
                while (true) {
                    in.readNBytes(buffer, 0, ECHO_BYTES);
                    out.write(buffer);
                    out.flush();
                }
            } catch (IOException e) {
                // The benchmark closed the socket.
            }
        }, "loopback-echo");
        t.setDaemon(true);
        t.start();
        echo = new Socket(InetAddress.getLoopbackAddress(), echoServer.getLocalPort());
        echo.setTcpNoDelay(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        connector.close();
        exchange.close();
        echo.close();
        echoServer.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public String newOrderSingleToAccepted() throws InterruptedException {
        String id = "b" + (++orders);
        connector.submit(OrderRequest.limit(id, INSTRUMENT, Side.BUY, 1, 1, TimeInForce.IOC));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (accepted) {
            while (!lastAccepted.equals(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no acknowledgement of " + id + " within 10 s");
                }
                accepted.wait(100);
            }
        }
        return id;
    }

    @Benchmark
    public byte[] loopbackEcho() throws IOException {
        ping[0]++;
        echo.getOutputStream().write(ping);
        echo.getOutputStream().flush();
        echo.getInputStream().readNBytes(pong, 0, ECHO_BYTES);
        return pong;
    }
}
