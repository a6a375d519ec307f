package org.stagedoor.demo.generator;

import java.util.SplittableRandom;

/**
 * The vocabulary of the generated venue. Names include apostrophes, hyphens and letters outside
 * ASCII on purpose, so that every later stage (COPY, reports, CSV and e-mail) meets them early.
 * Telephone numbers come from the ranges Ofcom reserves for drama, and e-mail domains from the
 * reserved example domains, so no generated record reaches a real person.
 */
final class Words {

    static final String[] FEMALE = list("""
            Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Florence Willow Emily Ella
            Poppy Evie Alice Sienna Charlotte Daisy Matilda Harper Zoë Siân Aoife Priya Aisha Fatima Maryam
            Chloe Hannah Lucy Sarah Rebecca Emma Laura Rachel Jessica Helen Catherine Margaret Susan Patricia
            Janet Anne Elizabeth Joan Renée Niamh Mairead Ngozi Chiamaka Yasmin Mei Ana Agnieszka Katarzyna
            """);

    static final String[] MALE = list("""
            Oliver George Noah Arthur Muhammad Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie
            Thomas James William Alfie Joshua Daniel Samuel Benjamin Joseph David Michael Richard Peter Paul
            Stephen Andrew Mark Christopher Robert John Ian Graham Keith Colin Rhys Dafydd Eoin Seán Callum
            Ravi Arjun Kwame Chidi Tomasz Piotr José Björn Mateo Omar Yusuf Hamza Kenji Wei Luca
            """);

    static final String[] NEUTRAL = list("""
            Alex Sam Jordan Charlie Robin Jamie Morgan Riley Eden Ashley Frankie Rowan Sky Jude Ellis Remy
            """);

    static final String[] SURNAMES = list("""
            Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans Walker
            White Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill Ward
            Hughes Moore Clark King Harrison Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker James
            Bennett Young Phillips Richardson Mitchell Bailey Carter Cook Singh Shaw Bell Collins Morgan Kelly
            Begum Miller Cox Marshall Simpson Anderson Ellis Adams Wilkinson Murphy O'Brien O'Connor
            O'Neill McDonald MacLeod Fitzgerald Ahmed Hussain Ali Okafor Mensah Nowak Kowalski Müller Núñez
            Okonkwo Smith-Jones Lloyd-Webber Ashworth Llewellyn Pritchard Gallagher Nguyen Chen Wong Kaur
            Gill Sharma Mistry Brennan Doherty Quinn Fraser Campbell Stewart Robertson Reid Murray Ross
            """);

    static final String[] TOWNS = list("""
            Islington Hackney Camden Lewisham Croydon Brixton Walthamstow Ealing Richmond Kingston Enfield
            Barnet Harrow Greenwich Bromley Stratford Peckham Dulwich Clapham Highbury Watford Reading Luton
            Guildford Chelmsford Brighton Oxford Cambridge Stevenage Woking Sevenoaks Dartford Romford Slough
            """);

    static final String[] ORGANISATION_PATTERNS = {
        "%s Primary School", "%s Academy", "%s U3A", "%s Amateur Dramatic Society", "%s Women's Institute",
        "%s Rotary Club", "%s Youth Theatre", "%s Library Reading Group", "%s Community Choir",
        "%s Sixth Form College", "%s Care Home", "%s Social Club",
    };

    static final String[] FIRM_PATTERNS = {
        "%s & Partners LLP", "%s Architects Ltd", "%s Consulting", "%s Holdings plc", "%s & Daughters",
    };

    static final String[] LONDON_POSTCODE_DISTRICTS = list("""
            N1 N4 N5 N7 N16 N19 E1 E2 E5 E8 E9 E15 E17 SE1 SE4 SE5 SE11 SE13 SE15 SE22 SE23 SW2 SW4 SW9
            SW11 SW12 SW16 SW18 W2 W3 W6 W12 W13 NW1 NW3 NW5 NW6 NW10 EC1V EC2A WC1H WC1N WC2N SW1A
            """);

    static final String[] HOME_COUNTIES_POSTCODE_DISTRICTS = list("""
            AL1 AL5 BR1 BR3 CR0 CR2 DA1 EN1 EN5 HA1 HA5 IG1 KT1 KT6 RM1 SM1 TW1 TW9 UB8 WD17 GU1 RH1 SL1 ME1
            CM1 CT1 LU1 MK9 OX1 OX4 RG1 CB1 CB2 BN1 BN2 SS1 HP1 SG1
            """);

    static final String[] ELSEWHERE_POSTCODE_DISTRICTS = list("""
            BS1 BS6 M1 M14 M20 LS1 LS6 B1 B15 EH1 EH3 G1 G12 CF10 CF24 NE1 L1 L8 S1 S10 NG1 NG7 YO1 EX1 PL1 BT1
            BT9 AB10 DD1 SA1 NR1 LE1 CV1 DE1
            """);

    /** Letters of the inward part of a postcode: C, I, K, M, O and V are never used there. */
    static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    /** Ofcom's drama ranges: the exchange part; four digits 0000-0999 follow. */
    static final String[] LANDLINE_EXCHANGES = {
        "020 7946", "0113 496", "0114 496", "0115 496", "0116 496", "0117 496", "0118 496", "0121 496",
        "0131 496", "0141 496", "0151 496", "0161 496", "0191 498", "029 2018",
    };

    static final String[] EMAIL_DOMAINS = {
        "example.com", "example.org", "example.net", "mail.example.com", "post.example.net",
    };

    static final String[] TITLE_WORDS_A = list("""
            Glass Paper Silver Winter Broken Hidden Burning Quiet Restless Borrowed Golden Midnight Salt Iron
            Velvet Crooked Drowned Lantern Painted Forgotten Wild Little Electric Hollow Scarlet Distant
            """);

    static final String[] TITLE_WORDS_B = list("""
            Orchard Lighthouse Garden Kingdom Harbour Crown Letters River Season Machine Circus Island Promise
            Shadows Hours Wedding Inheritance Country Daughters Brothers Station Archive Library Storm Tide
            """);

    static final String[] CLASSICS = {
        "Hamlet", "Twelfth Night", "Macbeth", "The Importance of Being Earnest", "A Christmas Carol",
        "The Seagull", "Hedda Gabler", "A Doll's House", "The Cherry Orchard", "Much Ado About Nothing",
        "Pygmalion", "Private Lives", "Blithe Spirit", "An Inspector Calls", "Waiting for Godot",
        "The Tempest", "Romeo and Juliet", "Cinderella (pantomime)", "Jack and the Beanstalk (pantomime)",
        "The Wind in the Willows", "Under Milk Wood", "Uncle Vanya", "She Stoops to Conquer",
    };

    static final String[] NIGHTS = {
        "Jazz in the Courtyard: %s", "Comedy Club with %s", "An Evening with %s", "%s in Concert",
        "Late Night Cabaret: %s", "Folk Sessions: %s", "Poetry Slam hosted by %s",
    };

    static final String[] COMPANY_WORDS_A = list("""
            Tin Paper Blue Red Northern Open Little Hidden Wandering Brass Bright Lantern Upstairs Kite
            """);

    static final String[] COMPANY_WORDS_B = list("""
            Heron Lantern Fox Door Boat Moon Hare Chair Engine Orchard Window Bicycle Ladder Compass
            """);

    static final String[] COMPANY_KINDS = {
        "Theatre", "Productions", "Theatre Company", "Collective", "Ensemble", "Live", "Opera", "Dance",
    };

    static final String[] FUNDS = {
        "Annual Fund", "Youth Theatre Fund", "Access Fund", "Building Appeal", "New Writing Fund",
    };

    static final String[] BOX_OFFICE_USERS = {
        "jpatel", "mokafor", "sbrennan", "lnguyen", "rharris", "tkowalski",
    };

    private Words() {
    }

    static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String[] list(String text) {
        return text.trim().split("\\s+");
    }
}
