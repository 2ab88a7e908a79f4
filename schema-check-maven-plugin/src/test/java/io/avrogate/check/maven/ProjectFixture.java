package io.avrogate.check.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** An application project on disk (basedir with a schemas/ folder) and mojos configured for it as Maven would. */
final class ProjectFixture {
    final Path basedir;
    final Path schemas;

    ProjectFixture(Path basedir) {
        this.basedir = basedir;
        this.schemas = basedir.resolve("schemas");
    }

    ProjectFixture subject(String name, String yaml, String... versions) throws IOException {
        Path dir = Files.createDirectories(schemas.resolve("subjects").resolve(name));
        Files.writeString(dir.resolve("subject.yaml"), yaml);
        for (int i = 0; i < versions.length; i++) version(name, i + 1, versions[i]);
        return this;
    }

    ProjectFixture version(String subject, int version, String text) throws IOException {
        Files.writeString(schemas.resolve("subjects").resolve(subject).resolve("v" + version + ".avsc"), text);
        return this;
    }

    /** The mojo with the fields Maven would inject from the defaults, and a log that records what it says. */
    <T extends AbstractSchemasMojo> T configure(T mojo) {
        mojo.basedir = basedir.toFile();
        mojo.schemasDirectory = schemas.toFile();
        mojo.setLog(new RecordingLog());
        return mojo;
    }

    static RecordingLog log(AbstractSchemasMojo mojo) {
        return (RecordingLog) mojo.getLog();
    }

    static String order(String namespace, String extraFields) {
        return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"" + namespace + "\",\"doc\":\"An order.\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Order id.\"}" + extraFields + "]}";
    }

    /** Keeps every line the mojo logs, with its level, and still prints it. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
            super.info(content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
            super.warn(content);
        }

        @Override
        public void error(CharSequence content) {
            lines.add("ERROR " + content);
            super.error(content);
        }

        String all() {
            return String.join("\n", lines);
        }
    }
}
