package io.avrogate.registry.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The corpus's comparison rules: status exact; JSON structure and values exact (key sets equal, arrays in order
 * unless marked unordered); error messages and verbose compatibility messages loosely (type, and emptiness).
 */
final class ResponseComparison {
    private ResponseComparison() {}

    static void compare(JsonNode expected, JsonNode actual, String where, ReplayContext ctx, List<String> diffs) {
        if (expected.isTextual() && ReplayContext.WHOLE_ID_VAR.matcher(expected.asText()).matches()) {
            ctx.bind(expected.asText(), actual, where, diffs);
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                diffs.add(where + ": expected object, got " + actual);
                return;
            }
            Set<String> missing = names(expected);
            missing.removeAll(names(actual));
            Set<String> extra = names(actual);
            extra.removeAll(names(expected));
            if (!missing.isEmpty()) diffs.add(where + ": missing keys " + missing);
            if (!extra.isEmpty()) diffs.add(where + ": unexpected keys " + extra);
            expected.fields().forEachRemaining(e -> {
                JsonNode a = actual.get(e.getKey());
                if (a == null) return;
                String sub = where + "." + e.getKey();
                if (e.getKey().equals("message") || e.getKey().equals("messages")) loose(e.getValue(), a, sub, diffs);
                else compare(e.getValue(), a, sub, ctx, diffs);
            });
            return;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                diffs.add(where + ": expected " + expected + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) compare(expected.get(i), actual.get(i), where + "[" + i + "]", ctx, diffs);
            return;
        }
        boolean bothNumbers = expected.isNumber() && actual.isNumber();
        if (bothNumbers ? expected.decimalValue().compareTo(actual.decimalValue()) != 0 : !expected.equals(actual)) {
            diffs.add(where + ": expected " + expected + ", got " + actual);
        }
    }

    /** Arrays whose order is unspecified: a multiset comparison, unbound id variables bound in ascending order. */
    static void compareUnordered(JsonNode expected, JsonNode actual, String where, ReplayContext ctx, List<String> diffs) {
        if (!actual.isArray() || actual.size() != expected.size()) {
            diffs.add(where + ": expected " + expected + " (any order), got " + actual);
            return;
        }
        List<JsonNode> remaining = new ArrayList<>();
        actual.forEach(remaining::add);
        List<String> unbound = new ArrayList<>();
        for (JsonNode e : expected) {
            JsonNode wanted = e;
            if (e.isTextual() && ReplayContext.WHOLE_ID_VAR.matcher(e.asText()).matches()) {
                Long bound = ctx.varToId.get(e.asText());
                if (bound == null) {
                    unbound.add(e.asText());
                    continue;
                }
                wanted = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(bound);
            }
            JsonNode match = null;
            for (JsonNode a : remaining) {
                if (a.equals(wanted) || (a.isNumber() && wanted.isNumber() && a.asLong() == wanted.asLong())) {
                    match = a;
                    break;
                }
            }
            if (match == null) {
                diffs.add(where + ": element " + e + " missing from " + actual);
                return;
            }
            remaining.remove(match);
        }
        remaining.sort(Comparator.comparingLong(JsonNode::asLong));
        unbound.sort(Comparator.comparingInt(v -> Integer.parseInt(v.substring(3))));
        for (int i = 0; i < unbound.size(); i++) ctx.bind(unbound.get(i), remaining.get(i), where, diffs);
    }

    private static void loose(JsonNode expected, JsonNode actual, String where, List<String> diffs) {
        if (expected.isTextual() && !actual.isTextual()) {
            diffs.add(where + ": expected a string, got " + actual);
        } else if (expected.isArray()) {
            boolean strings = actual.isArray();
            for (JsonNode a : actual) strings &= a.isTextual();
            if (!strings) diffs.add(where + ": expected a list of strings, got " + actual);
            else if (expected.isEmpty() != actual.isEmpty()) {
                diffs.add(where + ": expected " + (expected.isEmpty() ? "an empty" : "a non-empty") + " list, got " + actual);
            }
        } else if (expected.isNull() && !actual.isNull()) {
            diffs.add(where + ": expected null, got " + actual);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
