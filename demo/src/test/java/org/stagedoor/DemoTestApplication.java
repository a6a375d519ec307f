package org.stagedoor;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Boots the demo with the booking core, as its integration tests do. It sits in the root package, like the
 * application itself, so that scanning and the repositories cover the booking core too.
 */
@SpringBootApplication
public class DemoTestApplication {
}
