package io.jixiao.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The load benchmarks' HTTP client: one keep-alive HTTP/1.1 connection over a plain blocking socket, used by one
 * thread at a time. Session 6 measured the JDK {@code HttpClient} at about 1,800 authenticated GETs per second where
 * {@code wrk} got 5,244 from the same service: its selector thread, futures and header maps take CPU that the
 * services on the same two cores need. This writes the request bytes and reads the status line, the headers and a
 * {@code Content-Length} or chunked body, nothing more. Not a general client: no TLS, no redirects, no pipelining.
 */
final class LeanHttp implements AutoCloseable {

    /** A response: the status code and the body as text (empty when discarded). */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LeanHttp(String baseUri) {
        URI u = URI.create(baseUri);
        this.host = u.getHost();
        this.port = u.getPort();
    }

    /** A POST of a JSON body with the given header names and values; the answer's body is kept only if asked. */
    Response post(String path, String json, boolean keepBody, String... headers) throws IOException {
        return exchange("POST", path, headers, json.getBytes(StandardCharsets.UTF_8), keepBody);
    }

    Response get(String path, boolean keepBody, String... headers) throws IOException {
        return exchange("GET", path, headers, null, keepBody);
    }

    /** The header pair for a bearer token. */
    static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    /**
     * Sends one request and reads its response. A connection the server closed while idle is opened again and the
     * request sent once more, only if nothing of the response had arrived (the request was not taken).
     */
    private Response exchange(String method, String path, String[] headers, byte[] body, boolean keepBody)
            throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        boolean fresh = socket == null;
        for (int attempt = 0;; attempt++) {
            if (socket == null) {
                open();
            }
            int first;
            try {
                out.write(headBytes);
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                first = in.read();
                if (first < 0) {
                    throw new IOException("connection closed before the response");
                }
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) {
                    throw e;
                }
                // a kept-alive connection the server had closed: once more on a new one
                continue;
            }
            try {
                return read(first, keepBody);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(30_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Response read(int first, boolean keepBody) throws IOException {
        String status = line(first);
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(in.read()); !h.isEmpty(); h = line(in.read())) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(line(in.read())), 16); size > 0; size = Long
                    .parseLong(chunkSize(line(in.read())), 16)) {
                copy(size, kept);
                line(in.read());
            }
            for (String trailer = line(in.read()); !trailer.isEmpty(); trailer = line(in.read())) {
                // trailers are ignored
            }
        } else if (length > 0) {
            copy(length, kept);
        } else if (length < 0 && code != 204 && code != 304) {
            // no length: the body runs to the end of the connection
            copy(Long.MAX_VALUE, kept);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, kept == null ? "" : kept.toString(StandardCharsets.UTF_8));
    }

    private static String chunkSize(String line) {
        int semi = line.indexOf(';');
        return (semi < 0 ? line : line.substring(0, semi)).trim();
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed inside a body");
            }
            if (to != null) {
                to.write(buf, 0, r);
            }
            if (n != Long.MAX_VALUE) {
                n -= r;
            }
        }
    }

    /** One header line (CRLF or LF ended), starting with the byte already read. */
    private String line(int first) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c = first;
        while (c >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
            c = in.read();
        }
        if (c < 0 && sb.isEmpty()) {
            throw new IOException("connection closed inside the headers");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
