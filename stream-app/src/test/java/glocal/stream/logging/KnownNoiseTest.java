package glocal.stream.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The application's own logback.xml (not the tests' one): known noise out, real warnings in. */
class KnownNoiseTest {

    @Test
    void theShippedConfigDropsTheKnownNoiseAndKeepsRealWarningsOfTheSameLoggers() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = Path.of("src/main/resources/logback.xml").toUri().toURL();
        configurator.doConfigure(config);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);
        try {
            Logger cuda = context.getLogger("ai.djl.util.cuda.CudaUtils");
            Logger offsets =
                    context.getLogger(
                            "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils");
            Logger network = context.getLogger("org.apache.kafka.clients.NetworkClient");
            Logger ours = context.getLogger("glocal.stream.trainer.TrainerService");

            cuda.warn(
                    "Failed to detect GPU count: CUDA driver version is insufficient for CUDA runtime version (35)");
            // Kafka's LogContext puts the client's prefix in front of the message pattern.
            offsets.warn(
                    "[Consumer clientId=glocal-streams-1-global-consumer, groupId=null] Not updating last stable offset for partition {} as it is not available",
                    "titles-0");
            network.warn(
                    "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has already been closed.");
            network.warn(
                    "[Producer clientId=p] Connection to node {} could not be established. Node may not be available.",
                    -1);
            offsets.warn("Attempt to fetch offsets for partition {} failed", "views-0");
            ours.warn("checkpoint {} is unreadable", "ckpt-7");
            cuda.error("Failed to detect GPU count: an error stays an error");

            assertThat(seen.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "[Producer clientId=p] Connection to node -1 could not be established. Node may not be available.",
                            "Attempt to fetch offsets for partition views-0 failed",
                            "checkpoint ckpt-7 is unreadable",
                            "Failed to detect GPU count: an error stays an error");
        } finally {
            context.stop();
        }
    }

    @Test
    void aRuleWithoutLoggerOrMessageIsRefused() {
        KnownNoise noise = new KnownNoise();

        assertThatThrownBy(() -> noise.addIgnore("org.apache.kafka.clients.NetworkClient"))
                .hasMessageContaining("<logger name> | <piece of the message>");
        assertThatThrownBy(() -> noise.addIgnore(" | closed"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
