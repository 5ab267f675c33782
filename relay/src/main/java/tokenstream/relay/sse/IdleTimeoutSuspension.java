package tokenstream.relay.sse;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes the server's idle timeout off a connection while it carries an SSE stream, and puts it back when the stream
 * ends. The stream's heartbeat writes far more often than the timeout, so the timeout never fires on it; Netty's idle
 * handler would still add a promise and a listener to every write, and a broadcast makes millions of writes. The
 * connection may serve other requests after the stream (keep-alive), so those get the timeout again.
 */
final class IdleTimeoutSuspension {
    private static final String NAME = "idle";

    private final ChannelPipeline pipeline;
    private final IdleStateHandler removed;
    private final String before;

    private IdleTimeoutSuspension(ChannelPipeline pipeline, IdleStateHandler removed, String before) {
        this.pipeline = pipeline;
        this.removed = removed;
        this.before = before;
    }

    /** Suspends the timeout of {@code connection}; null when it has none or is not a Netty connection. */
    static IdleTimeoutSuspension suspend(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? suspend(base.channel().pipeline()) : null;
    }

    /** Suspends the timeout of the connection with this pipeline; null when it has none. */
    static IdleTimeoutSuspension suspend(ChannelPipeline pipeline) {
        if (!(pipeline.get(NAME) instanceof IdleStateHandler handler)) {
            return null;
        }
        List<String> names = pipeline.names();
        int at = names.indexOf(NAME);
        if (at < 0 || at + 1 >= names.size()) {
            return null;
        }
        pipeline.remove(NAME);
        return new IdleTimeoutSuspension(pipeline, handler, names.get(at + 1));
    }

    /** Puts a timeout like the removed one back, unless the connection is gone. */
    void restore() {
        if (!pipeline.channel().isActive() || pipeline.get(NAME) != null || pipeline.get(before) == null) {
            return;
        }
        pipeline.addBefore(before, NAME, new IdleStateHandler(removed.getReaderIdleTimeInMillis(),
                removed.getWriterIdleTimeInMillis(), removed.getAllIdleTimeInMillis(), TimeUnit.MILLISECONDS));
    }
}
