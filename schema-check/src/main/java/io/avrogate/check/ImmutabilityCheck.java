package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Released versions are immutable: every {@code subjects/<s>/vN.avsc} that exists at the base ref must still
 * exist and mean the same. Whitespace and key order may change (the registry stores the same schema); anything
 * else is an edit.
 */
final class ImmutabilityCheck {
    private static final Pattern RELEASED = Pattern.compile("subjects/([^/]+)/v([1-9][0-9]*)\\.avsc");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path schemasDir;
    private final String ref;

    ImmutabilityCheck(Path schemasDir, String ref) {
        this.schemasDir = schemasDir;
        this.ref = ref;
    }

    void check(SchemaRepository repo, Map<String, List<Finding>> findings, List<Finding> general) {
        GitHistory git = new GitHistory(schemasDir);
        git.requireCommit(ref);
        for (Map.Entry<String, String> base : git.filesAt(ref, schemasDir).entrySet()) {
            Matcher m = RELEASED.matcher(base.getKey());
            if (!m.matches()) continue;
            String subject = m.group(1);
            List<Finding> out = findings.containsKey(subject) ? findings.get(subject) : general;
            Path current = schemasDir.resolve(base.getKey());
            if (!Files.isRegularFile(current)) {
                out.add(Finding.error("immutability", subject, base.getKey(), base.getKey() + " was released (it exists at "
                        + ref + ") and has been deleted", "restore it: released versions are never removed"));
            } else if (!sameSchema(base.getValue(), SchemaRepository.read(current))) {
                out.add(Finding.error("immutability", subject, base.getKey(), base.getKey() + " was released (it exists at "
                        + ref + ") and has been edited", "restore it from " + ref + " and put the change into v"
                        + (Integer.parseInt(m.group(2)) + 1) + ".avsc or later"));
            }
        }
    }

    private static boolean sameSchema(String before, String after) {
        try {
            JsonNode a = JSON.readTree(before);
            JsonNode b = JSON.readTree(after);
            return a != null && a.equals(b);
        } catch (Exception e) {
            return before.equals(after);
        }
    }
}
