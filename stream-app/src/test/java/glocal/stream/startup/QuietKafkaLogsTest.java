package glocal.stream.startup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietKafkaLogsTest {

    @Test
    void kafkaClientWarningsAreDroppedDuringACheckOnlyAndTheLevelComesBack() {
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        kafka.addAppender(seen);
        var before = kafka.getLevel();
        try {
            org.slf4j.Logger client =
                    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient");
            String answer =
                    QuietKafkaLogs.during(
                            () -> {
                                client.warn(
                                        "Connection to node -1 could not be established. Node may not be available.");
                                return "checked";
                            });
            client.warn("after the check");

            assertThat(answer).isEqualTo("checked");
            assertThat(seen.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("after the check");
            assertThat(kafka.getLevel()).isEqualTo(before);
        } finally {
            kafka.detachAppender(seen);
        }
    }
}
