package org.stagedoor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import org.stagedoor.cli.CommandLine;

/**
 * Stagedoor: the partner portal, the admin console and the batch jobs in one application. With a
 * command as first argument (see {@link CommandLine}) it runs that command and exits instead.
 */
@SpringBootApplication
public class StagedoorApplication {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(args));
        }
        SpringApplication.run(StagedoorApplication.class, args);
    }
}
