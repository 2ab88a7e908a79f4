package io.avrogate.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format text|json}: plain text lines by default, one JSON object per line for log shippers. The
 * bundled logback.xml picks its appender from {@code AVROGATE_LOG_FORMAT} (a system property, else the environment
 * variable); the option sets that property and, when logging has already started, reloads the configuration.
 */
final class LogFormat {
    static final String PROPERTY = "AVROGATE_LOG_FORMAT";

    private LogFormat() {}

    /** Applies {@code --log-format} wherever it appears in {@code args}, before anything logs; bad values are left to picocli. */
    static void applyFrom(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--log-format") && i + 1 < args.length) value = args[i + 1];
            else if (args[i].startsWith("--log-format=")) value = args[i].substring("--log-format=".length());
            if (value != null && valid(value)) System.setProperty(PROPERTY, value.toLowerCase(Locale.ROOT));
        }
    }

    static boolean valid(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return f.equals("text") || f.equals("json");
    }

    /** Switches the format now, reloading logback's configuration if it is already running. */
    static void apply(String format) {
        if (!valid(format)) throw new IllegalArgumentException("--log-format must be text or json, not '" + format + "'");
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals(System.getProperty(PROPERTY))) return;
        System.setProperty(PROPERTY, f);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.reset();
            try {
                // The bundled configuration is the one that knows the formats, unless the user named their own.
                URL bundled = LogFormat.class.getResource("/logback.xml");
                if (System.getProperty("logback.configurationFile") == null && bundled != null) {
                    JoranConfigurator configurator = new JoranConfigurator();
                    configurator.setContext(context);
                    configurator.doConfigure(bundled);
                } else {
                    new ContextInitializer(context).autoConfig();
                }
            } catch (JoranException e) {
                throw new IllegalStateException("cannot reload the logging configuration: " + e.getMessage(), e);
            }
        }
    }
}
