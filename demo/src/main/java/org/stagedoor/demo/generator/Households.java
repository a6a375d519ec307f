package org.stagedoor.demo.generator;

import java.sql.SQLException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

import org.postgresql.copy.CopyManager;

import org.stagedoor.demo.generator.ReferenceData.LinkType;

/**
 * Customers and their relationships, generated household by household so that related customers
 * have neighbouring ids and creation times: single adults, couples (spouses may book for each other),
 * families whose children a parent created online as "someone else" (F-5, some twice, F-6), carers
 * and the people they care for, and organisations with the individuals who book for them (F-3).
 * Some primary adults also have a friend: a plain relationship that allows no facilitation (F-1).
 */
final class Households {

    private static final int CHUNK = 50_000;

    private static final double LEGACY_SHARE = 0.7;

    private final SplittableRandom random;

    private final Timeline timeline;

    private final ReferenceData reference;

    private final Population population;

    private final int size;

    private final int legacy;

    private final double legacyStep;

    private final double recentStep;

    private final CopyRows customers = new CopyRows("customer", """
            id, kind, title, first_name, last_name, organisation_name, email, phone, mobile, date_of_birth,
            postcode, online_access, created_channel, created_at""");

    private final CopyRows relationships = new CopyRows("relationship",
            "id, type_id, customer_a_id, customer_b_id, importance, created_at");

    private int nextId = 1;

    /** Facilitating links of the household being generated: type ordinal, relationship, facilitator, owner. */
    private final IntList pending = new IntList();

    private Households(GeneratorSettings settings, Timeline timeline, ReferenceData reference) {
        this.random = Seeds.random(settings.seed(), Seeds.CUSTOMERS);
        this.timeline = timeline;
        this.reference = reference;
        this.size = settings.customers();
        this.population = new Population(size, timeline.customersSince);
        this.legacy = (int) Math.round(size * LEGACY_SHARE);
        this.legacyStep = (double) (timeline.salesOpen - timeline.customersSince) / legacy;
        this.recentStep = (double) (timeline.now - 3_600 - timeline.salesOpen) / (size - legacy);
    }

    static Population load(GeneratorSettings settings, Timeline timeline, ReferenceData reference, CopyManager copy,
            Progress progress) throws SQLException {
        Households households = new Households(settings, timeline, reference);
        while (households.nextId <= households.size) {
            households.household();
            if (households.customers.pendingRows() >= CHUNK) {
                households.flush(copy);
                progress.loaded("customers", households.customers.rows(), households.size);
            }
        }
        households.flush(copy);
        Population population = households.population;
        population.relationships = households.relationships.rows();
        progress.done(String.format(Locale.ROOT, "%,d customers and %,d relationships", population.size,
                population.relationships), population.size + population.relationships);
        return population;
    }

    /** Customers first: their relationships refer to them. */
    private void flush(CopyManager copy) throws SQLException {
        customers.flush(copy);
        relationships.flush(copy);
    }

    private void household() {
        int first = nextId;
        String surname = Words.pick(random, Words.SURNAMES);
        String postcode = random.nextDouble() < 0.8 ? postcode() : null;
        String landline = random.nextDouble() < 0.35 ? landline() : null;
        double kind = random.nextDouble();
        int primary;
        if (kind < 0.55) {
            primary = adult(surname, postcode, landline, 18, 92, false);
        }
        else if (kind < 0.79) {
            primary = couple(surname, postcode, landline);
        }
        else if (kind < 0.89) {
            primary = family(surname, postcode, landline);
        }
        else if (kind < 0.93) {
            primary = carer(surname, postcode, landline);
        }
        else {
            primary = organisation(postcode, landline);
        }
        if (primary != 0 && first > 50 && random.nextDouble() < 0.12) {
            friend(primary, first);
        }
        int householdEnd = nextId - 1;
        for (int i = 0; i < pending.size(); i += 4) {
            population.links[pending.get(i)].add(pending.get(i + 1), pending.get(i + 2), pending.get(i + 3),
                    householdEnd);
        }
        pending.clear();
    }

    private int couple(String surname, String postcode, String landline) {
        int first = adult(surname, postcode, landline, 22, 90, false);
        String second = random.nextDouble() < 0.7 ? surname : Words.pick(random, Words.SURNAMES);
        int partner = adult(second, postcode, landline, 22, 90, false);
        link(LinkType.SPOUSE, first, partner, 1);
        return first;
    }

    private int family(String surname, String postcode, String landline) {
        int parent = adult(surname, postcode, landline, 26, 56, false);
        int otherParent = random.nextDouble() < 0.6 ? adult(surname, postcode, landline, 26, 58, false) : 0;
        if (otherParent != 0) {
            link(LinkType.SPOUSE, parent, otherParent, 1);
        }
        int children = 1 + random.nextInt(3);
        for (int i = 0; i < children; i++) {
            String first = firstName(random.nextBoolean() ? Gender.FEMALE : Gender.MALE);
            boolean someoneElse = population.online(parent) && random.nextDouble() < 0.85;
            int child = dependent(Population.CHILD, first, surname, someoneElse, postcode, 2, 17, 0.75);
            if (child == 0) {
                break;
            }
            link(LinkType.PARENT, parent, child, 1);
            if (otherParent != 0) {
                link(LinkType.PARENT, otherParent, child, 1);
            }
            if (someoneElse && random.nextDouble() < 0.05) {
                // F-6: the parent created the same child again, on a later visit.
                int duplicate = dependent(Population.CHILD, first, surname, true, null, 2, 17, 0);
                if (duplicate != 0) {
                    link(LinkType.PARENT, parent, duplicate, 1);
                }
            }
        }
        return parent;
    }

    private int carer(String surname, String postcode, String landline) {
        int carer = adult(surname, postcode, landline, 30, 75, false);
        boolean someoneElse = carer != 0 && population.online(carer) && random.nextDouble() < 0.4;
        String last = random.nextDouble() < 0.6 ? surname : Words.pick(random, Words.SURNAMES);
        int caredFor = dependent(Population.CARED_FOR, firstName(Gender.random(random)), last, someoneElse,
                postcode, 65, 98, 0.6);
        link(LinkType.CARER, carer, caredFor, 1);
        return carer;
    }

    private int organisation(String postcode, String landline) {
        int id = take();
        if (id == 0) {
            return 0;
        }
        long created = created(id);
        String name = random.nextDouble() < 0.7
                ? String.format(Words.pick(random, Words.ORGANISATION_PATTERNS), Words.pick(random, Words.TOWNS))
                : String.format(Words.pick(random, Words.FIRM_PATTERNS), Words.pick(random, Words.SURNAMES));
        String domain = slug(name) + ".example.org";
        String channel = pickChannel(created, 0.55, 0.15, 0.30);
        String email = channel.equals("ONLINE") || random.nextDouble() < 0.9 ? "bookings" + id + "@" + domain : null;
        customers.number(id).text("ORGANISATION").nullValue().nullValue().nullValue().text(name).text(email)
                .text(random.nextDouble() < 0.85 ? (landline != null ? landline : landline()) : null).nullValue()
                .nullValue().text(postcode != null ? postcode : postcode()).bool(email != null).text(channel)
                .timestamp(created);
        customers.endRow();
        population.add(id, created, Population.ORGANISATION, email != null);
        int bookers = random.nextDouble() < 0.8 ? 1 : 2;
        int primary = 0;
        for (int i = 0; i < bookers; i++) {
            int booker = adult(Words.pick(random, Words.SURNAMES), null, null, 22, 68, true, domain);
            link(LinkType.BOOKER, booker, id, i + 1);
            primary = primary == 0 ? booker : primary;
        }
        return primary;
    }

    private void friend(int primary, int householdStart) {
        for (int attempt = 0; attempt < 4; attempt++) {
            int other = 1 + random.nextInt(householdStart - 1);
            if (population.role(other) == Population.ADULT) {
                link(LinkType.FRIEND, primary, other, 2 + random.nextInt(3));
                return;
            }
        }
    }

    private int adult(String surname, String postcode, String landline, int minAge, int maxAge, boolean booker) {
        return adult(surname, postcode, landline, minAge, maxAge, booker, null);
    }

    /** An adult individual; a booker always has an e-mail address, at the organisation's domain. */
    private int adult(String surname, String postcode, String landline, int minAge, int maxAge, boolean booker,
            String workDomain) {
        int id = take();
        if (id == 0) {
            return 0;
        }
        long created = created(id);
        Gender gender = Gender.random(random);
        String first = firstName(gender);
        String channel = pickChannel(created, 0.45, 0.38, 0.03);
        boolean hasEmail = booker || channel.equals("ONLINE") || random.nextDouble() < 0.9;
        String email = hasEmail ? email(first, surname, id, workDomain) : null;
        String mobile = random.nextDouble() < 0.6 ? mobile() : null;
        LocalDate birth = random.nextDouble() < 0.35 ? birthDate(minAge, maxAge) : null;
        customers.number(id).text("INDIVIDUAL").text(gender.title(random)).text(first).text(surname).nullValue()
                .text(email).text(landline).text(mobile);
        date(birth);
        customers.text(postcode).bool(email != null).text(channel).timestamp(created);
        customers.endRow();
        population.add(id, created, Population.ADULT, email != null);
        return id;
    }

    /**
     * A child or a cared-for person. Created online by someone else (F-5): names only, no e-mail,
     * no online access; otherwise at the box office, with the household's postcode.
     */
    private int dependent(byte role, String first, String surname, boolean someoneElse, String postcode, int minAge,
            int maxAge, double birthDateShare) {
        int id = take();
        if (id == 0) {
            return 0;
        }
        long created = created(id);
        LocalDate birth = random.nextDouble() < birthDateShare ? birthDate(minAge, maxAge) : null;
        customers.number(id).text("INDIVIDUAL").text(role == Population.CARED_FOR && !someoneElse
                ? Gender.random(random).title(random) : null).text(first).text(surname).nullValue().nullValue()
                .nullValue().nullValue();
        date(birth);
        customers.text(someoneElse ? null : postcode).bool(false)
                .text(someoneElse ? "ONLINE_SOMEONE_ELSE" : "BOX_OFFICE").timestamp(created);
        customers.endRow();
        population.add(id, created, role, false);
        return id;
    }

    private void date(LocalDate date) {
        if (date == null) {
            customers.nullValue();
        }
        else {
            customers.date(date.toEpochDay());
        }
    }

    /** Links two customers of this household (or a friend); facilitating ones are registered afterwards. */
    private void link(LinkType type, int a, int b, int importance) {
        if (a == 0 || b == 0) {
            return;
        }
        int id = Math.toIntExact(relationships.rows() + 1);
        relationships.number(id).number(reference.typeId(type)).number(a).number(b).number(importance)
                .timestamp(Math.max(population.createdAt(a), population.createdAt(b)));
        relationships.endRow();
        if (type.aActsForB) {
            addPending(type, id, a, b);
        }
        if (type.bActsForA) {
            addPending(type, id, b, a);
        }
    }

    private void addPending(LinkType type, int relationship, int facilitator, int owner) {
        pending.add(type.ordinal());
        pending.add(relationship);
        pending.add(facilitator);
        pending.add(owner);
    }

    /** The next customer id, or 0 once the settings' number of customers is reached. */
    private int take() {
        return nextId <= size ? nextId++ : 0;
    }

    /**
     * Creation times grow with the id: most records predate the sales period (imported or long-standing
     * customers), the rest arrive evenly through it up to an hour before "now".
     */
    private long created(int id) {
        double base;
        double step;
        if (id <= legacy) {
            base = timeline.customersSince + (id - 1) * legacyStep;
            step = legacyStep;
        }
        else {
            base = timeline.salesOpen + (id - legacy - 1) * recentStep;
            step = recentStep;
        }
        long jitter = step >= 2 ? random.nextLong((long) step) : 0;
        return (long) base + jitter;
    }

    private String pickChannel(long created, double boxOffice, double online, double administrator) {
        double r = random.nextDouble();
        if (created < timeline.salesOpen) {
            if (r < boxOffice) {
                return "BOX_OFFICE";
            }
            if (r < boxOffice + online) {
                return "ONLINE";
            }
            return r < boxOffice + online + administrator ? "ADMINISTRATOR" : "IMPORT";
        }
        if (r < administrator) {
            return "ADMINISTRATOR";
        }
        return r < administrator + (1 - administrator) * 0.37 ? "BOX_OFFICE" : "ONLINE";
    }

    private String firstName(Gender gender) {
        return Words.pick(random, switch (gender) {
            case FEMALE -> Words.FEMALE;
            case MALE -> Words.MALE;
            case NEUTRAL -> Words.NEUTRAL;
        });
    }

    /** Unique whatever the case, because the local part ends with the id and names hold no digits. */
    private String email(String first, String last, int id, String workDomain) {
        String f = slug(first);
        String l = slug(last);
        String local = switch (random.nextInt(5)) {
            case 0 -> f + "." + l;
            case 1 -> f.charAt(0) + l;
            case 2 -> f + "_" + l;
            case 3 -> l + "." + f.charAt(0);
            default -> f + l.charAt(0);
        };
        String email = local + id + "@" + (workDomain != null ? workDomain : Words.pick(random, Words.EMAIL_DOMAINS));
        // Some people type their address with capitals; the store treats it as the same address.
        return random.nextDouble() < 0.04 ? Character.toUpperCase(email.charAt(0)) + email.substring(1) : email;
    }

    /** Lower-case ASCII letters only: "Siân O'Brien" becomes "sianobrien". */
    private static String slug(String text) {
        String plain = (isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFD))
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length() && out.length() < 24; i++) {
            char c = plain.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            }
        }
        return out.isEmpty() ? "guest" : out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private String postcode() {
        double area = random.nextDouble();
        String district = Words.pick(random, area < 0.55 ? Words.LONDON_POSTCODE_DISTRICTS
                : area < 0.88 ? Words.HOME_COUNTIES_POSTCODE_DISTRICTS : Words.ELSEWHERE_POSTCODE_DISTRICTS);
        String letters = Words.POSTCODE_LETTERS;
        return district + " " + (1 + random.nextInt(9)) + letters.charAt(random.nextInt(letters.length()))
                + letters.charAt(random.nextInt(letters.length()));
    }

    private String landline() {
        return Words.pick(random, Words.LANDLINE_EXCHANGES) + " 0" + threeDigits(random.nextInt(1000));
    }

    private String mobile() {
        return "07700 900" + threeDigits(random.nextInt(1000));
    }

    private static String threeDigits(int number) {
        return number < 10 ? "00" + number : number < 100 ? "0" + number : Integer.toString(number);
    }

    /** Ages spread between the bounds, more of them towards the middle. */
    private LocalDate birthDate(int minAge, int maxAge) {
        double position = (random.nextDouble() + random.nextDouble()) / 2;
        int age = minAge + (int) (position * (maxAge - minAge + 1));
        return timeline.today.minusYears(age).minusDays(random.nextInt(365));
    }

    private enum Gender {
        FEMALE, MALE, NEUTRAL;

        static Gender random(SplittableRandom random) {
            double r = random.nextDouble();
            return r < 0.48 ? FEMALE : r < 0.95 ? MALE : NEUTRAL;
        }

        String title(SplittableRandom random) {
            double r = random.nextDouble();
            return switch (this) {
                case FEMALE -> r < 0.35 ? "Ms" : r < 0.65 ? "Mrs" : r < 0.75 ? "Miss" : r < 0.8 ? "Dr" : null;
                case MALE -> r < 0.78 ? "Mr" : r < 0.83 ? "Dr" : null;
                case NEUTRAL -> r < 0.5 ? "Mx" : r < 0.6 ? "Dr" : null;
            };
        }
    }
}
