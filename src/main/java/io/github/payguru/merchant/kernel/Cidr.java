package io.github.payguru.merchant.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network ({@code 203.0.113.0/24}, {@code 2001:db8::/32}; a bare address is a /32 or
 * /128). Only numeric literals are accepted, so parsing never triggers a DNS lookup.
 */
public final class Cidr {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses a CIDR or throws {@link IllegalArgumentException} naming it. */
    public static Cidr parse(String cidr) {
        String t = cidr.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP network: " + cidr);
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network: " + cidr);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix out of range: " + cidr);
        }
        return new Cidr(bytes, prefix, t);
    }

    /** Whether {@code address} (a numeric literal) lies in this network; anything unparsable does not. */
    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        byte[] a = literal(address.trim());
        if (a == null) {
            return false;
        }
        if (a.length != network.length) {
            a = ipv4Mapped(a, network.length);
            if (a == null) {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /**
     * The network a source address is kept as (KVKK: an address is personal data): the /24 of an IPv4 address
     * ({@code 198.51.100.7} → {@code 198.51.100.0/24}, an IPv4-mapped IPv6 address too), the /48 of an IPv6 address
     * ({@code 2001:db8:1:2::7} → {@code 2001:db8:1::/48}); null stays null, anything else is {@code unparsable}, never
     * echoed.
     */
    public static String keptNetwork(String address) {
        if (address == null) {
            return null;
        }
        byte[] a = literal(address.trim());
        if (a == null) {
            return "unparsable";
        }
        byte[] v4 = a.length == 4 ? a : ipv4Mapped(a, 4);
        if (v4 != null) {
            return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + ".0/24";
        }
        return Integer.toHexString(group(a, 0)) + ":" + Integer.toHexString(group(a, 1)) + ":"
                + Integer.toHexString(group(a, 2)) + "::/48";
    }

    private static int group(byte[] a, int i) {
        return ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String s) {
        if (s.isEmpty() || !LITERAL.matcher(s).matches() || (s.indexOf(':') < 0 && s.chars().filter(c -> c == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) compared with an IPv4 network, and back. */
    private static byte[] ipv4Mapped(byte[] a, int wanted) {
        if (a.length == 16 && wanted == 4) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return null;
                }
            }
            if ((a[10] & 0xff) != 0xff || (a[11] & 0xff) != 0xff) {
                return null;
            }
            return new byte[] { a[12], a[13], a[14], a[15] };
        }
        return null;
    }
}
