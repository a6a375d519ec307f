package org.stagedoor.booking;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the booking core alone, as every integration test of this module does. */
@SpringBootApplication
public class BookingCoreTestApplication {
}
