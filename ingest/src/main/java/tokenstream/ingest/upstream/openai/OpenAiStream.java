package tokenstream.ingest.upstream.openai;

import org.jboss.logging.Logger;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.FailureCodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One streaming Chat Completions call. A reader thread turns the body's lines into listener calls; cancel
 * closes the body, which closes the HTTP connection, so the server sees the client leave and stops
 * generating. After cancel the listener hears nothing more.
 */
final class OpenAiStream implements UpstreamStream {
    private static final Logger LOG = Logger.getLogger(OpenAiStream.class);
    private static final int MAX_ERROR_BODY_BYTES = 4096;

    private final UpstreamListener listener;
    private volatile boolean cancelled;
    private CompletableFuture<HttpResponse<InputStream>> response;
    private InputStream body;
    private Thread reader;

    OpenAiStream(UpstreamListener listener) {
        this.listener = listener;
    }

    void start(CompletableFuture<HttpResponse<InputStream>> pending, Executor readers) {
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
        try {
            if (answer.statusCode() != 200) {
                String detail = new String(answer.body().readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
                if (!cancelled) {
                    listener.onFailed(FailureCodes.UPSTREAM_ERROR, "the upstream answered HTTP " + answer.statusCode()
                            + (detail.isEmpty() ? "" : ": " + detail), null);
                }
                return;
            }
            ChatCompletionChunkReader chunks = new ChatCompletionChunkReader(listener);
            BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
            String line;
            while (!cancelled && !chunks.ended() && (line = lines.readLine()) != null) {
                chunks.line(line);
            }
            if (!cancelled) {
                chunks.endOfStream();
            }
        } catch (IOException e) {
            if (!cancelled) {
                new ChatCompletionChunkReader(listener).connectionLost(e);
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
