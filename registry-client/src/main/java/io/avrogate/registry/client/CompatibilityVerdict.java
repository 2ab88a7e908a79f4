package io.avrogate.registry.client;

import java.util.List;

/** The answer of a compatibility endpoint: the verdict and, when asked with {@code verbose=true}, the reasons. */
public record CompatibilityVerdict(boolean compatible, List<String> messages) {
    public CompatibilityVerdict {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
