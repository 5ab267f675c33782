package tokenstream.relay.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The demo page's anonymous starts. When enabled, a start forwarded without credentials for a conversation id
 * with the demo prefix is signed by the relay as a short-lived producer of that one conversation.
 */
@ConfigMapping(prefix = "tokenstream.relay.demo")
public interface DemoConfig {

    @WithDefault("false")
    boolean enabled();

    /** Only these conversation ids may be started anonymously, so the demo never reaches real users' conversations. */
    @WithDefault("demo-")
    String conversationPrefix();

    @WithDefault("60s")
    Duration producerTokenTtl();

    /** Anonymous demo starts one client address may make per {@link #startsWindow()} (a burst of this many at most). */
    @WithDefault("10")
    int startsPerAddress();

    /** The window of {@link #startsPerAddress()}: one start comes back every window / starts-per-address. */
    @WithDefault("1m")
    Duration startsWindow();

    /** Client addresses whose demo starts are remembered, least recently seen forgotten first: bounded memory. */
    @WithDefault("100000")
    int addressesTracked();
}
