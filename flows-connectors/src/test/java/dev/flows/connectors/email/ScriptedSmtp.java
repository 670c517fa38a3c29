package dev.flows.connectors.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A tiny SMTP server on a free loopback port that answers as a test scripts it, for what GreenMail will not
 * do: refuse a recipient (550), defer (451). Each reply function takes the connection number (1 for the
 * first) and returns the reply line. Keeps every message it accepted. Thread-safe; one virtual thread per
 * connection.
 */
final class ScriptedSmtp implements AutoCloseable {

    static final String OK = "250 2.0.0 OK";

    private final ServerSocket socket;
    private final IntFunction<String> rcpt;
    private final IntFunction<String> data;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private ScriptedSmtp(IntFunction<String> rcpt, IntFunction<String> data) throws IOException {
        this.rcpt = rcpt;
        this.data = data;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    /** A server whose RCPT and end-of-DATA replies are scripted by connection number. */
    static ScriptedSmtp replying(IntFunction<String> rcpt, IntFunction<String> data) throws IOException {
        return new ScriptedSmtp(rcpt, data);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** The raw messages (headers and body) the server answered 250 to at the end of DATA. */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Every command line received, in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                int n = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client, n));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client, int n) {
        try (client) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            reply(out, "220 scripted ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                commands.add(line);
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-scripted\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, OK);
                    case "RCPT" -> reply(out, rcpt.apply(n));
                    case "DATA" -> {
                        reply(out, "354 end with .");
                        String message = readData(in);
                        String answer = data.apply(n);
                        if (answer.startsWith("250")) {
                            accepted.add(message);
                        }
                        reply(out, answer);
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    // RFC 5321's answer to a command a server does not support (STARTTLS, AUTH, VRFY, ...: none
                    // of the scripted exchanges needs them), as a real server would give it.
                    default -> reply(out, "502 5.5.1 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        for (String line; (line = in.readLine()) != null && !line.equals("."); ) {
            message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
