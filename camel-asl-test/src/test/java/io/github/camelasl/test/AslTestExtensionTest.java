package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AslTestExtensionTest {

    @RegisterExtension
    static AslTestExtension asl = new AslTestExtension();

    @Test
    void oneKitPerTestClass() {
        assertThat(asl.kit()).isSameAs(asl.kit());
        StateMachineUnderTest hello = asl.kit().deploy("Hello", "{\"StartAt\": \"Hi\", \"States\": "
                + "{\"Hi\": {\"Type\": \"Pass\", \"Result\": \"hello\", \"End\": true}}}");
        assertThat(hello.run("{}")).succeeded().hasOutput("\"hello\"");
    }

    @Test
    void theKitIsClosedAfterAll() {
        AslTestExtension extension = new AslTestExtension();
        AslTestKit kit = extension.kit();

        extension.afterAll(null);

        assertThat(kit.camelContext().getStatus()).isEqualTo(ServiceStatus.Stopped);
        assertThat(extension.kit()).isNotSameAs(kit);
        extension.afterAll(null);
    }
}
