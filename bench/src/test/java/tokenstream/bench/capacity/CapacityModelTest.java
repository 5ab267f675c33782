package tokenstream.bench.capacity;

import org.junit.jupiter.api.Test;
import tokenstream.bench.capacity.CapacityPlan.Resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityModelTest {
    private static final UnitCosts COSTS = UnitCosts.defaults();

    private static CapacityPlan plan(Workload workload) {
        return CapacityModel.plan(workload, COSTS);
    }

    @Test
    void moreStreamsNeverNeedLessOfAnything() {
        CapacityPlan previous = plan(Workload.of(1_000, 30, 2).withAffinity(true));
        for (double streams = 2_000; streams <= 2_000_000; streams *= 2) {
            CapacityPlan next = plan(Workload.of(streams, 30, 2).withAffinity(true));
            assertTrue(next.eventsPerSecond() > previous.eventsPerSecond());
            assertTrue(next.brokerEgressBytesPerSecond() > previous.brokerEgressBytesPerSecond());
            assertTrue(next.relays() >= previous.relays(), "relays at " + streams);
            assertTrue(next.brokers() >= previous.brokers(), "brokers at " + streams);
            assertTrue(next.consumers() >= previous.consumers(), "consumers at " + streams);
            assertTrue(next.partitions() >= previous.partitions(), "partitions at " + streams);
            previous = next;
        }
    }

    @Test
    void moreViewersNeverNeedFewerRelays() {
        int previous = 0;
        for (double viewers = 1; viewers <= 1_000; viewers *= 3) {
            int relays = plan(Workload.of(10_000, 30, viewers).withAffinity(true)).relays();
            assertTrue(relays >= previous, "relays at " + viewers + " viewers");
            previous = relays;
        }
    }

    @Test
    void affinityCutsTheRelaysShareOfBrokerEgressFromRTimesTheTopicToOnce() {
        Workload tenRelays = Workload.of(5_000, 30, 1).withRelays(10);
        CapacityPlan without = plan(tenRelays);
        CapacityPlan with = plan(tenRelays.withAffinity(true));

        assertEquals(10, without.relayReadsOfTopic());
        assertEquals(1, with.relayReadsOfTopic());
        assertEquals(9 * without.topicBytesPerSecond(),
                without.brokerEgressBytesPerSecond() - with.brokerEgressBytesPerSecond(), 1e-6);
    }

    @Test
    void affinityCutsEachRelaysFetchToItsShareOfTheTopic() {
        Workload tenRelays = Workload.of(5_000, 30, 1).withRelays(10);

        double without = plan(tenRelays).limit(Resource.RELAY_NETWORK_IN).demand();
        double with = plan(tenRelays.withAffinity(true)).limit(Resource.RELAY_NETWORK_IN).demand();

        assertEquals(10, without / with, 1e-9);
    }

    @Test
    void withoutAffinityATopicPastOneRelaysTailDoesNotFitWhateverTheRelayCount() {
        CapacityPlan plan = plan(Workload.of(10_000, 30, 1).withRelays(1_000));

        assertFalse(plan.fits());
        assertEquals(Resource.RELAY_CPU, plan.firstLimit().resource());
        assertTrue(plan.limit(Resource.RELAY_TAIL_THREAD).utilisation() > 1);
    }

    @Test
    void theSameLoadFitsWithAffinity() {
        assertTrue(plan(Workload.of(10_000, 30, 1).withAffinity(true)).fits());
    }

    @Test
    void aBroadcastOnOneRelayIsLimitedByItsCpu() {
        CapacityPlan plan = plan(Workload.of(1, 20, 10_000).withRelays(1));

        assertEquals(Resource.RELAY_CPU, plan.firstLimit().resource());
        assertEquals(200_000 * 12.2e-6, plan.firstLimit().demand(), 0.01);
    }

    @Test
    void manyQuietViewersOnOneRelayAreLimitedBySockets() {
        CapacityPlan plan = plan(Workload.of(100_000, 0.1, 1).withRelays(1));

        assertEquals(Resource.RELAY_SOCKETS, plan.firstLimit().resource());
    }

    @Test
    void aFixedSmallClusterIsLimitedByTheBrokers() {
        Workload threeBrokers = new Workload(1_000_000, 30, 1, 500, true, 0, 3, 0);

        Resource first = plan(threeBrokers).firstLimit().resource();

        assertEquals(CapacityPlan.Tier.BROKERS, first.tier(), first.name());
    }

    @Test
    void relayCpuPerDeliveryAndPerRecordReproduceTheManyConversationsScenario() {
        // docs/benchmarks.md scenario 3: 5,000 conversations x 2 clients x 5 tok/s, relay CPU 0.68 cores.
        CapacityPlan plan = plan(Workload.of(5_000, 5, 2).withRelays(1));

        assertEquals(0.68, plan.limit(Resource.RELAY_CPU).demand(), 0.68 * 0.1);
    }

    @Test
    void workedExampleTenThousandStreamsWithAffinity() {
        CapacityPlan plan = plan(Workload.of(10_000, 30, 1).withAffinity(true));

        assertEquals(300_000, plan.eventsPerSecond());
        assertEquals(6, plan.relays());
        assertEquals(12, plan.partitions());
        assertEquals(11, plan.consumers());
        assertEquals(9, plan.brokers());
    }

    @Test
    void workedExampleHundredThousandStreamsWithAffinity() {
        CapacityPlan plan = plan(Workload.of(100_000, 30, 1).withAffinity(true));

        assertEquals(3_000_000, plan.eventsPerSecond());
        assertEquals(51, plan.relays());
        assertEquals(153, plan.partitions());
        assertEquals(103, plan.consumers());
        assertEquals(83, plan.brokers());
        assertEquals(Resource.BROKER_DISK, plan.bindingLimit(CapacityPlan.Tier.BROKERS).resource());
    }

    @Test
    void workedExampleMillionStreamsWithAffinity() {
        CapacityPlan plan = plan(Workload.of(1_000_000, 30, 1).withAffinity(true));

        assertEquals(30_000_000, plan.eventsPerSecond());
        assertEquals(504, plan.relays());
        assertEquals(1_512, plan.partitions());
        assertEquals(1_023, plan.consumers());
        assertEquals(826, plan.brokers());
        assertTrue(plan.fits());
    }

    @Test
    void workedExampleMillionStreamsBroadcastToTenViewersEach() {
        CapacityPlan plan = plan(Workload.of(1_000_000, 30, 10).withAffinity(true));

        assertEquals(300_000_000, plan.deliveriesPerSecond());
        assertEquals(3_798, plan.relays());
        assertEquals(Resource.RELAY_CPU, plan.firstLimit().resource());
    }

    @Test
    void aShorterChunksRetentionNeedsFewerBrokers() {
        Workload million = Workload.of(1_000_000, 30, 1).withAffinity(true);

        int sevenDays = plan(million).brokers();
        int oneDay = CapacityModel.plan(million, COSTS.with(Cost.CHUNKS_RETENTION_DAYS, 1)).brokers();

        assertTrue(oneDay < sevenDays / 3, oneDay + " vs " + sevenDays);
    }

    @Test
    void withoutAffinityTheTopicCeilingIsOneRelaysTail() {
        assertEquals(1e6 / 4.6, CapacityModel.eventsCeilingWithoutAffinity(COSTS), 1);
    }
}
