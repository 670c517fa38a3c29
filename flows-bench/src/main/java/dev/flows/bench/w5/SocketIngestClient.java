package dev.flows.bench.w5;

import dev.flows.api.error.FlowsException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Posts over a keep-alive HTTP/1.1 connection of its own, written and read with plain blocking socket I/O: the
 * request head is encoded once, so a post is one write of head and body and one read of the answer. The JDK's
 * HttpClient hands each request through a selector thread and an executor, which cost a fifth of both cores in
 * a profile of W5: CPU the server under test, on the same machine, then lacked. One per sender thread.
 */
final class SocketIngestClient implements IngestClient {

    /** Large enough for a batch of 100 events and its head, so that each post is one write call. */
    private static final int OUT_BUFFER_BYTES = 64 << 10;

    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final URI uri;
    private final Socket socket;
    private final OutputStream out;
    private final Http1Response response;
    private final byte[] head;

    private SocketIngestClient(URI uri, Socket socket, String contentType) throws IOException {
        this.uri = uri;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), OUT_BUFFER_BYTES);
        this.response = new Http1Response(new BufferedInputStream(socket.getInputStream(), OUT_BUFFER_BYTES));
        this.head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Connects to the server of {@code uri} (an {@code http} URI with host and port). */
    static SocketIngestClient open(URI uri, String contentType) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            return new SocketIngestClient(uri, socket, contentType);
        } catch (IOException e) {
            close(socket);
            throw new FlowsException("could not connect to " + uri + ": " + e, e);
        }
    }

    @Override
    public void post(byte[] body) {
        try {
            out.write(head);
            out.write(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
            out.write(END_OF_HEAD);
            out.write(body);
            out.flush();
            int status = response.read();
            if (status != 200) {
                throw Refusal.of(uri, status, response.bodyText());
            }
        } catch (IOException e) {
            throw new FlowsException("POST " + uri + " failed: " + e + "; is the server still up?", e);
        }
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the connection to the W5 server", e);
        }
    }
}
