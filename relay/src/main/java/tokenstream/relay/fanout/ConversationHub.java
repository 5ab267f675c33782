package tokenstream.relay.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.relay.tail.ChunkRecord;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The in-memory index from conversation id to the subscriptions watching it. */
@ApplicationScoped
public class ConversationHub {
    private final ConcurrentHashMap<String, Set<Subscription>> byConversation = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptions = new AtomicInteger();

    public void add(Subscription subscription) {
        byConversation.computeIfAbsent(subscription.conversationId(), id -> ConcurrentHashMap.newKeySet()).add(subscription);
        subscriptions.incrementAndGet();
    }

    public void remove(Subscription subscription) {
        byConversation.computeIfPresent(subscription.conversationId(), (id, set) -> {
            if (set.remove(subscription)) {
                subscriptions.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands a record from the shared tail to every subscription of its conversation. */
    public void dispatch(ChunkRecord record) {
        Set<Subscription> subscribers = byConversation.get(record.conversationId());
        if (subscribers != null) {
            for (Subscription subscription : subscribers) {
                subscription.offerLive(record);
            }
        }
    }

    /** Whether anyone is watching this conversation on this instance. */
    public boolean isWatched(String conversationId) {
        return byConversation.containsKey(conversationId);
    }

    public int subscriptionCount() {
        return subscriptions.get();
    }

    public int conversationCount() {
        return byConversation.size();
    }
}
