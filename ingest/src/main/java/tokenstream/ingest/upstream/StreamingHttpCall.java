package tokenstream.ingest.upstream;

import org.jboss.logging.Logger;
import tokenstream.protocol.FailureCodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One streaming HTTP call to a model upstream, whatever its wire format. A reader thread hands the body's lines to
 * the format's {@link LineReader}; cancel closes the body, which closes the HTTP connection, so the server sees the
 * client leave and stops generating. After cancel the listener hears nothing more.
 */
public final class StreamingHttpCall implements UpstreamStream {
    private static final Logger LOG = Logger.getLogger(StreamingHttpCall.class);
    private static final int MAX_ERROR_BODY_BYTES = 4096;

    /** Turns the lines of one successful answer into listener calls. */
    public interface LineReader {
        void line(String line);

        /** Whether the stream has ended (completed or failed); no line is passed on after it. */
        boolean ended();

        /** The body ended. */
        void endOfStream();

        /** Reading the body failed. */
        void connectionLost(IOException e);
    }

    /** An upstream's wire format: how it streams, and what its HTTP errors mean. */
    public interface WireFormat {
        LineReader reader(UpstreamListener listener);

        /** The upstream answered {@code status} instead of a stream; {@code body} is its start, possibly empty. */
        void httpError(int status, String body, UpstreamListener listener);
    }

    private final UpstreamListener listener;
    private final WireFormat format;
    private volatile boolean cancelled;
    private CompletableFuture<HttpResponse<InputStream>> response;
    private InputStream body;
    private Thread reader;

    /**
     * An HTTP/1.1 client, on purpose: closing a response body then closes its TCP connection, which is how the server
     * learns that the client left and stops generating (with HTTP/2 only the stream would be reset, and not every
     * server stops on that).
     */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** Daemon threads named {@code <prefix>-<n>}: one blocked reader per running call; the concurrency limit bounds them. */
    public static ExecutorService readerThreads(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, prefix + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public StreamingHttpCall(UpstreamListener listener, WireFormat format) {
        this.listener = listener;
        this.format = format;
    }

    public void start(CompletableFuture<HttpResponse<InputStream>> pending, Executor readers) {
        synchronized (this) {
            response = pending;
        }
        pending.whenComplete((answer, error) -> {
            if (error != null) {
                if (!cancelled) {
                    listener.onFailed(FailureCodes.UPSTREAM_ERROR, "cannot reach the upstream: " + rootMessage(error), error);
                }
                return;
            }
            if (!adopt(answer.body())) {
                return;
            }
            readers.execute(() -> read(answer));
        });
    }

    @Override
    public void cancel() {
        InputStream toClose;
        Thread toInterrupt;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toClose = body;
            toInterrupt = reader;
            if (response != null) {
                response.cancel(true);
            }
        }
        closeQuietly(toClose);
        if (toInterrupt != null) {
            // The reader may be blocked waiting for the next bytes; closing alone does not always wake it.
            toInterrupt.interrupt();
        }
    }

    private synchronized boolean adopt(InputStream stream) {
        if (cancelled) {
            closeQuietly(stream);
            return false;
        }
        body = stream;
        return true;
    }

    private void read(HttpResponse<InputStream> answer) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            reader = Thread.currentThread();
        }
        LineReader lines = format.reader(listener);
        try {
            if (answer.statusCode() != 200) {
                String detail = new String(answer.body().readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
                if (!cancelled) {
                    format.httpError(answer.statusCode(), detail, listener);
                }
                return;
            }
            BufferedReader text = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
            String line;
            while (!cancelled && !lines.ended() && (line = text.readLine()) != null) {
                lines.line(line);
            }
            if (!cancelled) {
                lines.endOfStream();
            }
        } catch (IOException e) {
            if (!cancelled) {
                lines.connectionLost(e);
            }
        } catch (RuntimeException e) {
            LOG.error("reading the upstream stream failed", e);
            if (!cancelled) {
                listener.onFailed(FailureCodes.UPSTREAM_ERROR, "reading the upstream stream failed: " + e.getMessage(), e);
            }
        } finally {
            synchronized (this) {
                reader = null;
            }
            Thread.interrupted();
            closeQuietly(answer.body());
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing the upstream body failed", e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
