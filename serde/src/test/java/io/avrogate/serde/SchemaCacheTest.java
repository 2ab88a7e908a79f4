package io.avrogate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCacheTest {
    private static final String TEXT = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private static Schema parse() {
        return new Schema.Parser().parse(TEXT);
    }

    @Test
    void equalSchemasParsedSeparatelyShareOneEntry() {
        SchemaCache<String> cache = new SchemaCache<>();
        cache.put(parse(), "plan");
        for (int i = 0; i < 3 * SchemaCache.MAX_INSTANCES; i++) {
            assertThat(cache.get(parse())).isEqualTo("plan"); // a new instance per lookup, as careless callers do
        }
        assertThat(cache.get(new Schema.Parser().parse(TEXT.replace("\"a\"", "\"b\"")))).isNull();
    }

    @Test
    void replacingAValueReachesEveryRememberedInstanceOfThatContent() {
        SchemaCache<String> cache = new SchemaCache<>();
        Schema first = parse();
        Schema second = parse();
        cache.put(first, "old");
        assertThat(cache.get(second)).isEqualTo("old");
        cache.put(first, "new"); // e.g. a latest-version plan that expired
        assertThat(cache.get(second)).isEqualTo("new");
        assertThat(cache.get(first)).isEqualTo("new");
        cache.clear();
        assertThat(cache.get(first)).isNull();
    }
}
