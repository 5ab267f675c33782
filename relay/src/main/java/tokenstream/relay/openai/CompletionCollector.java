package tokenstream.relay.openai;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.relay.core.SubscriberSink;
import tokenstream.relay.core.Subscription;
import tokenstream.relay.http.RouteErrors;
import tokenstream.relay.tail.ChunkRecord;
import tokenstream.servicekit.web.ApiError;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The answer of a request without {@code stream}: follows the response on its subscription, like a stream client,
 * and answers once with the whole {@code chat.completion}. Everything runs on the request's context; Kafka threads
 * only wake it up. The client going away closes the subscription and nothing else: the response goes on.
 */
final class CompletionCollector implements SubscriberSink {
    private static final int BATCH = 256;

    private final Context context;
    private final RoutingContext ctx;
    private final ResponseEvents events;
    private final ChatCompletionAssembly assembly = new ChatCompletionAssembly();
    private final Consumer<CompletionCollector> onEnd;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private Subscription<ChunkRecord> subscription;
    private boolean ended;

    CompletionCollector(Vertx vertx, RoutingContext ctx, String responseId, Consumer<CompletionCollector> onEnd) {
        this.context = vertx.getOrCreateContext();
        this.ctx = ctx;
        this.events = new ResponseEvents(responseId);
        this.onEnd = onEnd;
        ctx.response().closeHandler(v -> end());
    }

    void attach(Subscription<ChunkRecord> subscription) {
        this.subscription = subscription;
        wakeUp();
    }

    Subscription<ChunkRecord> subscription() {
        return subscription;
    }

    @Override
    public void wakeUp() {
        if (wakeUpQueued.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                wakeUpQueued.set(false);
                drain();
            });
        }
    }

    @Override
    public void overflow() {
        fail(new ApiError(503, "slow_client", "the relay could not keep up with the response; retry"));
    }

    @Override
    public void positionExpired(EventId earliest) {
        fail(new ApiError(503, "position_expired", "the response's start is older than the topic's retention"));
    }

    @Override
    public void unavailable(String message) {
        fail(new ApiError(503, "unavailable", message));
    }

    private void drain() {
        while (!ended && subscription != null) {
            List<ChunkRecord> batch = subscription.drain(BATCH);
            for (ChunkRecord record : batch) {
                ChunkEvent event = events.of(record);
                if (event != null) {
                    assembly.accept(event);
                }
            }
            if (assembly.answer() != null) {
                ctx.response().setStatusCode(assembly.answer().status()).putHeader("Content-Type", "application/json")
                        .end(assembly.answer().body().toString());
                end();
                return;
            }
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    private void fail(ApiError error) {
        context.runOnContext(v -> {
            if (!ended) {
                ctx.response().putHeader("Retry-After", "1");
                RouteErrors.send(ctx, error);
                end();
            }
        });
    }

    private void end() {
        if (!ended) {
            ended = true;
            onEnd.accept(this);
        }
    }
}
