/**
 * The data plane's HTTP/1.x connection handler: the native front door. It runs on Helidon's connection SPI on the
 * default listener (Helidon keeps the socket, TLS, the control plane and every other protocol), reads each request
 * head with one strict codec, decides the framing and whether the connection stays open, forwards through the
 * {@link io.inteli.proxy.forwarding.Forwarder} and writes the answer itself.
 */
package io.inteli.proxy.dataplane;
