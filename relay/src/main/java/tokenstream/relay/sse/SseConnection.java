package tokenstream.relay.sse;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import tokenstream.protocol.EventId;
import tokenstream.relay.core.SubscriberSink;
import tokenstream.relay.core.Subscription;
import tokenstream.relay.metrics.RelayMetrics;
import tokenstream.relay.tail.ChunkRecord;
import tokenstream.relay.tracing.StreamDeliveries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client's SSE response. All writes happen on the connection's own event-loop context; Kafka
 * threads only wake it up. A socket that cannot take more stops the drain (the subscription's bounded
 * queue then fills and the client is told to resume), so memory stays bounded whatever the client does.
 */
public final class SseConnection implements SubscriberSink {
    private static final int BATCH = 256;

    private final Vertx vertx;
    private final Context context;
    private final LoopWakeUps wakeUps;
    private final HttpServerResponse response;
    private final long heartbeatMillis;
    private final WriteCoalescing coalescing;
    private final Consumer<SseConnection> onClose;
    private final RelayMetrics metrics;
    private final EventFraming framing;
    private final StreamDeliveries deliveries;
    private Subscription<ChunkRecord> subscription;
    // Encoded only when asked for: a drain should not pay for formatting an id per client.
    private EventId resumedFrom;
    private ChunkRecord lastWritten;
    private long lastWriteNanos;
    private long heartbeatTimer = -1;
    private IdleTimeoutSuspension idleTimeout;
    private boolean ended;

    /**
     * @param framing    how records and the stream's ending are written: the relay's own events, or another format
     * @param deliveries traces the first delivery of each response ({@code StreamDeliveries.NONE}: none)
     */
    public SseConnection(Vertx vertx, HttpServerResponse response, long heartbeatMillis, WriteCoalescing coalescing,
                         RelayMetrics metrics, EventFraming framing, Consumer<SseConnection> onClose,
                         StreamDeliveries deliveries) {
        this.deliveries = deliveries;
        this.coalescing = coalescing;
        this.framing = framing;
        this.metrics = metrics;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.wakeUps = LoopWakeUps.ofThisLoop(context);
        this.response = response;
        this.heartbeatMillis = heartbeatMillis;
        this.onClose = onClose;
    }

    /** Writes the headers and the retry hint; called on the event loop before the subscription opens. */
    public void begin(long retryMillis, EventId resumedFrom, HttpConnection socket) {
        idleTimeout = IdleTimeoutSuspension.suspend(socket);
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .putHeader("Connection", "keep-alive");
        this.resumedFrom = resumedFrom;
        // Writes pass no handler: a failed write also fails the connection, which the close handler sees, and a
        // handler would cost a promise and a listener per write.
        Buffer opening = framing.opening(retryMillis);
        if (opening.length() > 0) {
            response.write(opening, null);
        }
        response.closeHandler(v -> finish());
        response.exceptionHandler(e -> finish());
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, id -> {
            if (!ended && !response.writeQueueFull()) {
                response.write(framing.heartbeat(), null);
            }
        });
    }

    public void attach(Subscription<ChunkRecord> subscription) {
        this.subscription = subscription;
    }

    /** The id of the last event this client was sent, or what it resumed from. */
    public String lastWrittenId() {
        return lastWritten != null ? lastWritten.eventId().encode() : resumedFrom != null ? resumedFrom.encode() : null;
    }

    @Override
    public void wakeUp() {
        wakeUps.wake(this);
    }

    @Override
    public void overflow() {
        metrics.slowClient();
        context.runOnContext(v -> endWith("stream.reconnect", "slow_client",
                "the client fell too far behind; reconnect with Last-Event-ID to resume"));
    }

    @Override
    public void positionExpired(EventId earliest) {
        metrics.positionExpired();
        context.runOnContext(v -> {
            Map<String, Object> body = body("position_expired",
                    "the requested position is older than the topic's retention; events before "
                            + earliest.encode() + " are gone");
            body.put("earliest", earliest.encode());
            endWith("stream.position_expired", body);
        });
    }

    @Override
    public void unavailable(String message) {
        context.runOnContext(v -> endWith("stream.reconnect", "unavailable", message));
    }

    /** Tells the client to reconnect because this instance is stopping; called on any thread. */
    public void shutdown(Runnable then) {
        context.runOnContext(v -> {
            Future<Void> told = Future.succeededFuture();
            try {
                told = endWith("stream.reconnect", body("shutdown",
                        "this relay instance is shutting down; reconnect with Last-Event-ID to resume"));
            } finally {
                // Once the notice is on the socket, not when it is queued: the server closes connections next.
                told.onComplete(written -> then.run());
            }
        });
    }

    /** Ends the stream because its access token expired; called on any thread. */
    public void tokenExpired() {
        context.runOnContext(v -> endWith("stream.reconnect", "token_expired",
                "the access token expired; reconnect with a fresh token and Last-Event-ID to resume"));
    }

    void drain() {
        if (ended || subscription == null) {
            return;
        }
        if (coalescing.enabled()) {
            long wait = coalescing.waitNanos(lastWriteNanos, lastWritten != null, System.nanoTime());
            if (wait > 0) {
                // The subscription still counts this drain as scheduled, so records queued meanwhile wake nobody.
                wakeUps.hold(this, wait);
                return;
            }
        }
        drainNow();
    }

    private void drainNow() {
        if (ended || subscription == null) {
            return;
        }
        while (true) {
            if (response.writeQueueFull()) {
                subscription.drainPending();
                response.drainHandler(v -> drain());
                return;
            }
            List<ChunkRecord> batch = subscription.drain(BATCH);
            if (batch.isEmpty()) {
                return;
            }
            lastWritten = batch.get(batch.size() - 1);
            lastWriteNanos = System.nanoTime();
            Buffer frames = framing.events(batch);
            if (frames.length() > 0) {
                response.write(frames, null);
            }
            metrics.delivered(batch, subscription.liveFromOffset(), System.currentTimeMillis());
            deliveries.written(batch);
            if (framing.complete()) {
                response.end();
                finish();
                return;
            }
            if (batch.size() < BATCH) {
                // The queue is empty now, so the next record wakes this connection again: one look at the queue and
                // the socket per delivery, not two (a broadcast repeats this for every client).
                return;
            }
        }
    }

    private void endWith(String event, String code, String message) {
        endWith(event, body(code, message));
    }

    /** Ends the stream with a relay event; the future completes once it is written (or could not be). */
    private Future<Void> endWith(String event, Map<String, Object> body) {
        if (ended) {
            return Future.succeededFuture();
        }
        // Whatever is held back for coalescing goes out before the stream ends.
        drainNow();
        Future<Void> written;
        try {
            written = response.end(framing.control(event, body));
        } catch (Exception e) {
            response.reset();
            written = Future.succeededFuture();
        }
        finish();
        return written;
    }

    private Map<String, Object> body(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        String lastWrittenId = lastWrittenId();
        if (lastWrittenId != null) {
            body.put("last_event_id", lastWrittenId);
        }
        return body;
    }

    private void finish() {
        if (ended) {
            return;
        }
        ended = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        if (idleTimeout != null) {
            idleTimeout.restore();
        }
        onClose.accept(this);
    }

    public Subscription<ChunkRecord> subscription() {
        return subscription;
    }
}
