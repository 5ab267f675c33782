package tokenstream.consumers.assembly;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.Map;

/**
 * A store without data that calls its task's assembly back when the task is about to commit, so that what the
 * assembly holds in memory ({@link AssemblyBuffer}) is written to the other stores inside the transaction that also
 * commits the input offsets: exactly-once holds as if every event had been written to the stores at once.
 *
 * <p>Kafka Streams has no commit callback for a processor. It flushes the caches of a task's stores before it
 * commits ({@code StreamTask.prepareCommit}, which calls {@link #flushCache()} on every store that is a
 * {@link CachedStateStore}), and {@link #flush()} only after the commit, at the checkpoint: too late. So this store
 * presents itself as a cached store, an internal interface of Kafka Streams; if a later version stops calling it,
 * nothing is written at all and the assembly tests fail at once rather than lose data quietly.
 */
final class BeforeCommit implements StateStore, CachedStateStore<Object, Object> {
    private final String name;
    private volatile boolean open;
    private Runnable listener = () -> { };

    private BeforeCommit(String name) {
        this.name = name;
    }

    /** Runs {@code beforeCommit} on the stream thread before every commit of this store's task. */
    void onCommit(Runnable beforeCommit) {
        this.listener = beforeCommit;
    }

    @Override
    public void flushCache() {
        listener.run();
    }

    @Override
    public void clearCache() {
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        open = false;
        listener = () -> { };
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    static StoreBuilder<BeforeCommit> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<BeforeCommit> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingDisabled() {
                return this;
            }

            @Override
            public BeforeCommit build() {
                return new BeforeCommit(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
