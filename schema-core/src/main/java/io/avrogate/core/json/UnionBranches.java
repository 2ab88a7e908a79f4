package io.avrogate.core.json;

import static io.avrogate.core.json.Messages.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Which branch of a union a bare JSON value belongs to (see {@link JsonToAvro} for the rules): null to the null
 * branch; otherwise three passes over the branches, in schema order within each pass, and the first branch that
 * converts without error wins. The passes put a value's own JSON kind first, so that a branch merely able to convert
 * it (a timestamp from a string, a double from an integer) never takes a value another branch holds as it is.
 */
final class UnionBranches {
    /** The passes of branch selection. */
    private enum Pass { OWN_KIND, WIDENED, CONVERTED }

    private UnionBranches() {}

    static Object convert(ValueWalk walk, JsonNode node, Schema union, String path, ConversionErrors errors) {
        List<Schema> branches = union.getTypes();
        if (node.isNull()) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL) return null;
            }
            errors.add(path, "expected " + describe(union) + ", got null");
            return null;
        }
        if (walk.options().unionTags()) {
            Schema tagged = taggedBranch(node, branches);
            if (tagged != null) {
                String tag = node.fieldNames().next();
                return walk.convert(node.get(tag), tagged, path + "/" + Messages.escape(tag), errors);
            }
        }
        Set<Schema> tried = new HashSet<>();
        List<Schema> failedBranches = new ArrayList<>();
        List<ConversionErrors> failures = new ArrayList<>();
        for (Pass pass : Pass.values()) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL || tried.contains(branch) || !admits(pass, branch, node)) continue;
                tried.add(branch);
                ConversionErrors trial = new ConversionErrors();
                Object value = walk.convert(node, branch, path, trial);
                if (trial.isEmpty()) return value;
                failedBranches.add(branch);
                failures.add(trial);
            }
        }
        if (failures.size() == 1) {
            // A nullable type: the one real branch's errors say precisely what is wrong.
            errors.addAll(failures.get(0));
            return null;
        }
        String here = path.isEmpty() ? "/" : path;
        StringBuilder reasons = new StringBuilder();
        for (int i = 0; i < failures.size(); i++) {
            ConversionError first = failures.get(i).list.get(0);
            reasons.append(i == 0 ? "" : "; ").append("as ").append(describe(failedBranches.get(i))).append(": ")
                    .append(first.path().equals(here) ? "" : first.path() + ": ").append(first.reason());
        }
        errors.add(path, "matches no branch of " + describe(union) + ", got " + describe(node)
                + " (" + reasons + ")");
        return null;
    }

    /**
     * The branch an Avro JSON encoding tag names ({@code {"string": "x"}}, {@code {"com.acme.Geo": {...}}}): an object
     * of one member whose name is a branch's full name, name or type name; null when the value is not tagged.
     */
    private static Schema taggedBranch(JsonNode node, List<Schema> branches) {
        if (!node.isObject() || node.size() != 1) return null;
        String tag = node.fieldNames().next();
        for (Schema branch : branches) {
            if (tag.equals(branch.getFullName()) || tag.equals(branch.getName()) || tag.equals(branch.getType().getName())) {
                return branch;
            }
        }
        return null;
    }

    /** Whether {@code pass} tries {@code branch} for {@code node}. */
    private static boolean admits(Pass pass, Schema branch, JsonNode node) {
        boolean plain = branch.getLogicalType() == null;
        return switch (pass) {
            case OWN_KIND -> plain && switch (branch.getType()) {
                case BOOLEAN -> node.isBoolean();
                case INT, LONG -> node.isNumber() && isIntegral(node);
                case FLOAT, DOUBLE -> node.isNumber() && !isIntegral(node);
                case STRING -> node.isTextual();
                case ENUM -> node.isTextual() && branch.hasEnumSymbol(node.textValue());
                case RECORD, MAP -> node.isObject();
                case ARRAY -> node.isArray();
                default -> false;
            };
            case WIDENED -> plain && (branch.getType() == Schema.Type.FLOAT || branch.getType() == Schema.Type.DOUBLE)
                    && node.isNumber();
            case CONVERTED -> true;
        };
    }

    private static boolean isIntegral(JsonNode node) {
        return node.isIntegralNumber() || node.decimalValue().stripTrailingZeros().scale() <= 0;
    }
}
