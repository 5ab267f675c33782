package tokenstream.relay.resume;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.EventId;
import tokenstream.relay.MetricsReader;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.ids;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.resume;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class WindowResumeTest {

    @Test
    void recentResumeIsServedFromMemoryWithoutAKafkaRead() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r", tokens(5));
            tokenstream.relay.RelayTestSupport.awaitTailPast(written.get(written.size() - 1));
            double memoryBefore = MetricsReader.streamsOpened("memory");
            double kafkaBefore = MetricsReader.streamsOpened("kafka");
            try (SseClient client = resume(conversation, written.get(1))) {
                assertEquals(written.subList(2, written.size()), ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
            assertEquals(memoryBefore + 1, MetricsReader.streamsOpened("memory"));
            assertEquals(kafkaBefore, MetricsReader.streamsOpened("kafka"));
        }
    }

    @Test
    void fromStartIsServedFromKafkaBecauseOnlyKafkaKnowsWhereHistoryBegins() {
        String conversation = newConversation();
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r", tokens(2));
            double kafkaBefore = MetricsReader.streamsOpened("kafka");
            try (SseClient client = tokenstream.relay.RelayTestSupport.open(conversation, "from=start")) {
                assertEquals(written, ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
            assertEquals(kafkaBefore + 1, MetricsReader.streamsOpened("kafka"));
        }
    }
}
