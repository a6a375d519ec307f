package org.stagedoor.bench.fanout;

import org.springframework.boot.SpringApplication;

/**
 * The second node of the fan-out bench, in a JVM of its own on the bench's database; its settings come as
 * arguments. It runs until it is stopped: Quartz's threads keep the JVM alive.
 */
public final class FanOutNode {

    private FanOutNode() {
    }

    public static void main(String[] args) {
        SpringApplication.run(FanOutBenchApplication.class, args);
    }
}
