package io.avrogate.core;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Turns one of Avro's incompatibilities into Confluent's message wording (so a registry answer reads exactly like
 * Confluent's) and into an explanation a reviewer can act on (field path, types, version, a fix).
 */
final class IncompatibilityDescriber {
    private IncompatibilityDescriber() {}

    static Incompatibility describe(SchemaCompatibility.Incompatibility found, Schema readerRoot, Schema writerRoot,
                                    Direction direction, int oldVersion) {
        String type = found.getType().name();
        String fullLocation = found.getLocation();
        String location = avro111Location(readerRoot, writerRoot, fullLocation);
        String info = found.getMessage();
        String reader = direction == Direction.NEW_READS_OLD ? "new" : "old";
        String writer = direction == Direction.NEW_READS_OLD ? "old" : "new";
        String description = switch (found.getType()) {
            case TYPE_MISMATCH -> "The type (path '" + location + "') of a field in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + info + "' at path '" + location + "' in the "
                    + reader + " schema has no default value and is missing in the " + writer + " schema";
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + location + "' in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + info + "' at path '"
                    + location + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                    + location + "' in the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + location + "')";
            default -> "The " + reader + " schema cannot read the " + writer + " schema at path '" + location + "'";
        };
        String fieldPath = fieldPath(readerRoot, fullLocation);
        String readerType = typeText(found.getReaderFragment());
        String writerType = typeText(found.getWriterFragment());
        String explanation = explain(found, fieldPath, readerType, writerType, direction, oldVersion);
        return new Incompatibility(direction, oldVersion, type, location, fieldPath, readerType, writerType,
                description, info, explanation);
    }

    static Incompatibility unexpected(Direction direction, int oldVersion, RuntimeException e) {
        String description = "Unexpected exception during compatibility check: " + e.getMessage();
        String explanation = "Avro could not decide whether the " + (direction == Direction.NEW_READS_OLD
                ? "new schema can read version " + oldVersion
                : "version " + oldVersion + " can read the new schema")
                + " (" + e.getMessage() + "); the registry treats this as incompatible."
                + " Usually a field alias also names another field: make every alias unique.";
        return new Incompatibility(direction, oldVersion, Incompatibility.UNEXPECTED_EXCEPTION, "/", "", "", "",
                description, "", explanation);
    }

    private static String explain(SchemaCompatibility.Incompatibility found, String fieldPath, String readerType,
                                  String writerType, Direction direction, int oldVersion) {
        boolean backward = direction == Direction.NEW_READS_OLD;
        String who = backward
                ? "consumers using the new schema cannot read records written with version " + oldVersion
                : "consumers still on version " + oldVersion + " cannot read records written with the new schema";
        String where = fieldPath.isEmpty() ? "the top-level schema" : "field '" + fieldPath + "'";
        String newType = backward ? readerType : writerType;
        String oldType = backward ? writerType : readerType;
        return switch (found.getType()) {
            case TYPE_MISMATCH -> where + " changed type from " + oldType + " (version " + oldVersion + ") to "
                    + newType + ": " + who + ". Only int→long→float→double and string↔bytes are promotions;"
                    + " keep the old type, or add a new field with the new type and a default.";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> backward
                    ? "field '" + join(fieldPath) + "' was added without a default: " + who
                      + ", which have no value for it. Give the new field a default (e.g. null with a [\"null\", ...] union)."
                    : "field '" + join(fieldPath) + "' was removed but has no default in version " + oldVersion
                      + ": " + who + ", which need a value for it. Add the field back, or first give it a default"
                      + " in a compatible release.";
            case FIXED_SIZE_MISMATCH -> where + " is a fixed of size " + sizeOf(found.getWriterFragment())
                    + " on the writer side but " + sizeOf(found.getReaderFragment()) + " on the reader side: " + who
                    + ". A fixed size can never change; add a new field instead.";
            case MISSING_ENUM_SYMBOLS -> where + ": the reading schema lacks the symbols " + found.getMessage()
                    + " that the writing schema can produce, so " + who + " when they meet those symbols."
                    + " Keep the symbols, or give the reader's enum a \"default\" symbol.";
            case MISSING_UNION_BRANCH -> where + ": the reading union has no branch for " + found.getMessage()
                    .replace("reader union lacking writer type: ", "") + ", so " + who + " when a value of that type"
                    + " arrives. Keep the branch in the union.";
            case NAME_MISMATCH -> where + " is a named type whose name changed (" + oldType + " vs " + newType + "): "
                    + who + ". Keep the name, or add the old name to the new type's \"aliases\".";
            default -> where + ": " + found.getMessage() + " — " + who + ".";
        };
    }

    private static String join(String fieldPath) {
        return fieldPath.isEmpty() ? "(top level)" : fieldPath;
    }

    private static String sizeOf(Schema schema) {
        return schema != null && schema.getType() == Schema.Type.FIXED ? String.valueOf(schema.getFixedSize()) : "?";
    }

    /**
     * Maps Avro's location ({@code /fields/1/type/items/fields/0}) onto dotted field names in the reader schema.
     * Array elements and map values are shown as {@code []} and {@code {}}.
     */
    static String fieldPath(Schema root, String location) {
        if (location == null) return "";
        String[] tokens = location.split("/");
        StringBuilder path = new StringBuilder();
        Schema current = root;
        for (int i = 0; i < tokens.length && current != null; i++) {
            String token = tokens[i];
            switch (token) {
                case "" , "type" -> { }
                case "fields" -> {
                    if (i + 1 >= tokens.length || current.getType() != Schema.Type.RECORD) return path.toString();
                    int index = parseIndex(tokens[++i]);
                    List<Schema.Field> fields = current.getFields();
                    if (index < 0 || index >= fields.size()) return path.toString();
                    Schema.Field field = fields.get(index);
                    if (path.length() > 0) path.append('.');
                    path.append(field.name());
                    current = field.schema();
                }
                case "items" -> {
                    if (current.getType() != Schema.Type.ARRAY) return path.toString();
                    path.append("[]");
                    current = current.getElementType();
                }
                case "values" -> {
                    if (current.getType() != Schema.Type.MAP) return path.toString();
                    path.append("{}");
                    current = current.getValueType();
                }
                default -> {
                    int index = parseIndex(token);
                    if (index < 0 || current.getType() != Schema.Type.UNION
                            || index >= current.getTypes().size()) {
                        return path.toString();
                    }
                    current = current.getTypes().get(index);
                }
            }
        }
        return path.toString();
    }

    /**
     * The location as Avro 1.11 (and so Confluent 7.x) reports it. When a writer union meets a non-union reader,
     * 1.11 checked each writer branch with a fresh location, so the path restarts at "/" below that branch;
     * 1.12 keeps the full path. We walk reader and writer along the 1.12 path to find such restarts.
     */
    static String avro111Location(Schema readerRoot, Schema writerRoot, String location) {
        if (location == null || location.equals("/")) return location;
        String[] tokens = location.substring(1).split("/");
        Schema reader = readerRoot;
        Schema writer = writerRoot;
        int restartAfter = -1;
        for (int i = 0; i < tokens.length && reader != null && writer != null; i++) {
            String token = tokens[i];
            switch (token) {
                case "type" -> { }
                case "fields" -> {
                    if (i + 1 >= tokens.length || reader.getType() != Schema.Type.RECORD
                            || writer.getType() != Schema.Type.RECORD) {
                        i = tokens.length;
                        continue;
                    }
                    int index = parseIndex(tokens[++i]);
                    if (index < 0 || index >= reader.getFields().size()) {
                        i = tokens.length;
                        continue;
                    }
                    Schema.Field readerField = reader.getFields().get(index);
                    Schema.Field writerField = matchingWriterField(readerField, writer);
                    reader = readerField.schema();
                    writer = writerField == null ? null : writerField.schema();
                }
                case "items" -> {
                    if (reader.getType() != Schema.Type.ARRAY || writer.getType() != Schema.Type.ARRAY) {
                        i = tokens.length;
                        continue;
                    }
                    reader = reader.getElementType();
                    writer = writer.getElementType();
                }
                case "values" -> {
                    if (reader.getType() != Schema.Type.MAP || writer.getType() != Schema.Type.MAP) {
                        i = tokens.length;
                        continue;
                    }
                    reader = reader.getValueType();
                    writer = writer.getValueType();
                }
                default -> {
                    int index = parseIndex(token);
                    if (index < 0 || writer.getType() != Schema.Type.UNION || index >= writer.getTypes().size()) {
                        i = tokens.length;
                        continue;
                    }
                    if (reader.getType() != Schema.Type.UNION) {
                        restartAfter = i;
                    }
                    writer = writer.getTypes().get(index);
                }
            }
        }
        if (restartAfter < 0) return location;
        StringBuilder rest = new StringBuilder();
        for (int i = restartAfter + 1; i < tokens.length; i++) {
            rest.append('/').append(tokens[i]);
        }
        return rest.length() == 0 ? "/" : rest.toString();
    }

    private static Schema.Field matchingWriterField(Schema.Field readerField, Schema writer) {
        Schema.Field byName = writer.getField(readerField.name());
        if (byName != null) return byName;
        for (String alias : readerField.aliases()) {
            Schema.Field byAlias = writer.getField(alias);
            if (byAlias != null) return byAlias;
        }
        return null;
    }

    private static int parseIndex(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A short, readable type: {@code long (timestamp-millis)}, {@code array<string>}, {@code com.acme.Geo}. */
    static String typeText(Schema schema) {
        if (schema == null) return "?";
        LogicalType logical = schema.getLogicalType();
        String base = switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            case ARRAY -> "array<" + typeText(schema.getElementType()) + ">";
            case MAP -> "map<" + typeText(schema.getValueType()) + ">";
            case UNION -> schema.getTypes().stream().map(IncompatibilityDescriber::typeText)
                    .collect(Collectors.joining(", ", "[", "]"));
            default -> schema.getType().getName();
        };
        return logical == null ? base : base + " (" + logical.getName() + ")";
    }
}
