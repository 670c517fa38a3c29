package dev.flows.bench.w5;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses one after the other from a keep-alive connection: the status line, the headers (only
 * {@code Content-Length} and {@code Transfer-Encoding: chunked} matter), then the body, kept in a buffer reused
 * from one response to the next. Enough HTTP for a server that answers every request with a body; a response
 * without a length it can find is a protocol error. Not thread-safe.
 */
final class Http1Response {

    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];
    private byte[] body = new byte[8192];
    private int bodyLength;

    Http1Response(InputStream in) {
        this.in = in;
    }

    /** Reads the next response whole; returns its status code. */
    int read() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new ProtocolException("not an HTTP/1.1 status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(
                        header.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        bodyLength = 0;
        if (chunked) {
            readChunks();
        } else if (contentLength >= 0) {
            readBody(Math.toIntExact(contentLength));
        } else {
            throw new ProtocolException("a response with status " + status + " has neither a Content-Length nor"
                    + " chunked encoding; cannot tell where it ends on a kept-alive connection");
        }
        return status;
    }

    /** The last response's body as text, for error messages. */
    String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private void readChunks() throws IOException {
        for (int size = chunkSize(readLine()); size > 0; size = chunkSize(readLine())) {
            readBody(size);
            readLine(); // the CRLF after the chunk's data
        }
        for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
            // Trailers carry nothing W5 needs.
        }
    }

    private static int chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    /** Appends {@code length} bytes to the body. */
    private void readBody(int length) throws IOException {
        if (bodyLength + length > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + length));
        }
        int read = in.readNBytes(body, bodyLength, length);
        if (read < length) {
            throw new EOFException("the connection closed " + read + " bytes into a body of " + length);
        }
        bodyLength += length;
    }

    /** A line without its CRLF, as ASCII. */
    private String readLine() throws IOException {
        int length = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection in the middle of a response");
            }
            if (length == MAX_LINE) {
                throw new ProtocolException("a response line is longer than " + MAX_LINE + " bytes");
            }
            line[length++] = (byte) b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.US_ASCII);
    }
}
