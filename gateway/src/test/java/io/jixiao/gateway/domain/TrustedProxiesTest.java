package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies ingress = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8", " 192.0.2.10 "));

    @Test
    void withoutTrustedProxiesTheCallerIsThePeerWhateverItForwards() {
        TrustedProxies none = TrustedProxies.of(List.of());
        assertEquals(new TrustedProxies.Caller("10.0.0.5", "6.6.6.6, 10.0.0.5"), none.resolve("6.6.6.6", "10.0.0.5"));
        assertEquals(new TrustedProxies.Caller("10.0.0.5", "10.0.0.5"), none.resolve(null, "10.0.0.5"));
        assertEquals(new TrustedProxies.Caller("10.0.0.5", "10.0.0.5"), none.resolve(" ", "10.0.0.5"));
    }

    @Test
    void behindATrustedProxyTheCallerIsTheAddressItSawAndWhatTheClientWroteBeforeItIsNotBelieved() {
        assertEquals(new TrustedProxies.Caller("203.0.113.7", "203.0.113.7"),
                ingress.resolve("203.0.113.7", "10.1.2.3"));
        // a device writing its own X-Forwarded-For cannot choose its address: the proxy appended the real one
        assertEquals(new TrustedProxies.Caller("203.0.113.7", "1.1.1.1, 203.0.113.7"),
                ingress.resolve("1.1.1.1, 203.0.113.7", "10.1.2.3"));
        // two proxies of the deployment (a load balancer, then the ingress): both are passed
        assertEquals(new TrustedProxies.Caller("203.0.113.7", "203.0.113.7"),
                ingress.resolve("203.0.113.7 , 10.0.0.9", "10.1.2.3"));
        assertEquals(new TrustedProxies.Caller("203.0.113.7", "203.0.113.7"),
                ingress.resolve("203.0.113.7, 192.0.2.10", "10.1.2.3"));
        // a peer that is not one of them is the caller, whatever it forwards
        assertEquals(new TrustedProxies.Caller("198.51.100.1", "203.0.113.7, 198.51.100.1"),
                ingress.resolve("203.0.113.7", "198.51.100.1"));
        // the trusted proxy without a header of its own: itself
        assertEquals(new TrustedProxies.Caller("10.1.2.3", "10.1.2.3"), ingress.resolve(null, "10.1.2.3"));
        // a caller inside the cluster, through the ingress: the innermost address is all there is
        assertEquals(new TrustedProxies.Caller("10.0.0.7", "10.0.0.7"), ingress.resolve("10.0.0.7", "10.1.2.3"));
    }

    @Test
    void portsBracketsAndIpv6AreReadAsProxiesWriteThem() {
        assertEquals("203.0.113.7", ingress.resolve("203.0.113.7:41234", "10.1.2.3").address());
        assertEquals("2001:db8::1", ingress.resolve("[2001:db8::1]:443", "10.1.2.3").address());
        assertEquals("2001:db8::1", ingress.resolve("2001:db8::1", "fd12::5").address());
        assertEquals("2001:db8::1", ingress.resolve("2001:db8::1, fd00::9", "fd12::5").address());
    }

    @Test
    void aHopThatIsNoAddressStopsTheWalkAtTheTrustedProxyThatWroteIt() {
        assertEquals(new TrustedProxies.Caller("10.1.2.3", "not-an-ip, 10.1.2.3"),
                ingress.resolve("not-an-ip", "10.1.2.3"));
        assertEquals(new TrustedProxies.Caller("10.0.0.9", "203.0.113.7, unknown, 10.0.0.9"),
                ingress.resolve("203.0.113.7, unknown, 10.0.0.9", "10.1.2.3"));
    }

    @Test
    void rangesMatchByTheirPrefixOnly() {
        TrustedProxies nine = TrustedProxies.of(List.of("10.0.0.0/9"));
        assertTrue(nine.trusted("10.127.255.255"));
        assertFalse(nine.trusted("10.128.0.0"));
        assertFalse(nine.trusted("11.0.0.1"));
        assertTrue(TrustedProxies.of(List.of("0.0.0.0/0")).trusted("198.51.100.1"));
        assertFalse(TrustedProxies.of(List.of("0.0.0.0/0")).trusted("2001:db8::1"));
        assertTrue(TrustedProxies.of(List.of("10.1.2.3")).trusted("10.1.2.3"));
        assertFalse(TrustedProxies.of(List.of("10.1.2.3")).trusted("10.1.2.4"));
        // the host bits of a range are ignored, as routers do
        assertTrue(TrustedProxies.of(List.of("10.1.2.3/16")).trusted("10.1.200.1"));
    }

    @Test
    void aRangeThatIsNotOneFailsTheStartNamingIt() {
        for (String bad : List.of("10.0.0.0/33", "example.org", "10.0.0.0/x", "10.0.0/8", "fd00::/129")) {
            var e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of(bad)));
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
        }
    }
}
