package io.avrogate.architecture;

import java.util.Map;

/**
 * Where each reactor module stands in the layering. The table mirrors DESIGN.md (the module table and its "Layering
 * rule", and "Libraries ... never depend on server-common"); DESIGN.md is the source, so change it first and this
 * table with it. A module the reactor builds but this table does not place fails {@link LayeringTest}.
 */
enum Layer {
    /** Used by applications: keeps a small runtime classpath, so no service, no test support, no server-common. */
    LIBRARY,
    /** A server of its own (registry, bridge): depends on libraries and server-common, never on another service. */
    SERVICE,
    /** Brokers and registries for tests and the local demo; others may use it in test scope only. */
    TEST_SUPPORT,
    /** The ends of the graph (the avrogate command, the BOM, benchmarks, these checks): nothing depends on them. */
    END;

    /** The one library that only services may use. */
    static final String SERVER_COMMON = "server-common";

    /** Module folder → layer. */
    static final Map<String, Layer> OF_MODULE = Map.ofEntries(
            Map.entry("schema-core", LIBRARY),
            Map.entry("schemas", LIBRARY),
            Map.entry("registry-client", LIBRARY),
            Map.entry(SERVER_COMMON, LIBRARY),
            Map.entry("schema-check", LIBRARY),
            Map.entry("schema-check-maven-plugin", LIBRARY),
            Map.entry("serde", LIBRARY),
            Map.entry("producer", LIBRARY),
            Map.entry("consumer", LIBRARY),
            Map.entry("connect", LIBRARY),
            Map.entry("registry", SERVICE),
            Map.entry("migration-bridge", SERVICE),
            Map.entry("ingest", SERVICE),
            Map.entry("console", SERVICE),
            Map.entry("testkit", TEST_SUPPORT),
            Map.entry("testkit-registry", TEST_SUPPORT),
            Map.entry("cli", END),
            Map.entry("avrogate-bom", END),
            Map.entry("bench", END),
            Map.entry("architecture-tests", END));
}
