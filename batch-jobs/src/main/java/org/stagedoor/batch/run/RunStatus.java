package org.stagedoor.batch.run;

/** Where a run stands; a COMPLETED run whose file has been deleted after its expiry is EXPIRED. */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, STOPPED, EXPIRED
}
