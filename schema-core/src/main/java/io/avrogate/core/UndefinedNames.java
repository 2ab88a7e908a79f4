package io.avrogate.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the type names a schema text uses but nothing defines. Avro 1.12 reports such a name only as an internal
 * placeholder ({@code UnresolvedSchema_N}); a user who forgot a schema reference needs the real name.
 */
final class UndefinedNames {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PRIMITIVES =
            Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");

    private UndefinedNames() {}

    static Set<String> find(String text, List<String> references) {
        Set<String> defined = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        try {
            for (String reference : references) {
                collect(JSON.readTree(reference), null, defined, new LinkedHashSet<>());
            }
            collect(JSON.readTree(text), null, defined, used);
        } catch (Exception e) {
            return Set.of();
        }
        used.removeIf(name -> defined.contains(name) || defined.contains(shortName(name)));
        return used;
    }

    private static void collect(JsonNode node, String namespace, Set<String> defined, Set<String> used) {
        if (node.isTextual()) {
            String name = node.asText();
            if (!PRIMITIVES.contains(name)) used.add(name);
        } else if (node.isArray()) {
            node.forEach(branch -> collect(branch, namespace, defined, used));
        } else if (node.isObject()) {
            JsonNode type = node.get("type");
            String ns = node.hasNonNull("namespace") ? node.get("namespace").asText() : namespace;
            if (node.hasNonNull("name") && type != null && type.isTextual()
                    && Set.of("record", "error", "enum", "fixed").contains(type.asText())) {
                String name = node.get("name").asText();
                String full = name.contains(".") || ns == null || ns.isEmpty() ? name : ns + "." + name;
                defined.add(full);
                defined.add(shortName(full));
                if (name.contains(".")) ns = full.substring(0, full.lastIndexOf('.'));
            }
            if (type != null && !type.isTextual()) collect(type, ns, defined, used);
            if (type != null && type.isTextual() && !Set.of("record", "error", "enum", "fixed", "array", "map")
                    .contains(type.asText())) {
                collect(type, ns, defined, used);
            }
            if (node.has("items")) collect(node.get("items"), ns, defined, used);
            if (node.has("values")) collect(node.get("values"), ns, defined, used);
            if (node.has("fields") && node.get("fields").isArray()) {
                for (JsonNode field : node.get("fields")) {
                    if (field.has("type")) collect(field.get("type"), ns, defined, used);
                }
            }
        }
    }

    private static String shortName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
