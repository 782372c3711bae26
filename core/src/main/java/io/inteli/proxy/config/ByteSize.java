package io.inteli.proxy.config;

/** A number of bytes, written as digits with an optional binary suffix k, m or g (KiB, MiB, GiB). */
record ByteSize(long bytes) {
}
