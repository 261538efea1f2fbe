package io.jixiao.gateway.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;

/**
 * Who the caller is when the gateway stands behind load balancers or an ingress: the address of the last hop that
 * is not one of the deployment's own proxies. Each trusted proxy appends the address it saw to
 * {@code X-Forwarded-For}; the chain is read from the right, past the trusted proxies, and the first address that
 * is not one of them is the client. What stands left of it was written by the client itself and is not believed, so
 * a device cannot choose its own address. Without trusted proxies (the default) the caller is the connection's peer,
 * and a forwarded chain it sends changes nothing.
 */
public final class TrustedProxies {

    /** The caller's address, and the {@code X-Forwarded-For} to send on: the chain up to the caller, which ends it. */
    public record Caller(String address, String forwardedFor) {
    }

    private final List<byte[][]> ranges; // {network, mask} per range, 4 or 16 bytes each

    private TrustedProxies(List<byte[][]> ranges) {
        this.ranges = ranges;
    }

    /**
     * Ranges in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) or single addresses.
     *
     * @throws IllegalArgumentException for anything else, naming it
     */
    public static TrustedProxies of(List<String> cidrs) {
        List<byte[][]> ranges = new ArrayList<>();
        for (String raw : cidrs) {
            String c = raw.trim();
            if (c.isEmpty()) {
                continue;
            }
            int slash = c.indexOf('/');
            byte[] net = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? c : c.substring(0, slash));
            int bits;
            try {
                bits = slash < 0 ? (net == null ? -1 : net.length * 8) : Integer.parseInt(c.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (net == null || bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("a trusted proxy must be an address or a CIDR range such as "
                        + "10.0.0.0/8, not \"" + raw + "\"");
            }
            byte[] mask = new byte[net.length];
            for (int i = 0; i < mask.length; i++) {
                int left = Math.max(0, Math.min(8, bits - 8 * i));
                mask[i] = (byte) (0xFF << (8 - left));
                net[i] &= mask[i];
            }
            ranges.add(new byte[][]{net, mask});
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /**
     * The caller of a request that came from {@code peer} with this {@code X-Forwarded-For} (null when absent).
     */
    public Caller resolve(String forwardedFor, String peer) {
        if (ranges.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) {
            return new Caller(peer, forwardedFor == null || forwardedFor.isBlank() ? peer : forwardedFor + ", " + peer);
        }
        List<String> chain = new ArrayList<>(Arrays.asList(forwardedFor.split(",")));
        chain.replaceAll(String::trim);
        chain.add(peer);
        int i = chain.size() - 1;
        while (i > 0 && trusted(chain.get(i))) {
            i--;
        }
        if (address(chain.get(i)) == null) {
            i++; // not an address: the trusted hop that wrote it is the best that is known
        }
        String caller = strip(chain.get(i));
        List<String> upTo = new ArrayList<>(chain.subList(0, i));
        upTo.add(caller);
        return new Caller(caller, String.join(", ", upTo));
    }

    boolean trusted(String hop) {
        byte[] a = address(hop);
        if (a == null) {
            return false;
        }
        for (byte[][] r : ranges) {
            if (r[0].length == a.length && within(a, r[0], r[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(byte[] a, byte[] net, byte[] mask) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & mask[i]) != net[i]) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an address as proxies write it (with a port, or an IPv6 address in brackets); null otherwise. */
    static byte[] address(String hop) {
        return hop == null ? null : NetUtil.createByteArrayFromIpAddressString(strip(hop));
    }

    private static String strip(String hop) {
        String h = hop.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(1, close);
        }
        int colon = h.indexOf(':');
        if (colon > 0 && colon == h.lastIndexOf(':') && h.indexOf('.') > 0) {
            return h.substring(0, colon); // 203.0.113.7:41234
        }
        return h;
    }
}
