package io.avrogate.serde;

import io.avrogate.registry.client.CompatibilityVerdict;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A decorator that counts every call made through it and passes it on to the real client. */
final class CountingRegistryClient implements SchemaRegistryClient {
    private final SchemaRegistryClient delegate;
    private final AtomicInteger calls = new AtomicInteger();

    CountingRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    int calls() {
        return calls.get();
    }

    private void count() {
        calls.incrementAndGet();
    }

    @Override public SchemaContent schemaById(int id) { count(); return delegate.schemaById(id); }
    @Override public List<SubjectVersionRef> versionsOfId(int id) { count(); return delegate.versionsOfId(id); }
    @Override public List<String> schemaTypes() { count(); return delegate.schemaTypes(); }
    @Override public int register(String subject, SchemaContent schema, boolean normalize) { count(); return delegate.register(subject, schema, normalize); }
    @Override public SubjectVersion lookup(String subject, SchemaContent schema, boolean normalize) { count(); return delegate.lookup(subject, schema, normalize); }
    @Override public List<String> subjects() { count(); return delegate.subjects(); }
    @Override public List<Integer> versions(String subject) { count(); return delegate.versions(subject); }
    @Override public SubjectVersion version(String subject, String version) { count(); return delegate.version(subject, version); }
    @Override public SubjectVersion latest(String subject) { count(); return delegate.latest(subject); }
    @Override public List<Integer> referencedBy(String subject, int version) { count(); return delegate.referencedBy(subject, version); }
    @Override public List<Integer> deleteSubject(String subject, boolean permanent) { count(); return delegate.deleteSubject(subject, permanent); }
    @Override public int deleteVersion(String subject, String version, boolean permanent) { count(); return delegate.deleteVersion(subject, version, permanent); }
    @Override public CompatibilityVerdict checkCompatibility(String subject, SchemaContent schema, boolean verbose) { count(); return delegate.checkCompatibility(subject, schema, verbose); }
    @Override public CompatibilityVerdict checkCompatibility(String subject, String version, SchemaContent schema, boolean verbose) { count(); return delegate.checkCompatibility(subject, version, schema, verbose); }
    @Override public String compatibilityLevel(String subject) { count(); return delegate.compatibilityLevel(subject); }
    @Override public String subjectCompatibilityLevel(String subject) { count(); return delegate.subjectCompatibilityLevel(subject); }
    @Override public void setCompatibilityLevel(String subject, String level) { count(); delegate.setCompatibilityLevel(subject, level); }
    @Override public void deleteCompatibilityLevel(String subject) { count(); delegate.deleteCompatibilityLevel(subject); }
    @Override public String mode(String subject) { count(); return delegate.mode(subject); }
    @Override public void setMode(String subject, String mode, boolean force) { count(); delegate.setMode(subject, mode, force); }
    @Override public void close() { delegate.close(); }
}
