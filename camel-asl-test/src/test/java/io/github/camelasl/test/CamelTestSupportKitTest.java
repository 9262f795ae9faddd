package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.AslComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit beside CamelTestSupport: it attaches to the test's context and finds the state machine its route deploys. */
class CamelTestSupportKitTest extends CamelTestSupport {

    @RegisterExtension
    AslTestExtension asl = new AslTestExtension(this::context);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        AslComponent component = new AslComponent();
        component.setStore("memory");
        camelContext.addComponent("asl", component);
        return camelContext;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("asl:Shop?definition=classpath:shop.asl.json");
                from("direct:charge").to("mock:charge").setBody(constant("{\"charged\": true}"));
                from("direct:ship").to("mock:ship").setBody(constant("{\"trackingId\": \"real\"}"));
            }
        };
    }

    @Test
    void aMockedStateDoesNotCallItsRouteTheOthersDo() throws Exception {
        MockEndpoint charge = getMockEndpoint("mock:charge");
        charge.expectedMessageCount(0);
        getMockEndpoint("mock:ship").expectedMessageCount(1);
        StateMachineUnderTest shop = asl.kit().stateMachine("Shop");
        shop.mock("Charge").thenReturn("{\"charged\": \"mocked\"}");

        ExecutionRun run = shop.run("{\"order\": 1}");

        assertThat(run).succeeded().hasOutput("{\"order\": 1, \"payment\": {\"charged\": \"mocked\"}, "
                + "\"shipment\": {\"trackingId\": \"real\"}}");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void withoutMocksEveryTaskCallsItsRoute() throws Exception {
        getMockEndpoint("mock:charge").expectedMessageCount(1);

        assertThat(asl.kit().stateMachine("Shop").run("{}")).succeeded().hasOutputAt("$.payment.charged", true);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void anExecutionTheRouteStartedIsAssertedByItsArn() {
        org.apache.camel.Exchange reply = template.request("direct:order", e -> e.getMessage().setBody("{\"order\": 2}"));
        String arn = reply.getMessage().getHeader(io.github.camelasl.AslConstants.EXECUTION_ARN, String.class);

        ExecutionRun run = asl.kit().stateMachine("Shop").execution(arn);

        assertThat(run).succeeded().tookPath("Charge", "Ship").hasOutputAt("$.order", 2);
        assertThat(run.statesEntered()).containsExactly("Charge", "Ship");
        assertThatThrownBy(() -> asl.kit().stateMachine("Shop").execution(arn + "-not"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no execution");
    }

    @Test
    void aStateMachineNoEndpointDeploysIsAnErrorNamingThoseThatAre() {
        assertThatThrownBy(() -> asl.kit().stateMachine("Shops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No state machine named 'Shops'")
                .hasMessageContaining("deployed: Shop");
    }
}
