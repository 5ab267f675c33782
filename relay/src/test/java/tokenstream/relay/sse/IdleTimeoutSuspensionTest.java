package tokenstream.relay.sse;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleTimeoutSuspensionTest {

    private static EmbeddedChannel serverConnection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("codec", new ChannelInboundHandlerAdapter());
        channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, 1800, TimeUnit.SECONDS));
        channel.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());
        return channel;
    }

    @Test
    void aStreamingConnectionHasNoIdleHandler() {
        EmbeddedChannel channel = serverConnection();
        assertNotNull(IdleTimeoutSuspension.suspend(channel.pipeline()));
        assertNull(channel.pipeline().get("idle"));
    }

    @Test
    void theSameTimeoutComesBackAtTheSamePlaceWhenTheStreamEnds() {
        EmbeddedChannel channel = serverConnection();
        IdleTimeoutSuspension.suspend(channel.pipeline()).restore();
        assertEquals(List.of("codec", "idle", "handler"), channel.pipeline().names().subList(0, 3));
        IdleStateHandler restored = (IdleStateHandler) channel.pipeline().get("idle");
        assertEquals(TimeUnit.SECONDS.toMillis(1800), restored.getAllIdleTimeInMillis());
        assertEquals(0, restored.getReaderIdleTimeInMillis());
        assertEquals(0, restored.getWriterIdleTimeInMillis());
    }

    @Test
    void aClosedConnectionGetsNoTimeoutBack() {
        EmbeddedChannel channel = serverConnection();
        IdleTimeoutSuspension suspension = IdleTimeoutSuspension.suspend(channel.pipeline());
        channel.close();
        suspension.restore();
        assertNull(channel.pipeline().get("idle"));
    }

    @Test
    void aConnectionWithoutTimeoutIsLeftAlone() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());
        assertNull(IdleTimeoutSuspension.suspend(channel.pipeline()));
        assertTrue(channel.pipeline().names().contains("handler"));
    }
}
