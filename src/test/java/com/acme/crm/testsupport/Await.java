package com.acme.crm.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Polls for a condition that another process brings about. */
public final class Await {

    private Await() {
    }

    /** @return how long it took */
    public static Duration until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        Instant start = Instant.now();
        while (!condition.call()) {
            if (Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
                throw new AssertionError("Not " + what + " after " + timeout);
            }
            Thread.sleep(100);
        }
        return Duration.between(start, Instant.now());
    }
}
