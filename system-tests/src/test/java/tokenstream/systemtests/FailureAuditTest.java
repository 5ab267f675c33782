package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.FailureCodes;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A response that fails mid-stream is audited as failed, with the same stable code the client saw. */
class FailureAuditTest {

    private static JsonNode auditOfFailedGeneration(String options) {
        String conversation = "fail-" + UUID.randomUUID();
        Pipeline.Answer started = Pipeline.post(Pipeline.stack().ingestUrl() + "/v1/conversations/" + conversation + "/responses",
                "application/json", "{\"prompt\":\"failures\",\"options\":" + options + "}");
        assertEquals(202, started.status(), started.raw().body());
        return Pipeline.auditedResponse(started.body().get("response_id").asText(),
                r -> "failed".equals(r.path("status").asText()));
    }

    @Test
    void anUpstreamErrorIsAuditedAsFailedWithUpstreamError() {
        JsonNode audited = auditOfFailedGeneration(
                "{\"max_tokens\":40,\"tokens_per_second\":200,\"simulate\":{\"error_after_tokens\":5}}");
        assertEquals(FailureCodes.UPSTREAM_ERROR, audited.get("error").get("code").asText());
    }

    @Test
    void invalidJsonIsAuditedAsFailedWithInvalidJson() {
        JsonNode audited = auditOfFailedGeneration("{\"max_tokens\":12,\"tokens_per_second\":200,"
                + "\"response_format\":{\"type\":\"json_object\"},\"simulate\":{\"invalid_json_at_token\":4}}");
        assertEquals(FailureCodes.INVALID_JSON, audited.get("error").get("code").asText());
    }

    @Test
    void invalidToolArgumentsAreAuditedAsFailedWithInvalidToolArguments() {
        JsonNode audited = auditOfFailedGeneration("{\"max_tokens\":12,\"tokens_per_second\":200,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
                + "\"simulate\":{\"invalid_tool_arguments\":true}}");
        assertEquals(FailureCodes.INVALID_TOOL_ARGUMENTS, audited.get("error").get("code").asText());
    }
}
