package tokenstream.bench.capacity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityRecordSizesTest {
    private final RecordSizes sizes = RecordSizes.typical();

    @Test
    void aRecordHoldsItsKeyValueAndHeadersPlusKafkasOverhead() {
        int payload = sizes.keyBytes() + sizes.valueBytes() + sizes.headerBytes();

        assertTrue(sizes.recordBytes() > payload, sizes.toString());
        assertTrue(sizes.recordBytes() < payload + 40, sizes.toString());
    }

    @Test
    void lz4ShrinksABatchOfTypicalRecords() {
        assertTrue(sizes.lz4RecordBytes() < sizes.recordBytes(), sizes.toString());
    }

    @Test
    void anSseDeliveryIsTheValueWithItsFieldsAndChunkFraming() {
        // "id: 1.117.12345678901.xxxx\nevent: text.delta\ndata: " + value + "\n\n", then hex length + CRLF ... CRLF
        int frame = "id: 1.117.12345678901.xxxx\nevent: text.delta\ndata: ".length() + sizes.valueBytes() + 2;

        assertEquals(frame + Integer.toHexString(frame).length() + 4, sizes.sseDeliveryBytes());
    }

    @Test
    void theSizesAreTheSameOnEveryRun() {
        assertEquals(sizes, RecordSizes.typical());
    }
}
