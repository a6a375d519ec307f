package org.stagedoor.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTests {

    @Test
    void takesARollbackThatFailedAfterItsStatementLostTheServerForAnOutage() {
        // What a request met when the pool lent it a connection the server had just dropped
        // (DatabaseOutageIntegrationTests).
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(DatabaseOutage.explains(new IllegalStateException("Request processing failed", rollback))).isTrue();
    }

    @Test
    void leavesARollbackThatFailedAfterAnyOtherFailureAFailure() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalArgumentException("a bug"));

        assertThat(DatabaseOutage.explains(rollback)).isFalse();
        assertThat(DatabaseOutage.explains(new TransactionSystemException("JDBC commit failed"))).isFalse();
    }
}
