package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit beside {@code @CamelMainTest}: it attaches to the injected CamelContext. */
@CamelMainTest(properties = {"camel.component.asl.store=memory"})
class CamelMainKitTest {

    @BeanInject
    CamelContext context;

    @RegisterExtension
    AslTestExtension asl = new AslTestExtension(() -> context);

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("asl:Shop?definition=classpath:shop.asl.json");
                from("direct:charge").setBody(constant("{\"charged\": true}"));
                from("direct:ship").setBody(constant("{\"trackingId\": \"real\"}"));
            }
        });
    }

    @Test
    void theKitRunsTheStateMachineTheAppsRouteDeploys() {
        StateMachineUnderTest shop = asl.kit().stateMachine("Shop");
        shop.mock("Ship").thenReturn("{\"trackingId\": \"mocked\"}");

        assertThat(shop.run("{}")).succeeded()
                .hasOutput("{\"payment\": {\"charged\": true}, \"shipment\": {\"trackingId\": \"mocked\"}}");
    }
}
