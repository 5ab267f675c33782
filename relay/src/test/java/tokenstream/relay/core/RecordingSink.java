package tokenstream.relay.core;

import tokenstream.protocol.EventId;

import java.util.ArrayList;
import java.util.List;

/** A client connection for the relay's unit tests: remembers what it was told. */
public class RecordingSink implements SubscriberSink {
    public int wakeUps;
    public int overflows;
    public final List<EventId> expired = new ArrayList<>();
    public final List<String> unavailable = new ArrayList<>();

    @Override
    public void wakeUp() {
        wakeUps++;
    }

    @Override
    public void overflow() {
        overflows++;
    }

    @Override
    public void positionExpired(EventId earliest) {
        expired.add(earliest);
    }

    @Override
    public void unavailable(String message) {
        unavailable.add(message);
    }

    /** Everything queued for the client so far, by offset. */
    static List<Long> delivered(Subscription<Rec> subscription) {
        return subscription.drain(Integer.MAX_VALUE).stream().map(Rec::offset).toList();
    }
}
