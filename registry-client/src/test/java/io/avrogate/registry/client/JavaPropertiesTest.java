package io.avrogate.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaPropertiesTest {

    @Test
    void removesJavaOnlyPropertiesAtEveryDepthButLeavesDefaultsAlone() {
        String generated = "{\"type\":\"record\",\"name\":\"E\",\"fields\":["
                + "{\"name\":\"s\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}},"
                + "{\"name\":\"d\",\"type\":{\"type\":\"string\",\"java-class\":\"java.math.BigDecimal\"}},"
                + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"string\",\"java-key-class\":\"java.io.File\","
                + "\"avro.java.string\":\"String\"},\"default\":{\"java-x\":\"kept\"}}],\"owner\":\"team\"}";

        String stripped = JavaProperties.strip(generated);

        assertThat(stripped).isEqualTo("{\"type\":\"record\",\"name\":\"E\",\"fields\":["
                + "{\"name\":\"s\",\"type\":\"string\"},"
                + "{\"name\":\"d\",\"type\":\"string\"},"
                + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{\"java-x\":\"kept\"}}],"
                + "\"owner\":\"team\"}");
        assertThat(JavaProperties.present(generated)).isTrue();
        assertThat(JavaProperties.present(stripped)).isFalse();
    }

    @Test
    void aSchemaWithoutThemIsSentByteForByte() {
        String handWritten = "{ \"type\": \"record\", \"name\": \"E\", \"fields\": [] }";
        SchemaContent content = SchemaContent.avro(handWritten, List.of(new SchemaReference("r", "r", 1)));
        assertThat(JavaProperties.strip(content)).isSameAs(content);
        assertThat(JavaProperties.strip("not json, \"avro.java.string\"")).isEqualTo("not json, \"avro.java.string\"");
    }

    @Test
    void onByDefaultInTheClientConfiguration() {
        assertThat(new RegistryClientConfig(Map.of("schema.registry.url", "http://r"))
                .getBoolean(RegistryClientConfig.AVRO_REMOVE_JAVA_PROPERTIES)).isTrue();
    }
}
