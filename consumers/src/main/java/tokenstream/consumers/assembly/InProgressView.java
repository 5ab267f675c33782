package tokenstream.consumers.assembly;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.protocol.AssembledResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit record of a response still in progress, as a reader asks for it. The published record of an open
 * response carries no content (the content is joined once, when the response ends, so that assembly stays
 * O(event)), so a read joins the parts assembled so far: O(response), but only per read, never per event.
 */
public final class InProgressView {
    private InProgressView() {
    }

    /** {@code state} with the parts of {@code responseKey} read from {@code parts}, in order. */
    public static AssembledResponse of(AssemblyState state, ReadOnlyKeyValueStore<String, ResponsePart> parts,
                                       String responseKey) {
        List<ResponsePart> found = new ArrayList<>();
        try (KeyValueIterator<String, ResponsePart> scan = parts.prefixScan(PartKey.prefix(responseKey),
                new StringSerializer())) {
            while (scan.hasNext()) {
                KeyValue<String, ResponsePart> part = scan.next();
                if (PartKey.belongsTo(part.key, responseKey)) {
                    found.add(part.value);
                }
            }
        }
        return ResponseAssembler.assemble(state, found);
    }
}
