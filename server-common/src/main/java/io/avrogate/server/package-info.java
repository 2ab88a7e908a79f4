/**
 * What every avrogate HTTP listener needs, once: listeners and TLS, limits, error bodies, metrics, health and the
 * access log. Authentication and authorization live in {@code io.avrogate.server.auth}.
 */
package io.avrogate.server;
