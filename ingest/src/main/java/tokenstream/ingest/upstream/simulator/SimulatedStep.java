package tokenstream.ingest.upstream.simulator;

/**
 * One tick of a simulated generation: a text delta, or a tool-call fragment (the call id and name on the
 * first fragment of a call only, as real models stream them).
 */
record SimulatedStep(String text, int toolIndex, String callId, String toolName, String argumentsFragment) {

    static SimulatedStep text(String text) {
        return new SimulatedStep(text, -1, null, null, null);
    }

    static SimulatedStep toolFragment(int index, String callId, String name, String fragment) {
        return new SimulatedStep(null, index, callId, name, fragment);
    }

    boolean isText() {
        return text != null;
    }
}
