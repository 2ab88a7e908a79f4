package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of register, lookup and compatibility requests.
 *
 * @param version the explicit version, or null; -1 asks for a new latest version even if the schema exists
 * @param id      an explicit id (IMPORT mode only), or null
 */
public record RegisterRequest(String schema, String schemaType, List<SchemaReference> references, JsonNode metadata,
                              Integer version, Integer id) {}
