package org.stagedoor.cli;

import java.io.PrintStream;
import java.util.Set;

import org.springframework.stereotype.Component;

import org.stagedoor.cli.CommandLine.Options;
import org.stagedoor.demo.generator.GenerationSummary;
import org.stagedoor.demo.generator.GeneratorSettings;
import org.stagedoor.demo.generator.VenueDataGenerator;

/**
 * {@code generate-data}: loads a seeded venue of the given size into an empty store, for trying
 * Stagedoor at scale and for the benchmarks in bench/.
 */
@Component
class GenerateDataCommand {

    static final String NAME = "generate-data";

    private final VenueDataGenerator generator;

    GenerateDataCommand(VenueDataGenerator generator) {
        this.generator = generator;
    }

    int run(Options options, PrintStream out, PrintStream err) {
        options.allowOnly(Set.of("customers", "events", "partners", "tickets", "seed"));
        GeneratorSettings defaults = GeneratorSettings.demo();
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(options.positiveLong("seed", defaults.seed()), defaults.now(),
                    (int) Math.min(Integer.MAX_VALUE, options.positiveLong("customers", defaults.customers())),
                    (int) Math.min(Integer.MAX_VALUE, options.positiveLong("events", defaults.events())),
                    (int) Math.min(Integer.MAX_VALUE, options.positiveLong("partners", defaults.partnerCompanies())),
                    options.positiveLong("tickets", defaults.tickets()));
        }
        catch (IllegalArgumentException ex) {
            throw new CommandLine.UsageException(ex.getMessage());
        }
        GenerationSummary summary = generator.generate(settings, out::println);
        out.println("Generated " + summary);
        return CommandLine.OK;
    }
}
