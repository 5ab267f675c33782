package tokenstream.consumers.assembly;

import org.apache.kafka.common.header.Headers;
import tokenstream.protocol.ResponseStatus;

/**
 * Told when the assembly has assembled a response from its terminal event, with that record's headers, so that a
 * span of the assembly can join the trace the record names ({@code traceparent}). Once per response, never per
 * token; {@link #NONE} when tracing is off.
 */
public interface AssemblyTraces {

    /** Tracing is off. */
    AssemblyTraces NONE = (headers, conversationId, responseId, status, recordTimestamp) -> {
    };

    /**
     * The response ended and was published from the record with {@code headers}, written at {@code recordTimestamp}
     * (epoch millis). Called on the stream thread inside the processing of that record: must not block.
     */
    void assembled(Headers headers, String conversationId, String responseId, ResponseStatus status,
                   long recordTimestamp);
}
