package io.inteli.proxy.balancing;

import io.inteli.proxy.registry.Backend;

/**
 * Picks the next backend of one fixed, non-empty group. Built once per registry snapshot and route, then called
 * concurrently from request threads: implementations keep no lock.
 */
interface Strategy {
    Backend next();
}
