package io.avrogate.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serde's schema-specialized codecs ({@link CompiledReaders}, {@link CompiledWriters}), switched by
 * {@code avrogate.codegen.enabled} (default true). They are built once per read or write plan, so the hot path stays
 * one cache lookup. A schema the compiler does not handle, or that fails to compile, falls back to Avro's own readers
 * and writers: counted in {@link #fallbacks()} and logged once per schema.
 */
public final class GeneratedCodecs {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedCodecs.class);
    private static final AtomicLong FALLBACKS = new AtomicLong();
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private GeneratedCodecs() {}

    /** How many read or write plans used Avro's own codec because the compiler could not handle the schema. */
    public static long fallbacks() {
        return FALLBACKS.get();
    }

    static DatumReader<Object> reader(boolean enabled, Schema writer, Schema reader, GenericData data,
            Supplier<DatumReader<Object>> avro) {
        if (!enabled) return avro.get();
        try {
            return CompiledReaders.compile(writer, reader, data);
        } catch (RuntimeException | StackOverflowError e) {
            fallBack("reading " + writer.getFullName() + " as " + reader.getFullName(), e);
            return avro.get();
        }
    }

    static DatumWriter<Object> writer(boolean enabled, Schema schema, GenericData data, Supplier<DatumWriter<Object>> avro) {
        if (!enabled) return avro.get();
        try {
            return CompiledWriters.compile(schema, data);
        } catch (RuntimeException | StackOverflowError e) {
            fallBack("writing " + schema.getFullName(), e);
            return avro.get();
        }
    }

    private static void fallBack(String what, Throwable e) {
        FALLBACKS.incrementAndGet();
        if (LOGGED.size() < 1_000 && LOGGED.add(what)) {
            LOG.info("Generated Avro codec not used for {} ({}): using Avro's own codec", what,
                    e instanceof CompiledReaders.Unsupported ? e.getMessage() : e.toString());
        }
    }
}
