package tokenstream.consumers.assembly;

import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.Folds;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.Usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssembledResponseJsonTest {
    private final ResponseEvents r = ResponseEvents.fresh();

    @Test
    void storedResponseReadsBackUnchanged() {
        AssembledResponse response = Folds.assemble(1, 10, r.started(0, "m"),
                r.toolCall(1, "c1", "search", "{\"q\":[1,{\"a\":null}]}"), r.text(3, "tail"),
                r.completed(4, "stop", Usage.of(3, 4)));

        var serde = AssembledResponseJson.serde();
        byte[] bytes = serde.serializer().serialize("t", response);

        assertEquals(response, serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void wireJsonUsesSnakeCaseAndLowerCaseStatus() {
        AssembledResponse response = Folds.assemble(2, 5, r.started(0, "m"));

        String json = new String(AssembledResponseJson.write(response));

        assertTrue(json.contains("\"response_id\":\"" + r.responseId + "\""), json);
        assertTrue(json.contains("\"status\":\"in_progress\""), json);
        assertTrue(json.contains("\"first_offset\":5"), json);
    }
}
