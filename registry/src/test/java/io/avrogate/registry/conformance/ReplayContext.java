package io.avrogate.registry.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case's placeholders ({s1}..{s20}, {p}, {u}, {impN}) and its symbolic ids ($idN), which must bind to actual ids
 * as a consistent bijection: the same variable always meets the same id, two variables never meet one id.
 */
final class ReplayContext {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(s\\d+|p|u|imp\\d+)\\}");
    private static final Pattern WHOLE_IMP = Pattern.compile("^\\{(imp\\d+)\\}$");
    private static final Pattern ID_VAR = Pattern.compile("\\$id(\\d+)");
    static final Pattern WHOLE_ID_VAR = Pattern.compile("^\\$id(\\d+)$");

    private final Map<String, String> placeholders = new HashMap<>();
    final Map<String, Long> varToId = new HashMap<>();
    private final Map<Long, String> idToVar = new HashMap<>();

    ReplayContext(String token, int index) {
        String prefix = "t" + token + "-c" + index + "-";
        placeholders.put("p", prefix);
        for (int n = 1; n <= 20; n++) placeholders.put("s" + n, prefix + "s" + n);
        placeholders.put("u", "u" + token + "c" + index);
        Random random = new Random((token + "/" + index).hashCode());
        for (int n = 1; n <= 5; n++) placeholders.put("imp" + n, String.valueOf(1_000_000 + random.nextInt(999_000_000)));
    }

    String substitute(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(placeholders.get(m.group(1))));
        return m.appendTail(out).toString();
    }

    private String substituteIds(String text) {
        Matcher m = ID_VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long id = varToId.get("$id" + m.group(1));
            if (id == null) throw new IllegalStateException("id variable $id" + m.group(1) + " used before it was bound");
            m.appendReplacement(out, String.valueOf(id));
        }
        return m.appendTail(out).toString();
    }

    /** Request data: placeholders and bound ids substituted; a whole "{impN}" or "$idN" becomes a number. */
    JsonNode expandRequest(JsonNode node) {
        if (node.isTextual()) {
            String s = node.asText();
            Matcher imp = WHOLE_IMP.matcher(s);
            if (imp.matches()) return JsonNodeFactory.instance.numberNode(Long.parseLong(placeholders.get(imp.group(1))));
            if (WHOLE_ID_VAR.matcher(s).matches()) return JsonNodeFactory.instance.numberNode(Long.parseLong(substituteIds(s)));
            return JsonNodeFactory.instance.textNode(substituteIds(substitute(s)));
        }
        return map(node, this::expandRequest);
    }

    String expandRequestText(String text) {
        return substituteIds(substitute(text));
    }

    /** Expected data: placeholders substituted, $idN left for binding. */
    JsonNode expandExpected(JsonNode node) {
        if (node.isTextual()) {
            Matcher imp = WHOLE_IMP.matcher(node.asText());
            if (imp.matches()) return JsonNodeFactory.instance.numberNode(Long.parseLong(placeholders.get(imp.group(1))));
            return JsonNodeFactory.instance.textNode(substitute(node.asText()));
        }
        return map(node, this::expandExpected);
    }

    void bind(String var, JsonNode actual, String where, List<String> diffs) {
        if (!actual.isIntegralNumber()) {
            diffs.add(where + ": expected an id (" + var + "), got " + actual);
            return;
        }
        long id = actual.asLong();
        Long bound = varToId.get(var);
        if (bound != null) {
            if (bound != id) diffs.add(where + ": " + var + " was bound to " + bound + ", got " + id);
            return;
        }
        if (idToVar.containsKey(id)) {
            diffs.add(where + ": id " + id + " is already " + idToVar.get(id) + ", expected a new id (" + var + ")");
            return;
        }
        varToId.put(var, id);
        idToVar.put(id, var);
    }

    private static JsonNode map(JsonNode node, java.util.function.Function<JsonNode, JsonNode> f) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(f.apply(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), f.apply(e.getValue())));
            return out;
        }
        return node;
    }
}
