package io.avrogate.console;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;

/** A schema as a nested list of fields with their types, docs and defaults: the readable form of the JSON. */
final class SchemaTree {
    private static final int MAX_DEPTH = 32;

    private SchemaTree() {}

    static String render(Schema schema) {
        StringBuilder out = new StringBuilder("<div class=\"tree\">");
        out.append("<p><strong>").append(Html.text(schema.getFullName())).append("</strong> ")
                .append(Html.text(TypeText.of(schema).equals(schema.getName()) ? "record" : TypeText.of(schema)));
        if (schema.getDoc() != null) out.append(" — ").append(Html.text(schema.getDoc()));
        out.append("</p>");
        if (schema.getType() == Schema.Type.RECORD) fields(schema, out, new HashSet<>(), 0);
        return out.append("</div>").toString();
    }

    private static void fields(Schema record, StringBuilder out, Set<String> open, int depth) {
        if (depth > MAX_DEPTH || !open.add(record.getFullName())) {
            out.append("<p class=\"muted\">(").append(Html.text(record.getName())).append(" is shown above)</p>");
            return;
        }
        out.append("<ul>");
        for (Schema.Field f : record.getFields()) {
            out.append("<li><code>").append(Html.text(f.name())).append("</code>: <span class=\"type\">")
                    .append(Html.text(TypeText.of(f.schema()))).append("</span>");
            if (f.hasDefaultValue()) out.append(" <span class=\"default\">default ").append(Html.text(SchemaDiff.defaultOf(f))).append("</span>");
            if (f.doc() != null) out.append(" <span class=\"doc\">").append(Html.text(f.doc())).append("</span>");
            Schema nested = nestedRecord(f.schema());
            if (nested != null) fields(nested, out, open, depth + 1);
            out.append("</li>");
        }
        out.append("</ul>");
        open.remove(record.getFullName());
    }

    /** The record to unfold under a field: its type, or the record inside a union, array or map. */
    private static Schema nestedRecord(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> schema;
            case ARRAY -> nestedRecord(schema.getElementType());
            case MAP -> nestedRecord(schema.getValueType());
            case UNION -> schema.getTypes().stream().map(SchemaTree::nestedRecord)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            default -> null;
        };
    }
}
