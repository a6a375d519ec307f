package org.stagedoor.demo.generator;

import java.util.SplittableRandom;

/**
 * Random sources derived from the settings' seed. Each phase draws from its own stream, so that, for
 * example, more customers do not shift the programme of events; per-customer traits come from a
 * stateless hash, so they need no memory.
 */
final class Seeds {

    static final long CUSTOMERS = 1;

    static final long PROGRAMME = 2;

    static final long SALES = 3;

    static final long ACTIVITY = 4;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long phase) {
        return new SplittableRandom(mix(seed ^ mix(phase)));
    }

    /** A number in [0, 1) fixed by the seed, the kind of trait and the key (a customer id). */
    static double unit(long seed, long trait, long key) {
        return (mix(seed ^ mix(trait * 0x9E3779B97F4A7C15L + key)) >>> 11) * 0x1.0p-53;
    }

    /** The finaliser of SplitMix64: a bijection that scatters nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
