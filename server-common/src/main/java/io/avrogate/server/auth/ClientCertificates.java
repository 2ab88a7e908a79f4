package io.avrogate.server.auth;

import io.javalin.http.Context;
import java.io.IOException;
import java.security.cert.X509Certificate;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;
import org.eclipse.jetty.io.EndPoint;

/**
 * mTLS: the principal of a request that came over TLS with a client certificate the listener verified. Jetty sets
 * the certificates on the request only when the listener's HTTP configuration has a {@code SecureRequestCustomizer}
 * (server-common's TLS listeners add one); the servlet attribute is read first, Jetty's own session data second.
 * The subject DN (RFC 2253, as Kafka sees it) is mapped by Kafka's {@code ssl.principal.mapping.rules}.
 */
final class ClientCertificates {
    static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final SslPrincipalMapper mapper;

    ClientCertificates(String rules) {
        this.mapper = SslPrincipalMapper.fromRules(rules);
    }

    /** The mapped principal, or null when the request carried no client certificate. */
    Principal principal(Context ctx) throws AuthenticationFailed {
        X509Certificate[] chain = chain(ctx);
        if (chain == null || chain.length == 0) return null;
        String dn = chain[0].getSubjectX500Principal().getName();
        try {
            String name = mapper.getName(dn);
            if (name == null || name.isEmpty()) throw new AuthenticationFailed("Client certificate subject maps to no principal");
            return Principal.of(name, java.util.List.of());
        } catch (IOException e) {
            throw new AuthenticationFailed("Client certificate subject matches no principal mapping rule");
        }
    }

    private static X509Certificate[] chain(Context ctx) {
        Object servlet = ctx.req().getAttribute(SERVLET_ATTRIBUTE);
        if (servlet instanceof X509Certificate[] certs) return certs;
        Object session = ctx.req().getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (session instanceof EndPoint.SslSessionData data) return data.peerCertificates();
        return null;
    }
}
