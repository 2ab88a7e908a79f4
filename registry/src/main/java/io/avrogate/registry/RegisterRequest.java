package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of register, lookup and compatibility requests.
 *
 * @param version the explicit version, or null; -1 asks for a new latest version even if the schema exists
 * @param id      an explicit id (IMPORT mode only), or null
 * @param metadata metadata in {@link DataContracts} canonical form, or null when not sent
 * @param ruleSet  the rule set as checked by {@link DataContracts#ruleSet}, or null when not sent
 */
public record RegisterRequest(String schema, String schemaType, List<SchemaReference> references, JsonNode metadata,
                              JsonNode ruleSet, Integer version, Integer id) {}
