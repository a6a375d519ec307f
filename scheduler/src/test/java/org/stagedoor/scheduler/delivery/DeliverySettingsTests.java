package org.stagedoor.scheduler.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox's settings as Spring Boot binds them, and the waits between attempts. */
class DeliverySettingsTests {

    private static DeliverySettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("stagedoor.delivery", DeliverySettings.class);
    }

    @Test
    void theDefaultsAreSafeForProduction() {
        DeliverySettings settings = bind(Map.of());

        assertThat(settings.from()).isEqualTo("reports@stagedoor.local");
        assertThat(settings.administrators()).containsExactly("admin@stagedoor.local");
        assertThat(settings.portalBaseUrl()).isEqualTo("http://localhost:8080");
        assertThat(settings.maxAttachmentSize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.batchSize()).isEqualTo(20);
        assertThat(settings.maxAttempts()).isEqualTo(8);
        assertThat(settings.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.smtpReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.smtpWriteTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.staleSendingAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.senderEnabled()).isTrue();
    }

    @Test
    void theWaitDoublesFromAMinuteUpToAnHour() {
        DeliverySettings settings = bind(Map.of());

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8).stream().map(settings::backoffAfter).toList()).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void administratorsAreAListWithBlanksDropped() {
        Map<String, String> properties = new HashMap<>();
        properties.put("stagedoor.delivery.administrators", "ops@venue.example, ,boss@venue.example");

        assertThat(bind(properties).administrators()).containsExactly("ops@venue.example", "boss@venue.example");
    }

    @Test
    void anAdministratorOrSenderThatIsNotAnAddressIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("stagedoor.delivery.administrators", "ops@venue.example,ops")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("not an email address: 'ops'");
        assertThatThrownBy(() -> bind(Map.of("stagedoor.delivery.from", "reports")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("stagedoor.delivery.from");
    }

    @Test
    void aStaleLimitShorterThanOneSendCanTakeIsRefused() {
        // 10s to connect + 10 replies of up to 30s + 30s of writing: 340s.
        assertThatThrownBy(() -> bind(Map.of("stagedoor.delivery.stale-sending-after", "5m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("stale-sending-after").hasMessageContaining("PT5M40S");
        assertThat(bind(Map.of("stagedoor.delivery.stale-sending-after", "6m")).staleSendingAfter())
                .isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void theFileLinkDoesNotDoubleTheSlash() {
        assertThat(bind(Map.of("stagedoor.delivery.portal-base-url", "https://portal.example/")).fileLink(7))
                .isEqualTo("https://portal.example/runs/7/file");
        assertThat(bind(Map.of()).fileLink(7)).isEqualTo("http://localhost:8080/runs/7/file");
    }
}
