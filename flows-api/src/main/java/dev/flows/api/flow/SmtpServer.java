package dev.flows.api.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server an email destination sends through, and how. Certificates are always checked (chain and
 * host name) unless {@code trustHost} names the host, which is for tests against a server with a self-signed
 * certificate. Immutable; {@link #toString()} never shows the password ({@link Secret}).
 *
 * @param host           the server's host name or address
 * @param port           its port, 1 to 65535
 * @param tls            how the connection is protected
 * @param user           the user to authenticate as; empty: no authentication
 * @param password       the user's password; present exactly when {@code user} is
 * @param connectTimeout how long connecting (and the TLS handshake) may take
 * @param timeout        how long any one read or write may take once connected
 * @param caFile         a PEM file of certificates to trust instead of the JDK's, for a private CA
 * @param trustHost      a host whose certificate is accepted without checks; for tests only
 */
public record SmtpServer(
        String host,
        int port,
        SmtpTls tls,
        Optional<String> user,
        Optional<Secret> password,
        Duration connectTimeout,
        Duration timeout,
        Optional<Path> caFile,
        Optional<String> trustHost) {

    /** Connecting gives up after 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A read or write gives up after 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public SmtpServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(trustHost, "trustHost");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, was " + port);
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("give both user and password, or neither");
        }
    }

    /** A server on its mode's default port, without authentication, default timeouts and trust. */
    public static SmtpServer of(String host, SmtpTls tls) {
        return of(host, tls.defaultPort(), tls);
    }

    /** A server without authentication, with default timeouts and trust. */
    public static SmtpServer of(String host, int port, SmtpTls tls) {
        return new SmtpServer(
                host,
                port,
                tls,
                Optional.empty(),
                Optional.empty(),
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_TIMEOUT,
                Optional.empty(),
                Optional.empty());
    }

    /** A copy that authenticates as {@code newUser}. */
    public SmtpServer withLogin(String newUser, Secret newPassword) {
        return new SmtpServer(
                host,
                port,
                tls,
                Optional.of(newUser),
                Optional.of(newPassword),
                connectTimeout,
                timeout,
                caFile,
                trustHost);
    }

    /** A copy with these timeouts. */
    public SmtpServer withTimeouts(Duration newConnectTimeout, Duration newTimeout) {
        return new SmtpServer(host, port, tls, user, password, newConnectTimeout, newTimeout, caFile, trustHost);
    }

    /** A copy that trusts the certificates of a PEM file (a private CA) instead of the JDK's. */
    public SmtpServer withCaFile(Path file) {
        return new SmtpServer(host, port, tls, user, password, connectTimeout, timeout, Optional.of(file), trustHost);
    }

    /** A copy that accepts any certificate from {@code trusted} (tests only). */
    public SmtpServer withTrustHost(String trusted) {
        return new SmtpServer(host, port, tls, user, password, connectTimeout, timeout, caFile, Optional.of(trusted));
    }

    /** {@code smtp://host:port} or {@code smtps://host:port}: how records and messages name the server. */
    public String address() {
        return (tls == SmtpTls.SMTPS ? "smtps://" : "smtp://") + host + ":" + port;
    }
}
