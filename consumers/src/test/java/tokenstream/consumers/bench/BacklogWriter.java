package tokenstream.consumers.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes backlogs of realistic generations to the chunks topic, each in one transaction: responses of
 * {@code minDeltas..maxDeltas} text deltas of a few characters, {@code open} of them in progress at once with their
 * events interleaved as concurrent generations are. A read_committed reader sees none of a backlog until
 * {@link Backlog#commit()}, and then all of it at once: a running consumer that has fallen that far behind.
 */
final class BacklogWriter implements AutoCloseable {
    private static final String[] TOKENS = {"The", " audit", " keeps", " every", " token", ",", " in", " order", ".",
            "\n", " caf\u00e9", " \"quoted\"", " 42", " r\u00e9sum\u00e9", " and", " so", " on", " \u2014"};
    private static final int CONVERSATIONS = 500;

    private final String topic;
    private final String prefix;
    private final int minDeltas;
    private final int maxDeltas;
    private final int open;
    private final KafkaProducer<String, byte[]> producer;
    private final Random random = new Random(16);
    /** Events of every response written, by "conversation/response", to check what the audit published. */
    private final Map<String, Long> expectedEvents = new HashMap<>();
    /** The current backlog's ends, written by the producer's callbacks. */
    private final Map<Integer, Long> ends = new ConcurrentHashMap<>();

    BacklogWriter(String bootstrap, String topic, String prefix, int minDeltas, int maxDeltas, int open) {
        this.topic = topic;
        this.prefix = prefix;
        this.minDeltas = minDeltas;
        this.maxDeltas = maxDeltas;
        this.open = open;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-writer",
                // a backlog stays open while the benchmark waits for the compilers (CompilerSettling: up to 60 s)
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** The written, not yet committed backlog of one round. */
    final class Backlog {
        private final long records;
        private final Map<Integer, Long> ends;

        private Backlog(long records, Map<Integer, Long> ends) {
            this.records = records;
            this.ends = Map.copyOf(ends);
        }

        long records() {
            return records;
        }

        /**
         * By partition, the offset after the backlog's last record there: what a reader's position, or a consumer
         * group's committed offset, reaches once it has read all of it (the commit marker after it may or may not
         * be counted, so it is not).
         */
        Map<Integer, Long> ends() {
            return ends;
        }

        /** Makes the backlog visible; returns the {@link System#nanoTime()} just before the commit was asked for. */
        long commit() {
            long at = System.nanoTime();
            producer.commitTransaction();
            return at;
        }
    }

    /** Writes {@code responses} whole responses in one transaction, flushed but not committed. */
    Backlog write(String round, int responses) {
        producer.beginTransaction();
        ends.clear();
        long count = 0;
        Instant t0 = Instant.now();
        List<Generation> inProgress = new ArrayList<>();
        int started = 0;
        while (started < responses || !inProgress.isEmpty()) {
            while (inProgress.size() < open && started < responses) {
                Generation g = new Generation(prefix + "-c" + (started % CONVERSATIONS),
                        prefix + "-" + round + "-r" + started, minDeltas + random.nextInt(maxDeltas - minDeltas + 1));
                started++;
                count += send(new ChunkEvent.ResponseStarted(g.conversation, g.response, 0, t0, "bench", null));
                g.seq = 1;
                inProgress.add(g);
            }
            int pick = random.nextInt(inProgress.size());
            Generation g = inProgress.get(pick);
            Instant at = t0.plusMillis(20L * g.seq);
            if (g.seq <= g.deltas) {
                count += send(new ChunkEvent.TextDelta(g.conversation, g.response, g.seq, at,
                        TOKENS[random.nextInt(TOKENS.length)]));
                g.seq++;
            } else {
                expectedEvents.put(g.conversation + "/" + g.response, g.seq + 1L);
                count += send(new ChunkEvent.ResponseCompleted(g.conversation, g.response, g.seq, at, "stop",
                        Usage.of(5, g.deltas)));
                inProgress.set(pick, inProgress.get(inProgress.size() - 1));
                inProgress.remove(inProgress.size() - 1);
            }
        }
        producer.flush();
        return new Backlog(count, ends);
    }

    /** Events of every response written so far, by "conversation/response". */
    Map<String, Long> expectedEvents() {
        return expectedEvents;
    }

    private int send(ChunkEvent event) {
        producer.send(new ProducerRecord<>(topic, event.conversationId(), ChunkEventCodec.write(event)),
                (metadata, e) -> {
                    if (e == null) {
                        ends.merge(metadata.partition(), metadata.offset() + 1, Math::max);
                    }
                });
        return 1;
    }

    @Override
    public void close() {
        producer.close();
    }

    /** One response being written: its ids and the seq of its next event. */
    private static final class Generation {
        final String conversation;
        final String response;
        final int deltas;
        int seq;

        Generation(String conversation, String response, int deltas) {
            this.conversation = conversation;
            this.response = response;
            this.deltas = deltas;
        }
    }
}
