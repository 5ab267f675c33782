package tokenstream.consumers.transcripts;

import tokenstream.protocol.AssembledResponse;

import java.util.List;

/**
 * One page of a conversation's transcript: its responses in the order they started on the chunks topic.
 *
 * @param nextPageToken pass as {@code page_token} for the following page; absent on the last page
 */
public record TranscriptPage(String conversationId, List<AssembledResponse> responses, String nextPageToken) {
}
