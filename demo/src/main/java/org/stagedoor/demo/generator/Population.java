package org.stagedoor.demo.generator;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * What the sales phase needs to know about the generated customers, in primitive arrays indexed by
 * customer id: when each record was created (ids grow with time), what kind of customer it is,
 * whether it can log in online, and the links along which someone may book for someone else.
 */
final class Population {

    static final byte ADULT = 0;

    /** A child, mostly created by a parent online ("someone else", F-5). */
    static final byte CHILD = 1;

    static final byte CARED_FOR = 2;

    static final byte ORGANISATION = 3;

    final int size;

    private final long since;

    /** Seconds after {@link #since}; ascending with the id. */
    private final int[] createdAt;

    private final byte[] role;

    private final BitSet online;

    /**
     * Facilitating links by the ordinal of their {@link ReferenceData.LinkType}: parents, carers,
     * organisation bookers, spouses (one entry each way). Friends allow no facilitation and have none.
     */
    final Links[] links = { new Links(), new Links(), new Links(), new Links() };

    long relationships;

    Population(int size, long since) {
        this.size = size;
        this.since = since;
        this.createdAt = new int[size + 1];
        this.role = new byte[size + 1];
        this.online = new BitSet(size + 1);
    }

    void add(int id, long created, byte kind, boolean onlineAccess) {
        createdAt[id] = Math.toIntExact(created - since);
        role[id] = kind;
        online.set(id, onlineAccess);
    }

    long createdAt(int id) {
        return since + createdAt[id];
    }

    byte role(int id) {
        return role[id];
    }

    boolean online(int id) {
        return online.get(id);
    }

    /** How many customers existed at this instant: ids 1 to the result may own an order then. */
    int existingAt(long epochSecond) {
        long offset = epochSecond - since;
        if (offset < 0) {
            return 0;
        }
        int low = 1;
        int high = size + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (createdAt[middle] <= offset) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low - 1;
    }

    /**
     * One facilitating direction per entry: the relationship, who may act, for whom. The key is the
     * last customer id of the household, so entries usable at a given time form a prefix.
     */
    static final class Links {

        private final IntList relationship = new IntList();

        private final IntList facilitator = new IntList();

        private final IntList owner = new IntList();

        private final IntList key = new IntList();

        void add(int relationshipId, int facilitatorId, int ownerId, int householdEnd) {
            relationship.add(relationshipId);
            facilitator.add(facilitatorId);
            owner.add(ownerId);
            key.add(householdEnd);
        }

        /** Entries whose customers all exist once customers 1 to {@code existing} do. */
        int usable(int existing) {
            return key.countAtMost(existing);
        }

        int pick(SplittableRandom random, int usable) {
            return random.nextInt(usable);
        }

        int relationship(int entry) {
            return relationship.get(entry);
        }

        int facilitator(int entry) {
            return facilitator.get(entry);
        }

        int owner(int entry) {
            return owner.get(entry);
        }
    }
}
