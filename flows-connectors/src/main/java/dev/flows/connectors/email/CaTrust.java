package dev.flows.connectors.email;

import dev.flows.api.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets that trust the certificates of one PEM file (a private CA, or a server's own self-signed
 * certificate) instead of the JDK's. The chain is checked as usual; the host name is checked by the session
 * ({@code checkserveridentity}). Stateless.
 */
final class CaTrust {

    private CaTrust() {}

    /**
     * @param where the destination's position, for the message
     * @throws ConfigurationException if the file cannot be read or holds no certificate
     */
    static SSLSocketFactory socketFactory(Path caFile, String where) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ConfigurationException(where + ": ca-file " + caFile
                        + " holds no certificate; give a PEM file with -----BEGIN CERTIFICATE----- blocks");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new ConfigurationException(
                    where + ": cannot read ca-file " + caFile + ": " + e.getMessage()
                            + "; check the path (relative to the flow directory) and its permissions",
                    e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(
                    where + ": ca-file " + caFile + " is not a PEM file of X.509 certificates (" + e.getMessage()
                            + "); give the CA certificate in PEM form",
                    e);
        }
    }
}
