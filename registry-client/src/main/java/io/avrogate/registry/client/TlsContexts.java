package io.avrogate.registry.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.config.ConfigException;

/** Builds the client's {@link SSLContext} from the {@code schema.registry.ssl.*} settings. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** The context for https URLs, or null when no ssl setting is given (the JVM's default context is used then). */
    static SSLContext fromConfig(RegistryClientConfig config) {
        String trustLocation = config.getString(RegistryClientConfig.SSL_TRUSTSTORE_LOCATION);
        String keyLocation = config.getString(RegistryClientConfig.SSL_KEYSTORE_LOCATION);
        boolean verifyHost = !config.getString(RegistryClientConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM).isBlank();
        if (trustLocation == null && keyLocation == null && verifyHost) return null;
        try {
            KeyManager[] keyManagers = null;
            if (keyLocation != null) {
                String storePassword = config.password(RegistryClientConfig.SSL_KEYSTORE_PASSWORD);
                String keyPassword = config.password(RegistryClientConfig.SSL_KEY_PASSWORD);
                KeyStore keyStore = load(RegistryClientConfig.SSL_KEYSTORE_LOCATION, keyLocation, storePassword,
                        config.getString(RegistryClientConfig.SSL_KEYSTORE_TYPE));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, chars(keyPassword != null ? keyPassword : storePassword));
                keyManagers = kmf.getKeyManagers();
            }
            KeyStore trustStore = trustLocation == null ? null : load(RegistryClientConfig.SSL_TRUSTSTORE_LOCATION,
                    trustLocation, config.password(RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD),
                    config.getString(RegistryClientConfig.SSL_TRUSTSTORE_TYPE));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            TrustManager[] trustManagers = tmf.getTrustManagers();
            if (!verifyHost) trustManagers = withoutHostCheck(trustManagers);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("invalid schema.registry.ssl.* settings: " + e.getMessage());
        }
    }

    private static KeyStore load(String key, String location, String password, String type) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            throw new ConfigException(key, location, "cannot read the " + type + " store: " + e.getMessage());
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    /**
     * The JDK HTTP client always checks the server's host name unless a JVM-wide system property says otherwise; an
     * empty {@code endpoint.identification.algorithm} turns the check off for this client only, by validating the
     * chain without the engine (the engine variant is where the host-name check happens).
     */
    private static TrustManager[] withoutHostCheck(TrustManager[] managers) {
        TrustManager[] out = managers.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof X509TrustManager delegate) out[i] = new ChainOnlyTrustManager(delegate);
        }
        return out;
    }

    private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        ChainOnlyTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
