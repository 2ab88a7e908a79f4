package io.avrogate.producer;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.apache.kafka.common.config.ConfigException;

/**
 * PEM text as hosted Kafka services hand it out, made acceptable to Kafka's PEM key store. Kafka reads private keys in
 * PKCS#8 only ({@code BEGIN PRIVATE KEY} / {@code BEGIN ENCRYPTED PRIVATE KEY}); services commonly give RSA keys in
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), which this wraps into PKCS#8 without touching the key itself.
 */
final class PemKeys {
    private static final String PKCS1_BEGIN = "-----BEGIN RSA PRIVATE KEY-----";
    private static final String PKCS1_END = "-----END RSA PRIVATE KEY-----";
    /** AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters, DER-encoded. */
    private static final byte[] RSA_ALGORITHM = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {}

    /**
     * Line breaks restored when an environment carries PEM with literal {@code \n} sequences (common in .env files
     * and CI secrets), and surrounding whitespace dropped.
     */
    static String normalize(String pem) {
        String text = pem;
        if (!text.contains("\n") && text.contains("\\n")) text = text.replace("\\n", "\n");
        return text.replace("\r\n", "\n").trim();
    }

    /** The private key as PKCS#8 PEM: PKCS#8 unchanged, PKCS#1 RSA wrapped; anything else refused clearly. */
    static String privateKeyAsPkcs8(String pem, String source) {
        String text = normalize(pem);
        if (text.contains("-----BEGIN PRIVATE KEY-----") || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return text;
        }
        if (text.contains(PKCS1_BEGIN)) {
            if (text.contains("Proc-Type:") || text.contains("DEK-Info:")) {
                throw new ConfigException(source + ": an encrypted PKCS#1 key cannot be used by Kafka; convert it with"
                        + " 'openssl pkcs8 -topk8' (optionally with a password, then set the key password too)");
            }
            int start = text.indexOf(PKCS1_BEGIN) + PKCS1_BEGIN.length();
            int end = text.indexOf(PKCS1_END, start);
            if (end < 0) throw new ConfigException(source + ": RSA private key has no END line");
            byte[] pkcs1;
            try {
                pkcs1 = Base64.getMimeDecoder().decode(text.substring(start, end));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": RSA private key is not valid base64: " + e.getMessage());
            }
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8(pkcs1))
                    + "\n-----END PRIVATE KEY-----";
        }
        if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new ConfigException(source + ": EC keys in SEC1 form are not supported by Kafka; convert with"
                    + " 'openssl pkcs8 -topk8 -nocrypt'");
        }
        throw new ConfigException(source + ": no PEM private key found (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 } (RFC 5208). */
    static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(derLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) return new byte[] {(byte) length};
        if (length < 0x100) return new byte[] {(byte) 0x81, (byte) length};
        if (length < 0x10000) return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
