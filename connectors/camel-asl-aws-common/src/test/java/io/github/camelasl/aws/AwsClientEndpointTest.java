package io.github.camelasl.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class AwsClientEndpointTest {

    private static final class Client implements SdkAutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static final class Counting extends AwsClientEndpoint<Client> {
        final AtomicInteger built = new AtomicInteger();
        Client configured;
        Client last;

        Counting(DefaultComponent component) {
            super("test:counting", component);
        }

        @Override
        protected Client configuredClient() {
            return configured;
        }

        @Override
        protected Client createClient(AwsEnvironment environment) {
            built.incrementAndGet();
            last = new Client();
            return last;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException();
        }
    }

    private static DefaultComponent component(DefaultCamelContext camel) {
        DefaultComponent component = new DefaultComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                throw new UnsupportedOperationException();
            }
        };
        component.setCamelContext(camel);
        return component;
    }

    @Test
    void theClientIsBuiltOnTheFirstCallNotWhenTheEndpointStarts() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Counting endpoint = new Counting(component(camel));
            endpoint.start(); // deploying a definition (or mocking its Task) needs no region or credentials
            assertEquals(0, endpoint.built.get());
            Client client = endpoint.client();
            assertSame(client, endpoint.client());
            assertEquals(1, endpoint.built.get());
            endpoint.stop();
            assertEquals(1, client.closed.get());
        }
    }

    @Test
    void aConfiguredClientIsUsedAsIsAndLeftOpen() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Counting endpoint = new Counting(component(camel));
            endpoint.configured = new Client();
            endpoint.start();
            assertSame(endpoint.configured, endpoint.client());
            endpoint.stop();
            assertEquals(0, endpoint.built.get());
            assertEquals(0, endpoint.configured.closed.get());
        }
    }
}
