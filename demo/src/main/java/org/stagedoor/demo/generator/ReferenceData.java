package org.stagedoor.demo.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The relationship types, membership schemes and price bands that generated orders use. They are
 * found by name or created, so that types an administrator (or the application) defined before
 * are reused rather than duplicated; a type under the same labels with other facilitation rights
 * is refused, because generated facilitated orders rely on those rights (F-1, F-2).
 */
final class ReferenceData {

    /** The relationship types; the first side is the one that may act for the other, if any. */
    enum LinkType {
        PARENT("Parent", "Child", true, false),
        CARER("Carer", "Cared for", true, false),
        BOOKER("Booker", "Organisation", true, false),
        SPOUSE("Spouse", "Spouse", true, true),
        FRIEND("Friend", "Friend", false, false);

        final String aLabel;

        final String bLabel;

        final boolean aActsForB;

        final boolean bActsForA;

        LinkType(String aLabel, String bLabel, boolean aActsForB, boolean bActsForA) {
            this.aLabel = aLabel;
            this.bLabel = bLabel;
            this.aActsForB = aActsForB;
            this.bActsForA = bActsForA;
        }
    }

    /** Membership schemes sold, by index; the "Members" price band needs the first (F-7). */
    static final String[] SCHEMES = { "Members", "Friends", "Patrons" };

    private static final long[] SCHEME_PENCE = { 4_500, 9_000, 50_000 };

    static final int MEMBERS = 0;

    static final int FRIENDS = 1;

    static final int PATRONS = 2;

    private final long[] typeIds = new long[LinkType.values().length];

    final long[] schemeIds = new long[SCHEMES.length];

    final long[] schemePence = new long[SCHEMES.length];

    long standardBand;

    long concessionBand;

    long compBand;

    long membersBand;

    /** The index in {@link #SCHEMES} of the scheme the members' band requires, or -1 when it is open to all. */
    int membersBandScheme;

    private ReferenceData() {
    }

    long typeId(LinkType type) {
        return typeIds[type.ordinal()];
    }

    static ReferenceData ensure(Connection connection) throws SQLException {
        ReferenceData data = new ReferenceData();
        for (LinkType type : LinkType.values()) {
            data.typeIds[type.ordinal()] = relationshipType(connection, type);
        }
        for (int i = 0; i < SCHEMES.length; i++) {
            update(connection, """
                    insert into membership_scheme (name, price) values (?, ?::numeric / 100)
                    on conflict ((lower(name))) do nothing
                    """, SCHEMES[i], SCHEME_PENCE[i]);
            try (PreparedStatement select = connection.prepareStatement("""
                    select id, (price * 100)::bigint from membership_scheme where lower(name) = lower(?)
                    """)) {
                select.setString(1, SCHEMES[i]);
                try (ResultSet row = single(select.executeQuery(), "membership scheme " + SCHEMES[i])) {
                    data.schemeIds[i] = row.getLong(1);
                    data.schemePence[i] = row.getLong(2);
                }
            }
        }
        data.standardBand = openBand(connection, "Standard");
        data.concessionBand = openBand(connection, "Concession");
        data.compBand = openBand(connection, "Comp");
        update(connection, """
                insert into price_band (name, membership_scheme_id) values ('Members', ?)
                on conflict ((lower(name))) do nothing
                """, data.schemeIds[MEMBERS]);
        long[] members = band(connection, "Members");
        data.membersBand = members[0];
        data.membersBandScheme = -1;
        for (int i = 0; i < SCHEMES.length; i++) {
            if (members[1] == data.schemeIds[i]) {
                data.membersBandScheme = i;
            }
        }
        if (members[1] != 0 && data.membersBandScheme < 0) {
            throw new IllegalStateException("The existing price band Members requires membership scheme " + members[1]
                    + ", which the venue data generator does not sell; rename that band or load an empty store");
        }
        return data;
    }

    private static long relationshipType(Connection connection, LinkType type) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into relationship_type (a_label, b_label, a_acts_for_b, b_acts_for_a) values (?, ?, ?, ?)
                on conflict ((lower(a_label)), (lower(b_label))) do nothing
                """)) {
            insert.setString(1, type.aLabel);
            insert.setString(2, type.bLabel);
            insert.setBoolean(3, type.aActsForB);
            insert.setBoolean(4, type.bActsForA);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select id, a_acts_for_b, b_acts_for_a from relationship_type
                 where lower(a_label) = lower(?) and lower(b_label) = lower(?)
                """)) {
            select.setString(1, type.aLabel);
            select.setString(2, type.bLabel);
            try (ResultSet row = single(select.executeQuery(), "relationship type " + type.aLabel)) {
                if (row.getBoolean(2) != type.aActsForB || row.getBoolean(3) != type.bActsForA) {
                    throw new IllegalStateException("The existing relationship type " + type.aLabel + " / "
                            + type.bLabel + " grants other facilitation rights than the generated orders need ("
                            + type.aLabel + " acts for " + type.bLabel + ": " + type.aActsForB + ", the other way: "
                            + type.bActsForA + "); change it or load an empty store");
                }
                return row.getLong(1);
            }
        }
    }

    private static long openBand(Connection connection, String name) throws SQLException {
        update(connection, """
                insert into price_band (name) values (?) on conflict ((lower(name))) do nothing
                """, name);
        long[] band = band(connection, name);
        if (band[1] != 0) {
            throw new IllegalStateException("The existing price band " + name
                    + " requires a membership; the venue data generator sells it to everyone (F-7)");
        }
        return band[0];
    }

    /** The band's id and the id of the scheme it requires (0 when open to all). */
    private static long[] band(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select id, coalesce(membership_scheme_id, 0) from price_band where lower(name) = lower(?)
                """)) {
            select.setString(1, name);
            try (ResultSet row = single(select.executeQuery(), "price band " + name)) {
                return new long[] { row.getLong(1), row.getLong(2) };
            }
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static ResultSet single(ResultSet rows, String what) throws SQLException {
        if (!rows.next()) {
            rows.close();
            throw new IllegalStateException(what + " was neither found nor created");
        }
        return rows;
    }
}
