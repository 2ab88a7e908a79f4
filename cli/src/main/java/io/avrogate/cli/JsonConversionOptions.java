package io.avrogate.cli;

import io.avrogate.core.json.BytesEncoding;
import io.avrogate.core.json.JsonToAvro;
import picocli.CommandLine.Option;

/** How plain JSON events become Avro, for the commands that take JSON (ingest, produce). */
final class JsonConversionOptions {
    @Option(names = "--ignore-unknown-fields", description = "Drop JSON fields the schema does not have instead of rejecting the event.")
    boolean ignoreUnknownFields;

    @Option(names = "--bytes-encoding", defaultValue = "BASE64",
            description = "How JSON strings carry bytes and fixed values: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BytesEncoding bytesEncoding;

    JsonToAvro.Options toOptions() {
        return new JsonToAvro.Options(bytesEncoding, ignoreUnknownFields);
    }
}
