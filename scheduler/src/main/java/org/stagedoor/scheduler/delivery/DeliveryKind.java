package org.stagedoor.scheduler.delivery;

/** What a delivery carries: a report run, or a notice to an administrator about something that went wrong. */
public enum DeliveryKind {

    REPORT, NOTICE
}
