package org.stagedoor.find;

import org.springframework.stereotype.Component;

import org.stagedoor.audit.AuditLog;
import org.stagedoor.batch.run.RunStatus;

/**
 * The words the runs and audit pages, their filters and the audit export use for a run's status and an audit
 * entry's kind. Templates reach it as {@code @findWords}.
 */
@Component
public class FindWords {

    public String status(RunStatus status) {
        return switch (status) {
            case QUEUED -> "Waiting to start";
            case RUNNING -> "Running";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
            case STOPPED -> "Stopped";
            case EXPIRED -> "File expired";
        };
    }

    public String kind(AuditLog.Kind kind) {
        return switch (kind) {
            case LOGIN_OK -> "Signed in";
            case LOGIN_FAILED -> "Sign-in refused";
            case RUN_STARTED -> "Run started";
            case RUN_CANCELLED -> "Run stopped";
            case RUN_DOWNLOADED -> "File downloaded";
            case ADMIN_CHANGE -> "Administrator's change";
            case PASSWORD_SET -> "Password set";
            case SUBSCRIPTION_CHANGED -> "Reports by email changed";
            case API_CALL -> "API call";
            case API_REFUSED -> "API call refused";
            case SUBJECT_ACCESS -> "Data shared looked up";
            case MANIFEST_DOWNLOADED -> "Manifest downloaded";
            case CUSTOMER_ERASED -> "Customer erased";
        };
    }
}
