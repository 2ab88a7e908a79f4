/**
 * Authentication (HTTP Basic against hashed credentials, bearer JWTs, mTLS) and authorization (the ACL file) for
 * every avrogate listener, behind {@link io.avrogate.server.auth.AccessControl}: a service maps each route to a
 * {@link io.avrogate.server.auth.Permission} and installs the handler; settings are {@link io.avrogate.server.auth.AuthConfig}.
 */
package io.avrogate.server.auth;
