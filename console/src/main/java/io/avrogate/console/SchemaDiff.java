package io.avrogate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * What changed between two versions of a schema: the pretty-printed JSON side by side (a line diff), and the changes
 * a reviewer thinks in, classified by field path: added, removed, type change, default change.
 */
final class SchemaDiff {
    enum Kind { ADDED, REMOVED, TYPE_CHANGE, DEFAULT_CHANGE }

    /** One classified change; {@code before}/{@code after} are short texts (a type, a default), empty when n/a. */
    record Change(Kind kind, String path, String before, String after) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DiffRowGenerator ROWS = DiffRowGenerator.create()
            .showInlineDiffs(false)
            .lineNormalizer(line -> line) // pages escape what they print
            .build();
    /** Deeper nesting than this is not walked (the tree and the JSON still show everything). */
    private static final int MAX_DEPTH = 64;

    private SchemaDiff() {}

    /** The two schemas' JSON, pretty-printed, aligned line by line with each row's tag (EQUAL, INSERT, ...). */
    static List<DiffRow> sideBySide(String oldText, String newText) {
        return ROWS.generateDiffRows(pretty(oldText).lines().toList(), pretty(newText).lines().toList());
    }

    static String pretty(String schemaText) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(schemaText));
        } catch (JsonProcessingException e) {
            return schemaText;
        }
    }

    /** The field-level changes from {@code before} to {@code after}, in field order. */
    static List<Change> changes(Schema before, Schema after) {
        List<Change> out = new ArrayList<>();
        compare("", before, after, out, 0);
        return out;
    }

    private static void compare(String path, Schema before, Schema after, List<Change> out, int depth) {
        if (depth > MAX_DEPTH) return;
        Schema oldRecord = recordIn(before);
        Schema newRecord = recordIn(after);
        if (oldRecord != null && newRecord != null) {
            if (shape(before).equals(shape(after)) || (before.getType() == after.getType())) {
                fields(path, oldRecord, newRecord, out, depth);
                return;
            }
            out.add(new Change(Kind.TYPE_CHANGE, label(path), TypeText.of(before), TypeText.of(after)));
            fields(path, oldRecord, newRecord, out, depth);
            return;
        }
        if (!TypeText.of(before).equals(TypeText.of(after)) || !before.equals(after)) {
            out.add(new Change(Kind.TYPE_CHANGE, label(path), TypeText.of(before), TypeText.of(after)));
        }
    }

    private static void fields(String path, Schema oldRecord, Schema newRecord, List<Change> out, int depth) {
        Map<String, Field> newByName = new HashMap<>();
        for (Field f : newRecord.getFields()) newByName.put(f.name(), f);
        for (Field old : oldRecord.getFields()) {
            Field renamed = renamedTo(old, newRecord);
            Field now = newByName.containsKey(old.name()) ? newByName.get(old.name()) : renamed;
            String at = join(path, old.name());
            if (now == null) {
                out.add(new Change(Kind.REMOVED, at, TypeText.of(old.schema()), ""));
                continue;
            }
            compare(at, old.schema(), now.schema(), out, depth + 1);
            if (!Objects.equals(defaultOf(old), defaultOf(now))) {
                out.add(new Change(Kind.DEFAULT_CHANGE, at, defaultOf(old), defaultOf(now)));
            }
        }
        for (Field added : newRecord.getFields()) {
            if (oldRecord.getField(added.name()) == null && !renames(added, oldRecord)) {
                out.add(new Change(Kind.ADDED, join(path, added.name()), TypeText.of(added.schema()),
                        added.hasDefaultValue() ? "default " + defaultOf(added) : "no default"));
            }
        }
    }

    /** The record a field's type holds: the record itself, or the record branch of a ["null", record] union. */
    private static Schema recordIn(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) return schema;
        if (schema.getType() == Schema.Type.UNION) {
            Schema found = null;
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() == Schema.Type.RECORD) {
                    if (found != null) return null; // two records: no single one to compare
                    found = branch;
                }
            }
            return found;
        }
        return null;
    }

    /** A union's shape without the record's contents, so ["null", A] and ["null", A'] compare equal. */
    private static String shape(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? TypeText.of(schema) : schema.getType().getName();
    }

    private static Field renamedTo(Field old, Schema newRecord) {
        for (Field f : newRecord.getFields()) {
            if (f.aliases().contains(old.name()) && newRecord.getField(old.name()) == null) return f;
        }
        return null;
    }

    private static boolean renames(Field added, Schema oldRecord) {
        for (String alias : added.aliases()) if (oldRecord.getField(alias) != null) return true;
        return false;
    }

    static String defaultOf(Field f) {
        if (!f.hasDefaultValue()) return "";
        try {
            return JSON.writeValueAsString(f.defaultVal() == org.apache.avro.JsonProperties.NULL_VALUE ? null
                    : org.apache.avro.util.internal.JacksonUtils.toJsonNode(f.defaultVal()));
        } catch (JsonProcessingException | RuntimeException e) {
            return String.valueOf(f.defaultVal());
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String label(String path) {
        return path.isEmpty() ? "(the top-level schema)" : path;
    }
}
