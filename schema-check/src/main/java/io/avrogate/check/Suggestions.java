package io.avrogate.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?": the known word closest to a mistyped one, when it is close enough to be a likely typo. */
final class Suggestions {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {}

    /** The candidate within a few edits of {@code word} (at most a third of its length), the closest first. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        return candidates.stream()
                .filter(c -> !c.equals(word))
                .filter(c -> DISTANCE.apply(word, c) <= limit)
                .min(Comparator.comparingInt((String c) -> DISTANCE.apply(word, c)).thenComparing(Comparator.naturalOrder()));
    }

    /** {@code " (did you mean X?)"} or nothing. */
    static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }
}
