package io.inteli.proxy.dataplane;

import io.inteli.proxy.forwarding.ClientResponse;
import io.inteli.proxy.forwarding.ClientRequest;

/**
 * What a client connection does with a request it accepted (parsed, framed, checked, let through the gate): forward
 * it (the native front door), or hand it to the JAX-RS container (the jaxrs one). Everything before and after (the
 * codec, refusals, timeouts, the answer's framing, keep-alive, lingering close) is the connection's either way.
 */
@FunctionalInterface
interface RequestHandler {
    ClientResponse answer(ClientRequest request);
}
