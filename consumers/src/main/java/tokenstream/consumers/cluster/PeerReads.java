package tokenstream.consumers.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.kafka.streams.state.HostInfo;
import tokenstream.protocol.ProtocolJson;
import tokenstream.consumers.ConsumersConfig;
import tokenstream.consumers.interactive.Unavailable;
import tokenstream.servicekit.web.ApiException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Reads of the audit API sent to another instance of the group. The caller's own {@code Authorization} goes along,
 * so the other instance checks the same grant; {@value #SCOPE_HEADER}: {@value #LOCAL} asks it to answer from its
 * own stores only, which also stops a request from travelling on.
 */
@ApplicationScoped
public class PeerReads {
    /** Marks a read that one instance sends to another. */
    public static final String SCOPE_HEADER = "X-Tokenstream-Scope";
    public static final String LOCAL = "local";

    private final HttpClient http;
    private final Duration timeout;

    PeerReads(ConsumersConfig config) {
        this.timeout = config.peerTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Whether a request came from another instance and must be answered here. */
    public static boolean local(String scopeHeader) {
        return LOCAL.equals(scopeHeader);
    }

    /**
     * {@code GET pathAndQuery} on {@code host}.
     *
     * @param what names the data in the 503 answered when the instance cannot be read ({@code <what>_unavailable})
     * @throws ApiException 503 if the instance does not answer within the peer timeout
     */
    public HttpResponse<String> get(HostInfo host, String pathAndQuery, String authorization, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + pathAndQuery))
                .timeout(timeout)
                .header(SCOPE_HEADER, LOCAL)
                .header("Accept", "application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(host, what, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(host, what, "interrupted");
        }
    }

    /**
     * {@code GET pathAndQuery} on {@code host}, for an answer to pass back to the client as it is: a success or a
     * client error (404, 409, 401, 403) is the owner's answer; anything else (a 503 of its own shutdown, a 5xx) is
     * this instance's 503 with {@code Retry-After}, so that a client sees one kind of "not now".
     *
     * @throws ApiException 503 {@code <what>_unavailable} if the instance does not answer in time, or fails
     */
    public HttpResponse<String> answer(HostInfo host, String pathAndQuery, String authorization, String what) {
        HttpResponse<String> answer = get(host, pathAndQuery, authorization, what);
        if (answer.statusCode() >= 500) {
            throw Unavailable.of(what, "the consumers instance at " + host + " that holds this answered "
                    + answer.statusCode() + "; retry shortly");
        }
        return answer;
    }

    /**
     * Another instance's share of an answer spread over the group: the list in field {@code field} of its JSON answer
     * to {@code GET pathAndQuery} (asked for its own stores only).
     *
     * @throws ApiException 503 {@code <what>_unavailable} if it does not answer 200 with such a list in time
     */
    public <T> List<T> share(HostInfo host, String pathAndQuery, String authorization, String what, String field,
                             TypeReference<List<T>> type) {
        HttpResponse<String> answer = get(host, pathAndQuery, authorization, what);
        if (answer.statusCode() != 200) {
            throw Unavailable.of(what, "the consumers instance at " + host + " answered " + answer.statusCode()
                    + " for its share of the " + what.replace('_', ' ') + "; retry shortly");
        }
        try {
            return ProtocolJson.mapper().convertValue(ProtocolJson.mapper().readTree(answer.body()).path(field), type);
        } catch (IOException | IllegalArgumentException e) {
            throw Unavailable.of(what, "the consumers instance at " + host + " answered its share of the "
                    + what.replace('_', ' ') + " with a body without a list '" + field + "'; retry shortly");
        }
    }

    private static ApiException unavailable(HostInfo host, String what, String reason) {
        return Unavailable.of(what, "the consumers instance at " + host.host() + ":"
                + host.port() + " holds part of the " + what.replace('_', ' ') + " and did not answer (" + reason
                + "); retry shortly");
    }
}
