package io.avrogate.check;

import io.avrogate.core.SchemaIdentity;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Classes are generated from the latest version of every subject into one code base, so two subjects' latest
 * versions must not define one full name with two shapes. A breaking lineage takes a new namespace.
 */
final class NameClashCheck {
    private NameClashCheck() {}

    static void check(Collection<SchemaCheck.Parsed> parsed, Map<String, List<Finding>> findings) {
        Map<String, String> definedBy = new HashMap<>();
        Map<String, String> shapes = new HashMap<>();
        for (SchemaCheck.Parsed p : parsed) {
            Map<String, Schema> named = new LinkedHashMap<>();
            NamedTypes.collect(p.latest(), named);
            for (Map.Entry<String, Schema> e : named.entrySet()) {
                if (p.referencedNames().contains(e.getKey())) continue;
                String shape = SchemaIdentity.normalizedForm(e.getValue());
                String other = definedBy.putIfAbsent(e.getKey(), p.subject().name());
                if (other == null) {
                    shapes.put(e.getKey(), shape);
                } else if (!shapes.get(e.getKey()).equals(shape)) {
                    String file = "subjects/" + p.subject().name() + "/v" + p.subject().latest().version() + ".avsc";
                    findings.get(p.subject().name()).add(Finding.error("names", p.subject().name(), file,
                            "defines " + e.getKey() + " differently from subject " + other
                                    + "; generated classes would clash",
                            "give the new lineage its own namespace (e.g. ...v2), or share the type through a reference"));
                }
            }
        }
    }
}
