package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Iterator;
import java.util.Set;

/**
 * Chat Completions messages as ingest takes them: a role and a text. A content given as text parts is joined; what
 * a role-and-text message cannot carry (images, tool results, an assistant's earlier tool calls, names) is refused.
 */
final class ChatMessages {
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

    private ChatMessages() {
    }

    static ArrayNode translate(JsonNode messages, Set<String> roles) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ChatRequestTranslator.invalid("'messages' must be a non-empty array");
        }
        ArrayNode translated = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = "messages[" + i + "]";
            if (!message.isObject()) {
                throw ChatRequestTranslator.invalid(where + " must be an object");
            }
            for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!MESSAGE_FIELDS.contains(name) && !message.get(name).isNull()) {
                    throw ChatRequestTranslator.unsupported(where + "." + name + " is not supported: ingest takes a role and a text");
                }
            }
            String role = message.path("role").asText("");
            if (!roles.contains(role)) {
                throw ChatRequestTranslator.unsupported(where + ".role must be one of " + String.join(", ", roles.stream().sorted().toList())
                        + (role.equals("tool") ? ": tool results cannot be passed on" : ""));
            }
            translated.addObject().put("role", role).put("content", text(message.get("content"), where));
        }
        return translated;
    }

    private static String text(JsonNode content, String where) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content == null || !content.isArray()) {
            throw ChatRequestTranslator.invalid(where + ".content must be a string or an array of text parts");
        }
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw ChatRequestTranslator.unsupported(where + ".content[" + p + "] is not supported: only text parts");
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }
}
