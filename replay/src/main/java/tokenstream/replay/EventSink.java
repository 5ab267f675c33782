package tokenstream.replay;

/** Where replayed events go, one at a time, at their replay time. */
public interface EventSink {
    void accept(ReplayedEvent event);
}
