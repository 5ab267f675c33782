package tokenstream.ingest.generation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.ingest.ChunksTopic.ChunkRecord;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ConcurrentGenerationsTest {
    private static final int GENERATIONS = 50;
    private static final int TOKENS = 20;

    @Test
    void fiftyConcurrentGenerationsEachKeepTheirOwnOrder() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> conversations = IntStream.range(0, GENERATIONS).mapToObj(i -> "conv-many-" + i + "-" + run).toList();
        ExecutorService clients = Executors.newFixedThreadPool(GENERATIONS);
        List<Future<String>> started = new ArrayList<>();
        try {
            for (String conversation : conversations) {
                started.add(clients.submit(() -> {
                    var answer = StartGenerationTest.start(conversation, "{\"prompt\":\"story " + conversation
                            + "\",\"options\":{\"max_tokens\":" + TOKENS + ",\"tokens_per_second\":500}}");
                    assertEquals(202, answer.statusCode(), answer.asString());
                    return answer.path("response_id");
                }));
            }
            List<String> responses = new ArrayList<>();
            for (Future<String> f : started) {
                responses.add(f.get());
            }

            List<ChunkRecord> records = ChunksTopic.conversations(conversations,
                    found -> responses.stream().allMatch(r -> ChunksTopic.terminalOf(r).test(found)));

            Map<String, List<Long>> seqsInTopicOrder = records.stream().collect(Collectors.groupingBy(
                    r -> r.event().responseId(), LinkedHashMap::new,
                    Collectors.mapping(r -> r.event().seq(), Collectors.toList())));
            List<Long> expected = LongStream.rangeClosed(0, TOKENS + 1).boxed().toList();
            assertEquals(GENERATIONS, seqsInTopicOrder.size());
            seqsInTopicOrder.forEach((response, seqs) -> assertEquals(expected, seqs, response));
            records.forEach(r -> assertEquals(r.key(), r.event().conversationId()));
        } finally {
            clients.shutdownNow();
        }
    }
}
