package tokenstream.relay.core;

/** A record made up for the core's tests: what the core sees of a chunks record, nothing more. */
record Rec(long offset, String conversationId, String responseId, boolean started, boolean terminal,
           long timestampMillis, int payloadBytes) implements RelayRecord {

    static final long T0 = 1_000_000;

    static Rec delta(long offset, String conversation) {
        return new Rec(offset, conversation, "r", false, false, T0, 10);
    }

    static Rec at(long offset, String conversation, long timestampMillis, int payloadBytes) {
        return new Rec(offset, conversation, "r", false, false, timestampMillis, payloadBytes);
    }

    static Rec started(long offset, String conversation, String response) {
        return new Rec(offset, conversation, response, true, false, T0, 10);
    }

    static Rec ended(long offset, String conversation, String response) {
        return new Rec(offset, conversation, response, false, true, T0, 10);
    }
}
