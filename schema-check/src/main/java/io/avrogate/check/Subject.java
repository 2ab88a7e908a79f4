package io.avrogate.check;

import java.nio.file.Path;
import java.util.List;

/**
 * One folder under {@code schemas/subjects/}: a registry subject and its released versions, oldest first.
 *
 * @param name     the registry subject, which is the folder name
 * @param dir      the folder
 * @param config   its subject.yaml
 * @param versions v1, v2, ... in order; numbering is contiguous (the repository reports gaps)
 */
public record Subject(String name, Path dir, SubjectConfig config, List<VersionFile> versions) {

    /** One {@code vN.avsc} file. */
    public record VersionFile(int version, Path path, String text) {}

    public VersionFile latest() {
        return versions.get(versions.size() - 1);
    }

    public VersionFile version(int version) {
        return version >= 1 && version <= versions.size() ? versions.get(version - 1) : null;
    }
}
