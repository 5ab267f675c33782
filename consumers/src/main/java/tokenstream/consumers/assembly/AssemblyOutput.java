package tokenstream.consumers.assembly;

/**
 * One record leaving the assembly processor, tagged with where it goes; the topology routes each kind to
 * its own topic. The value is already in its wire form.
 */
record AssemblyOutput(Kind kind, byte[] value) {

    enum Kind {
        /** The rejected chunks record itself, to the dead-letter topic. */
        DEAD_LETTER,
        /** The response's new state, to the responses topic. */
        PUBLISHED,
        /** The response has just ended (once per response), keyed by model, to the statistics. */
        ENDED,
        /** A terminal event the abandon sweep writes for a response whose producer is gone, to the chunks topic. */
        TERMINAL
    }

    boolean is(Kind wanted) {
        return kind == wanted;
    }
}
