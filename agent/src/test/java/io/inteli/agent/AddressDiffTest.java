package io.inteli.agent;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressDiffTest {
    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void newAddressesAreAddedAndMissingOnesRemoved() throws Exception {
        AddressDiff diff = AddressDiff.between(List.of(ip("127.0.0.2"), ip("127.0.0.3")),
                List.of(ip("127.0.0.3"), ip("127.0.0.4")));
        assertEquals(Set.of(ip("127.0.0.4")), diff.added());
        assertEquals(Set.of(ip("127.0.0.2")), diff.removed());
    }

    @Test
    void sameAddressesInAnotherOrderChangeNothing() throws Exception {
        assertTrue(AddressDiff.between(List.of(ip("127.0.0.2"), ip("127.0.0.3")),
                List.of(ip("127.0.0.3"), ip("127.0.0.2"))).none());
    }

    @Test
    void addressesAreComparedByValueNotByTheNameTheyCameBy() throws Exception {
        InetAddress named = InetAddress.getByAddress("proxies.fleet.test", new byte[] {127, 0, 0, 2});
        assertTrue(AddressDiff.between(List.of(ip("127.0.0.2")), List.of(named)).none());
    }

    @Test
    void fromNothingEverythingIsNewAndToNothingEverythingGoes() throws Exception {
        assertEquals(Set.of(ip("127.0.0.2"), ip("::1")), AddressDiff.between(List.of(), List.of(ip("127.0.0.2"),
                ip("::1"))).added());
        assertEquals(Set.of(ip("127.0.0.2")), AddressDiff.between(List.of(ip("127.0.0.2")), List.of()).removed());
    }
}
