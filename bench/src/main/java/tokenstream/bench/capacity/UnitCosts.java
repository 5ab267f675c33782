package tokenstream.bench.capacity;

import java.util.EnumMap;
import java.util.Map;

/** One value for every {@link Cost}. Immutable. */
public final class UnitCosts {
    private final EnumMap<Cost, Double> values;

    private UnitCosts(EnumMap<Cost, Double> values) {
        for (Cost cost : Cost.values()) {
            Double value = values.get(cost);
            if (value == null || !(value > 0)) {
                throw new IllegalArgumentException(cost.key() + " must be > 0, got " + value);
            }
        }
        this.values = values;
    }

    /** The defaults: the recorded figures, the measured sizes of {@link RecordSizes#typical()}, the assumptions. */
    public static UnitCosts defaults() {
        return defaults(RecordSizes.typical());
    }

    static UnitCosts defaults(RecordSizes sizes) {
        EnumMap<Cost, Double> values = new EnumMap<>(Cost.class);
        for (Cost cost : Cost.values()) {
            values.put(cost, cost.fixedDefault());
        }
        values.put(Cost.RECORD_BYTES, sizes.lz4RecordBytes());
        values.put(Cost.SSE_BYTES, (double) sizes.sseDeliveryBytes());
        values.put(Cost.PART_CHANGELOG_BYTES, (double) sizes.partChangelogBytes());
        return new UnitCosts(values);
    }

    public double get(Cost cost) {
        return values.get(cost);
    }

    public UnitCosts with(Cost cost, double value) {
        EnumMap<Cost, Double> copy = new EnumMap<>(values);
        copy.put(cost, value);
        return new UnitCosts(copy);
    }

    public Map<Cost, Double> asMap() {
        return Map.copyOf(values);
    }
}
