package io.avrogate.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaIdentityTest {
    private static Schema parse(String text) {
        return AvroSchemas.parseCandidate(text);
    }

    @Test
    void javaStringPropertyDoesNotChangeIdentity() {
        Schema plain = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
        Schema generated = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\","
                + "\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}}]}");
        assertThat(AvroSchemas.compactForm(plain)).isNotEqualTo(AvroSchemas.compactForm(generated));
        assertThat(SchemaIdentity.equivalent(plain, generated)).isTrue();
        assertThat(SchemaIdentity.fingerprint(plain)).isEqualTo(SchemaIdentity.fingerprint(generated)).hasSize(64);
    }

    @Test
    void propertyOrderDoesNotChangeIdentityButFieldOrderAndDocDo() {
        Schema a = parse("{\"type\":\"record\",\"name\":\"R\",\"x-owner\":\"t\",\"x-tier\":1,"
                + "\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\"}]}");
        Schema b = parse("{\"x-tier\":1,\"fields\":[{\"type\":\"int\",\"name\":\"a\"},{\"name\":\"b\",\"type\":\"int\"}],"
                + "\"x-owner\":\"t\",\"name\":\"R\",\"type\":\"record\"}");
        Schema reordered = parse("{\"type\":\"record\",\"name\":\"R\",\"x-owner\":\"t\",\"x-tier\":1,"
                + "\"fields\":[{\"name\":\"b\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema documented = parse("{\"type\":\"record\",\"name\":\"R\",\"doc\":\"d\",\"x-owner\":\"t\",\"x-tier\":1,"
                + "\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\"}]}");
        assertThat(SchemaIdentity.equivalent(a, b)).isTrue();
        assertThat(SchemaIdentity.equivalent(a, reordered)).isFalse();
        assertThat(SchemaIdentity.equivalent(a, documented)).isFalse();
    }
}
