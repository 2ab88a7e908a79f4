package io.avrogate.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file parsed into a value and parsed again when its modification time or size changes. The first load must
 * succeed (a server must not start with a broken ACL); a later invalid version is logged as an ERROR and the last
 * good value stays in force, so that a typo in production does not lock everyone out or open everything up.
 * Polled by {@link #refresh()} (the caller's timer) rather than a WatchService, which misses changes on some
 * mounted volumes (Kubernetes config maps swap a symlink).
 */
final class WatchedFile<T> {
    private static final Logger log = LoggerFactory.getLogger(WatchedFile.class);

    /** Parses the file's bytes; throws IllegalArgumentException with a message naming the problem. */
    interface Parser<T> {
        T parse(Path file, byte[] content);
    }

    private final Path file;
    private final Parser<T> parser;
    private volatile T value;
    private FileTime lastModified;
    private long lastSize;

    WatchedFile(Path file, Parser<T> parser) {
        this.file = file;
        this.parser = parser;
        try {
            lastModified = Files.getLastModifiedTime(file);
            lastSize = Files.size(file);
            value = parser.parse(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    T get() {
        return value;
    }

    /** Re-reads the file if it changed; returns whether a new value is now in force. */
    synchronized boolean refresh() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (Objects.equals(modified, lastModified) && size == lastSize) return false;
            lastModified = modified;
            lastSize = size;
            value = parser.parse(file, Files.readAllBytes(file));
            log.info("reloaded {}", file);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("{} is invalid, keeping the last good version: {}", file, e.getMessage());
            return false;
        }
    }
}
