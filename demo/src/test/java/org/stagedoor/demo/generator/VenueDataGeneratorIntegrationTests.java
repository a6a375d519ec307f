package org.stagedoor.demo.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import org.stagedoor.booking.store.StoreIntegrationTest;
import org.stagedoor.booking.store.StoreReset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class VenueDataGeneratorIntegrationTests extends StoreIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    private static final GeneratorSettings SETTINGS = new GeneratorSettings(42, NOW, 3_000, 40, 15, 30_000);

    @Autowired
    private VenueDataGenerator generator;

    private final List<String> progress = new ArrayList<>();

    private GenerationSummary summary;

    @BeforeEach
    void generateTheVenue() {
        summary = generator.generate(SETTINGS, progress::add);
    }

    @Test
    void loadsWhatTheSettingsAskForAndReportsItInTheSummary() {
        assertThat(summary.customers()).isEqualTo(SETTINGS.customers())
                .isEqualTo(count("select count(*) from customer"));
        assertThat(summary.events()).isEqualTo(SETTINGS.events()).isEqualTo(count("select count(*) from event"));
        assertThat(summary.partnerCompanies()).isEqualTo(SETTINGS.partnerCompanies())
                .isEqualTo(count("select count(*) from partner_company"));
        assertThat(summary.tickets()).isEqualTo(SETTINGS.tickets()).isEqualTo(count("select count(*) from ticket"));
        assertThat(summary.relationships()).isPositive().isEqualTo(count("select count(*) from relationship"));
        assertThat(summary.eventInstances()).isGreaterThan(SETTINGS.events())
                .isEqualTo(count("select count(*) from event_instance"));
        assertThat(summary.orders()).isEqualTo(count("select count(*) from customer_order"));
        assertThat(summary.facilitatedOrders())
                .isEqualTo(count("select count(*) from customer_order where facilitator_id is not null"));
        assertThat(summary.returnedTickets()).isEqualTo(count("select count(*) from ticket where status = 'RETURNED'"));
        assertThat(summary.memberships()).isPositive().isEqualTo(count("select count(*) from membership"));
        assertThat(summary.donations()).isPositive().isEqualTo(count("select count(*) from donation"));
        assertThat(summary.preferences()).isPositive().isEqualTo(count("select count(*) from partner_preference"));
        assertThat(summary.took()).isPositive();
        assertThat(progress).anyMatch(line -> line.startsWith("customers:"))
                .anyMatch(line -> line.startsWith("sales:"));
    }

    // covers F-2: about one order in ten is made by someone else, along each kind of facilitating link
    @Test
    void facilitatesAboutOneOrderInTenForChildrenCaredForOrganisationsAndSpouses() {
        double share = (double) summary.facilitatedOrders() / summary.orders();
        assertThat(share).isBetween(0.08, 0.12);
        assertThat(jdbc.sql("""
                select distinct t.a_label from customer_order o
                  join relationship r on r.id = o.relationship_id
                  join relationship_type t on t.id = r.type_id
                 order by 1
                """).query(String.class).list()).containsExactly("Booker", "Carer", "Parent", "Spouse");
    }

    // covers F-2, F-3
    @Test
    void everyFacilitatedOrderIsAllowedByItsRelationship() {
        assertThat(count("""
                select count(*) from customer_order o
                  left join relationship r on r.id = o.relationship_id
                  left join relationship_type t on t.id = r.type_id
                  left join customer f on f.id = o.facilitator_id
                 where o.facilitator_id is not null
                   and not coalesce(f.kind = 'INDIVIDUAL' and o.facilitator_id <> o.owner_id
                        and ((r.customer_a_id = o.facilitator_id and r.customer_b_id = o.owner_id and t.a_acts_for_b)
                          or (r.customer_b_id = o.facilitator_id and r.customer_a_id = o.owner_id and t.b_acts_for_a)),
                       false)
                """)).isZero();
        assertThat(count("select count(*) from customer_order"
                + " where (facilitator_id is null) <> (relationship_id is null)"))
                .isZero();
    }

    // covers F-1: a plain relationship type exists and carries no facilitated order
    @Test
    void linksFriendsWithAPlainRelationshipThatNeverFacilitates() {
        assertThat(count("""
                select count(*) from relationship r join relationship_type t on t.id = r.type_id
                 where not t.a_acts_for_b and not t.b_acts_for_a
                """)).isPositive();
        assertThat(count("""
                select count(*) from customer_order o join relationship r on r.id = o.relationship_id
                  join relationship_type t on t.id = r.type_id
                 where not t.a_acts_for_b and not t.b_acts_for_a
                """)).isZero();
        assertThat(count("select min(importance) from relationship")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void neverSellsMoreSeatsThanAPerformanceHas() {
        assertThat(count("""
                select count(*) from event_instance ei
                 where ei.capacity < (select count(*) from ticket t
                                       where t.event_instance_id = ei.id and t.status = 'SOLD')
                """)).isZero();
        assertThat(count("""
                select count(*) from event_instance ei
                 where ei.capacity = (select count(*) from ticket t where t.event_instance_id = ei.id)
                """)).as("sold-out performances").isPositive();
    }

    @Test
    void playsPerformancesFromAYearAgoToThreeMonthsAheadAndSellsThemBeforeTheyStart() {
        assertThat(count("select count(*) from event_instance where starts_at < '2026-06-01T09:00:00Z'")).isPositive();
        assertThat(count("select count(*) from event_instance where starts_at > '2026-06-01T09:00:00Z'")).isPositive();
        assertThat(count("""
                select count(*) from event_instance
                 where starts_at < timestamptz '2026-06-01T00:00:00Z' - interval '366 days'
                    or starts_at > timestamptz '2026-06-01T00:00:00Z' + interval '93 days'
                """)).isZero();
        assertThat(count("""
                select count(*) from ticket t join customer_order o on o.id = t.order_id
                  join event_instance ei on ei.id = t.event_instance_id
                 where o.confirmed_at >= ei.starts_at
                """)).isZero();
        assertThat(count("select count(*) from customer_order where confirmed_at > '2026-06-01T09:00:00Z'")).isZero();
        assertThat(count("""
                select count(*) from customer_order o join customer c on c.id in (o.owner_id, o.facilitator_id)
                 where c.created_at > o.confirmed_at
                """)).as("orders by customers not yet created").isZero();
    }

    @Test
    void returnsAFewTicketsAfterTheyWereBought() {
        double share = (double) summary.returnedTickets() / summary.tickets();
        assertThat(share).isBetween(0.01, 0.05);
        assertThat(count("""
                select count(*) from ticket t join customer_order o on o.id = t.order_id
                 where t.status = 'RETURNED'
                   and not (t.returned_at > o.confirmed_at and t.returned_at <= '2026-06-01T09:00:00Z')
                """)).isZero();
    }

    @Test
    void numbersTheLinesOfEachOrderFromZero() {
        for (String table : List.of("ticket", "membership", "donation")) {
            assertThat(count("select count(*) from (select order_id from " + table
                    + " group by order_id having min(line_number) <> 0 or max(line_number) <> count(*) - 1) gaps"))
                    .as(table).isZero();
        }
        assertThat(count("""
                select count(*) from customer_order o
                 where not exists (select 1 from ticket t where t.order_id = o.id)
                   and not exists (select 1 from membership m where m.order_id = o.id)
                   and not exists (select 1 from donation d where d.order_id = o.id)
                """)).as("empty orders").isZero();
    }

    // covers F-7: the owner's membership decides, also when someone else books
    @Test
    void sellsMembersPricesOnlyToOwnersHoldingAValidMembership() {
        assertThat(count("""
                select count(*) from ticket t join price_band b on b.id = t.price_band_id
                 where b.membership_scheme_id is not null
                """)).isPositive();
        assertThat(count("""
                select count(*) from ticket t
                  join price_band b on b.id = t.price_band_id
                  join customer_order o on o.id = t.order_id
                 where b.membership_scheme_id is not null
                   and not exists (select 1 from membership m join customer_order mo on mo.id = m.order_id
                                    where m.member_id = o.owner_id
                                      and m.membership_scheme_id = b.membership_scheme_id
                                      and mo.confirmed_at <= o.confirmed_at
                                      and (o.confirmed_at at time zone 'Europe/London')::date
                                          between m.valid_from and m.valid_to)
                """)).isZero();
        assertThat(count("""
                select count(*) from membership m join customer_order o on o.id = m.order_id
                 where m.member_id <> o.owner_id
                """)).isZero();
        assertThat(count("select count(*) from ticket t join price_band b on b.id = t.price_band_id "
                + "where b.name = 'Comp' and t.price <> 0")).isZero();
    }

    // covers P-3, P-4, P-7
    @Test
    void recordsPreferencesOnlyOfConfirmingCustomersForCollectingPartnerCompaniesTheyBookedFor() {
        assertThat(count("""
                select count(*) from partner_preference pp
                  join partner_company pc on pc.id = pp.partner_company_id
                 where not pc.collects_preferences
                    or not exists (select 1 from customer_order o
                                     join ticket t on t.order_id = o.id
                                     join event_instance ei on ei.id = t.event_instance_id
                                     join event_partner_company epc on epc.event_id = ei.event_id
                                    where epc.partner_company_id = pp.partner_company_id
                                      and coalesce(o.facilitator_id, o.owner_id) = pp.customer_id)
                """)).isZero();
        assertThat(jdbc.sql("select distinct state from partner_preference order by 1").query(String.class).list())
                .containsExactlyInAnyOrder("NOT_ASKED", "NO", "YES");
        assertThat(jdbc.sql("select distinct channel from partner_preference order by 1").query(String.class).list())
                .contains("ACCOUNT_PAGE", "BOX_OFFICE", "IMPORT", "ONLINE_CHECKOUT");
        assertThat(count("""
                select count(*) from partner_preference
                 where channel in ('ONLINE_CHECKOUT', 'ACCOUNT_PAGE') and state not in ('YES', 'NO')
                """)).isZero();
        assertThat(count("""
                select count(*) from (select distinct coalesce(o.facilitator_id, o.owner_id) customer_id,
                                             epc.partner_company_id
                                        from customer_order o
                                        join ticket t on t.order_id = o.id
                                        join event_instance ei on ei.id = t.event_instance_id
                                        join event_partner_company epc on epc.event_id = ei.event_id
                                        join partner_company pc on pc.id = epc.partner_company_id
                                       where pc.collects_preferences) booked
                 where not exists (select 1 from partner_preference pp
                                    where pp.customer_id = booked.customer_id
                                      and pp.partner_company_id = booked.partner_company_id)
                """)).as("booked for, but no record (NOT_ASKED by P-3)").isPositive();
    }

    // covers P-8: the database wrote one history row for each preference it received
    @Test
    void keepsOneHistoryRowPerPreference() {
        assertThat(count("select count(*) from partner_preference_history")).isEqualTo(summary.preferences());
        assertThat(count("""
                select count(*) from partner_preference pp
                 where not exists (select 1 from partner_preference_history h
                                    where h.customer_id = pp.customer_id
                                      and h.partner_company_id = pp.partner_company_id
                                      and h.state = pp.state and h.set_at = pp.set_at and h.channel = pp.channel
                                      and h.previous_state is null)
                """)).isZero();
    }

    // covers F-5, F-6
    @Test
    void createsCustomersAsAVenueHasThem() {
        double withoutEmail = (double) count("select count(*) from customer where email is null") / summary.customers();
        assertThat(withoutEmail).isBetween(0.12, 0.3);
        assertThat(count("select count(distinct lower(email)) from customer"))
                .isEqualTo(count("select count(email) from customer"));
        assertThat(count("select count(*) from customer where kind = 'ORGANISATION'")).isPositive();
        assertThat(count("select count(*) from customer where created_channel = 'ONLINE_SOMEONE_ELSE'")).isPositive();
        assertThat(count("""
                select count(*) from customer where created_channel = 'ONLINE_SOMEONE_ELSE'
                   and (email is not null or online_access)
                """)).isZero();
        assertThat(count("""
                select count(*) from customer a join customer b
                    on a.id < b.id and a.first_name = b.first_name and a.last_name = b.last_name
                  join relationship ra on ra.customer_b_id = a.id
                  join relationship rb on rb.customer_b_id = b.id and rb.customer_a_id = ra.customer_a_id
                 where b.created_channel = 'ONLINE_SOMEONE_ELSE'
                """)).as("possible duplicates of someone-else records").isPositive();
        assertThat(count("select count(distinct substring(postcode from '^[A-Z]+')) from customer")).isGreaterThan(20);
        assertThat(count("select count(*) from customer where phone is not null")).isPositive();
        assertThat(count("select count(*) from customer where mobile is not null")).isPositive();
        assertThat(count("""
                select count(distinct floor(extract(year from age(date '2026-06-01', date_of_birth)) / 10))
                  from customer where date_of_birth is not null
                """)).as("decades of age").isGreaterThanOrEqualTo(8);
        assertThat(jdbc.sql("select distinct created_channel from customer order by 1").query(String.class).list())
                .contains("BOX_OFFICE", "ONLINE", "ONLINE_SOMEONE_ELSE");
    }

    // covers P-1, P-7
    @Test
    void describesPartnerCompaniesInWikitextAndLeavesAboutAThirdNotCollecting() {
        assertThat(count("select count(*) from partner_company where not collects_preferences")).isEqualTo(5);
        assertThat(count("""
                select count(*) from partner_company
                 where web_description like '%''''''%''''''%' and web_description like '%[https://%]%'
                """)).isPositive();
        assertThat(count("select count(distinct lower(name)) from partner_company")).isEqualTo(15);
    }

    // covers P-2
    @Test
    void givesEventsNoneToThreePartnerCompaniesAndEveryPartnerCompanyAnEvent() {
        List<Long> partnersByEvent = jdbc.sql("""
                select count(epc.partner_company_id) from event e
                  left join event_partner_company epc on epc.event_id = e.id
                 group by e.id
                """).query(Long.class).list();
        assertThat(partnersByEvent).contains(0L).anyMatch(count -> count >= 2).allMatch(count -> count <= 3);
        assertThat(count("""
                select count(*) from partner_company pc
                 where not exists (select 1 from event_partner_company epc where epc.partner_company_id = pc.id)
                """)).isZero();
    }

    @Test
    void generatesTheSameVenueFromTheSameSeed() {
        String first = checksum();
        StoreReset.emptyAllTables(jdbc);
        generator.generate(SETTINGS, line -> { });
        assertThat(checksum()).isEqualTo(first);

        StoreReset.emptyAllTables(jdbc);
        generator.generate(SETTINGS.withSeed(43), line -> { });
        assertThat(checksum()).isNotEqualTo(first);
    }

    @Test
    void refusesAStoreThatAlreadyHasCustomers() {
        assertThatThrownBy(() -> generator.generate(SETTINGS, line -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds 3,000 customers");
        assertThat(count("select count(*) from customer")).isEqualTo(SETTINGS.customers());
    }

    @Test
    void refusesAStoreWithOtherDataEvenWithoutCustomers() {
        StoreReset.emptyAllTables(jdbc);
        jdbc.sql("insert into partner_company (name, collects_preferences) values ('Kept Company', true)").update();
        assertThatThrownBy(() -> generator.generate(SETTINGS, line -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partner_company");
        assertThat(count("select count(*) from partner_company")).isOne();
    }

    @Test
    void leavesTheStoreAsItWasWhenTheSettingsCannotBeMet() {
        StoreReset.emptyAllTables(jdbc);
        String schema = schema();
        // One event cannot play the performances that ten million tickets need.
        GeneratorSettings impossible = new GeneratorSettings(7, NOW, 500, 1, 3, 10_000_000);
        assertThatThrownBy(() -> generator.generate(impossible, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raise events");
        assertThat(count("select count(*) from customer")).isZero();
        assertThat(count("select count(*) from relationship")).isZero();
        assertThat(schema()).isEqualTo(schema);
    }

    // Foreign keys and indexes are set aside during the load; they must all be back, and checked.
    @Test
    void keepsEveryConstraintIndexAndTriggerOfTheSchema() {
        StoreReset.emptyAllTables(jdbc);
        String before = schema();
        generator.generate(SETTINGS, line -> { });
        assertThat(schema()).isEqualTo(before);
        assertThat(count("select count(*) from pg_constraint where contype = 'f' and convalidated "
                + "and conrelid = 'ticket'::regclass")).isEqualTo(3);
    }

    @Test
    void loadsATinyVenueWithoutPartnerCompaniesOrTickets() {
        StoreReset.emptyAllTables(jdbc);
        GenerationSummary tiny = generator.generate(new GeneratorSettings(1, NOW, 100, 1, 0, 0), line -> { });
        assertThat(tiny.customers()).isEqualTo(100).isEqualTo(count("select count(*) from customer"));
        assertThat(tiny.tickets()).isZero();
        assertThat(tiny.orders()).isZero();
        assertThat(tiny.partnerCompanies()).isZero();
        assertThat(tiny.eventInstances()).isEqualTo(count("select count(*) from event_instance")).isPositive();
    }

    @Test
    void handsOutNewIdsAfterTheGeneratedOnes() {
        long id = jdbc.sql("""
                insert into customer (kind, first_name, last_name, created_channel)
                values ('INDIVIDUAL', 'Ada', 'Lovelace', 'BOX_OFFICE') returning id
                """).query(Long.class).single();
        assertThat(id).isEqualTo(SETTINGS.customers() + 1);
        for (String table : List.of("relationship", "event_instance", "customer_order", "ticket", "membership",
                "donation", "partner_preference_history")) {
            assertThat(count("select nextval(pg_get_serial_sequence('" + table + "', 'id'))"))
                    .as(table).isEqualTo(count("select max(id) + 1 from " + table));
        }
    }

    private String checksum() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("customer", "relationship", "partner_company", "event", "event_instance",
                "customer_order", "ticket", "membership", "donation")) {
            all.append(jdbc.sql("select md5(string_agg(x::text, '|' order by x.id)) from " + table + " x")
                    .query(String.class).single());
        }
        all.append(jdbc.sql("""
                select md5(string_agg(x::text, '|' order by x.customer_id, x.partner_company_id))
                  from partner_preference x
                """).query(String.class).single());
        return all.toString();
    }

    /** Constraints, indexes and triggers of the store, as the catalogue defines them. */
    private String schema() {
        return jdbc.sql("""
                select string_agg(definition, E'\\n' order by definition) from (
                    select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' '
                           || convalidated as definition
                      from pg_constraint where connamespace = current_schema()::regnamespace
                    union all
                    select pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid
                      from pg_index i join pg_class c on c.oid = i.indrelid
                     where c.relnamespace = current_schema()::regnamespace
                    union all
                    select tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text
                      from pg_trigger where not tgisinternal) catalogue
                """).query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
