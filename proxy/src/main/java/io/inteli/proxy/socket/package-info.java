/** What Helidon 4.2.6's sockets do not expose, reached once by reflection; callers do without when it fails. */
package io.inteli.proxy.socket;
