package io.avrogate.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/** Naming and documentation rules over one schema; each finding names the type or field it concerns. */
final class Linter {
    private static final Pattern PASCAL = Pattern.compile("^[A-Z][A-Za-z0-9]*$");
    private static final Pattern UPPER_SNAKE = Pattern.compile("^[A-Z][A-Z0-9_]*$");

    private final LintRules rules;

    Linter(LintRules rules) {
        this.rules = rules;
    }

    List<Finding> lint(Schema schema, Set<String> referencedNames, String subject, String file) {
        List<Finding> out = new ArrayList<>();
        walk(schema, referencedNames, subject, file, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void walk(Schema schema, Set<String> referenced, String subject, String file, List<Finding> out, Set<Schema> seen) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                // Types from references are linted where they are defined, not in every subject that uses them.
                if (!seen.add(schema) || referenced.contains(schema.getFullName())) return;
                String kind = schema.getType().getName();
                if (schema.getNamespace() == null || schema.getNamespace().isEmpty()) {
                    add(out, LintRules.NAMESPACE, subject, file, kind + " " + schema.getName() + " has no namespace",
                            "give it a namespace such as io.example.team.domain");
                }
                if (!PASCAL.matcher(schema.getName()).matches()) {
                    add(out, LintRules.TYPE_NAME, subject, file, kind + " name '" + schema.getName() + "' is not PascalCase",
                            "rename it, e.g. " + pascal(schema.getName()));
                }
                if (schema.getType() == Schema.Type.RECORD) {
                    if (isBlank(schema.getDoc())) {
                        add(out, LintRules.RECORD_DOC, subject, file, "record " + schema.getFullName() + " has no doc",
                                "say what one record represents");
                    }
                    for (Schema.Field field : schema.getFields()) {
                        String where = schema.getName() + "." + field.name();
                        if (isBlank(field.doc())) {
                            add(out, LintRules.FIELD_DOC, subject, file, "field " + where + " has no doc",
                                    "document its meaning and unit");
                        }
                        if (!rules.fieldNamePattern().matcher(field.name()).matches()) {
                            add(out, LintRules.FIELD_NAME, subject, file, "field name '" + where + "' does not match "
                                    + rules.fieldNamePattern().pattern(), "rename it in a new version");
                        }
                        walk(field.schema(), referenced, subject, file, out, seen);
                    }
                }
                if (schema.getType() == Schema.Type.ENUM) {
                    for (String symbol : schema.getEnumSymbols()) {
                        if (!UPPER_SNAKE.matcher(symbol).matches()) {
                            add(out, LintRules.ENUM_SYMBOL, subject, file, "enum " + schema.getName() + " symbol '"
                                    + symbol + "' is not UPPER_SNAKE_CASE", "");
                        }
                    }
                }
            }
            case ARRAY -> walk(schema.getElementType(), referenced, subject, file, out, seen);
            case MAP -> walk(schema.getValueType(), referenced, subject, file, out, seen);
            case UNION -> schema.getTypes().forEach(t -> walk(t, referenced, subject, file, out, seen));
            default -> { }
        }
    }

    private void add(List<Finding> out, String rule, String subject, String file, String message, String hint) {
        switch (rules.level(rule)) {
            case ERROR -> out.add(Finding.error("lint", subject, file, message + " [" + rule + "]", hint));
            case WARNING -> out.add(Finding.warning("lint", subject, file, message + " [" + rule + "]", hint));
            case OFF -> { }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String pascal(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("[_\\-]")) {
            if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
