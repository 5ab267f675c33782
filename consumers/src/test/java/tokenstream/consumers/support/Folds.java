package tokenstream.consumers.support;

import tokenstream.consumers.assembly.AssemblyState;
import tokenstream.consumers.assembly.ResponseAssembler;
import tokenstream.consumers.assembly.ResponsePart;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEvent;

import java.util.ArrayList;
import java.util.List;

/** Folds events through the pure {@link ResponseAssembler} as the processor's stores would, without a broker. */
public final class Folds {

    private Folds() {
    }

    /** The audit record after the events, read as records at {@code firstOffset}, +1, ... of {@code partition}. */
    public static AssembledResponse assemble(int partition, long firstOffset, ChunkEvent... events) {
        AssemblyState state = null;
        List<ResponsePart> parts = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            ResponseAssembler.Step step = ResponseAssembler.apply(state, events[i], partition, firstOffset + i,
                    ResponseAssembler.Limits.DEFAULT);
            if (step.state() != null) {
                state = step.state();
            }
            if (step.part() != null) {
                parts.add(step.part());
            }
        }
        return ResponseAssembler.assemble(state, parts);
    }
}
