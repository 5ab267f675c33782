package tokenstream.relay.core;

import tokenstream.protocol.EventId;

/** Where a {@link Subscription}'s events go: one client connection. Called from Kafka threads. */
public interface SubscriberSink {

    /** Events are waiting in the subscription; drain them on the connection's own thread. */
    void wakeUp();

    /** The client fell too far behind; end its stream telling it to resume from what it has. */
    void overflow();

    /** The requested position is no longer retained by Kafka; end the stream saying so. */
    void positionExpired(EventId earliest);

    /** The relay cannot serve the stream right now (for example a catch-up read failed); ask the client to retry. */
    void unavailable(String message);
}
