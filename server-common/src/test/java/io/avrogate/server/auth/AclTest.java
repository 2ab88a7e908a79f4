package io.avrogate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decisions of the ACL itself, without HTTP (the HTTP matrix is in BasicAuthorizationTest). */
class AclTest {
    private static final Acl ACL = Acl.parse(Path.of("acl.yaml"), """
            grants:
              - principals: ["svc-*"]
                topics: [orders, "clicks.*"]
                operations: [WRITE]
              - roles: [ops]
                services: [bridge]
                operations: [ADMIN]
              - roles: [ops]
                services: [metrics]
                operations: [READ]
              - roles: [auditors]
                global: true
                operations: [READ]
            """.getBytes(StandardCharsets.UTF_8));

    private static boolean allows(Principal p, Permission permission) {
        return ACL.allows(p, permission, id -> List.of());
    }

    @Test
    void globsOperationsAndResourceKinds() {
        Principal ingest = Principal.of("svc-ingest", List.of());
        assertThat(allows(ingest, Permission.topic(Operation.WRITE, "orders"))).isTrue();
        assertThat(allows(ingest, Permission.topic(Operation.READ, "clicks.v2"))).as("WRITE includes READ").isTrue();
        assertThat(allows(ingest, Permission.topic(Operation.ADMIN, "orders"))).isFalse();
        assertThat(allows(ingest, Permission.topic(Operation.WRITE, "orders-dlq"))).as("literal means literal").isFalse();
        assertThat(allows(ingest, Permission.subject(Operation.READ, "orders"))).as("a topic grant is not a subject grant").isFalse();
        assertThat(allows(Principal.of("not-svc-x", List.of()), Permission.topic(Operation.WRITE, "orders"))).isFalse();

        Principal ops = Principal.of("carol", List.of("ops"));
        assertThat(allows(ops, Permission.service(Operation.ADMIN, "bridge"))).isTrue();
        assertThat(allows(ops, Permission.service(Operation.ADMIN, "metrics"))).isFalse();
        assertThat(allows(ops, Permission.service(Operation.READ, "consumer"))).isFalse();
        assertThat(allows(Principal.of("dave", List.of("auditors")), Permission.global(Operation.READ))).isTrue();
        assertThat(allows(Principal.of("dave", List.of("auditors")), Permission.global(Operation.ADMIN))).isFalse();
    }

    @Test
    void aSchemaIdIsReadableThroughAnyReadableSubjectThatHoldsIt() {
        Acl acl = Acl.parse(Path.of("acl.yaml"), "grants:\n  - roles: [r]\n    subjects: [\"orders-*\"]\n    operations: [READ]\n"
                .getBytes(StandardCharsets.UTF_8));
        Map<Integer, List<String>> holders = Map.of(7, List.of("payments-value", "orders-value"), 8, List.of("payments-value"));
        Principal reader = Principal.of("r1", List.of("r"));
        assertThat(acl.allows(reader, Permission.schemaId(7), id -> holders.getOrDefault(id, List.of()))).isTrue();
        assertThat(acl.allows(reader, Permission.schemaId(8), id -> holders.getOrDefault(id, List.of()))).isFalse();
        assertThat(acl.allows(reader, Permission.schemaId(9), id -> null)).isFalse();
        assertThat(ACL.allows(Principal.of("dave", List.of("auditors")), Permission.schemaId(9), id -> List.of()))
                .as("an id no subject holds needs global READ").isTrue();
    }
}
