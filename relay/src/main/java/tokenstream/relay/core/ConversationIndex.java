package tokenstream.relay.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Who is subscribed where on one partition: conversation id to the subscriptions watching it. */
final class ConversationIndex<R extends RelayRecord> {
    private final ConcurrentHashMap<String, Set<Subscription<R>>> byConversation = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptions = new AtomicInteger();

    void add(Subscription<R> subscription) {
        byConversation.computeIfAbsent(subscription.conversationId(), id -> ConcurrentHashMap.newKeySet()).add(subscription);
        subscriptions.incrementAndGet();
    }

    void remove(Subscription<R> subscription) {
        byConversation.computeIfPresent(subscription.conversationId(), (id, set) -> {
            if (set.remove(subscription)) {
                subscriptions.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** Hands a record from the tail to every subscription of its conversation. */
    void dispatch(R record) {
        Set<Subscription<R>> subscribers = byConversation.get(record.conversationId());
        if (subscribers != null) {
            for (Subscription<R> subscription : subscribers) {
                subscription.offerLive(record);
            }
        }
    }

    boolean isWatched(String conversationId) {
        return byConversation.containsKey(conversationId);
    }

    int subscriptionCount() {
        return subscriptions.get();
    }

    int conversationCount() {
        return byConversation.size();
    }
}
