package tokenstream.ingest.security;

import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.web.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The producer of each response this instance has seen (started, or first pushed), so that no other producer can
 * push events into it. Bounded: the oldest are forgotten first.
 */
@ApplicationScoped
public class ResponseOwners {
    private final Map<String, String> owners;

    public ResponseOwners(SecurityConfig config) {
        int capacity = config.ownersRemembered();
        this.owners = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Makes {@code principal} the owner of a new response, or checks that it owns a known one.
     *
     * @throws ApiException 403 {@code not_owner} when another producer owns it
     */
    public void claim(String responseId, Principal principal) {
        String owner;
        synchronized (owners) {
            owner = owners.putIfAbsent(responseId, principal.name());
        }
        if (owner != null && !owner.equals(principal.name())) {
            throw new ApiException(403, "not_owner", "response " + responseId + " belongs to another producer");
        }
    }
}
