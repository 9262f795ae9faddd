package io.github.camelasl.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelasl.AslComponent;
import io.github.camelasl.engine.VirtualClock;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.engine.ExecutionObserver;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A kit on a context that outlives it (a cached one) leaves the asl component as it found it. */
class KitOnASharedContextTest {

    @Test
    void closingTheKitRestoresTheComponent() {
        DefaultCamelContext context = new DefaultCamelContext();
        AslComponent component = new AslComponent();
        component.setStore("memory");
        context.addComponent("asl", component);
        context.start();
        try {
            List<io.github.camelasl.resource.ResourceResolver> resolversBefore = List.copyOf(component.getResourceResolvers());
            AslTestKit first = AslTestKit.of(context);
            AslTestKit second = AslTestKit.of(context);
            assertThat(component.getClock()).isInstanceOf(VirtualClock.class);
            assertThat(component.getResourceResolvers()).hasSize(resolversBefore.size() + 1);

            first.close();
            assertThat(component.getClock()).as("the second kit still runs on it").isInstanceOf(VirtualClock.class);
            second.close();

            assertThat(component.getClock()).isNull();
            assertThat(component.getResourceResolvers()).containsExactlyElementsOf(resolversBefore);
        } finally {
            context.stop();
        }
    }

    @Test
    void aClosedKitsObserverIsSilent() {
        List<String> told = new ArrayList<>();
        ForwardingObserver observer = new ForwardingObserver(new ExecutionObserver() {
            @Override
            public void onEvent(String executionArn, HistoryEvent event) {
                told.add(executionArn);
            }
        });
        observer.forwarding = true;
        observer.onEvent("a", null);
        observer.forwarding = false;
        observer.onEvent("b", null);
        assertThat(told).containsExactly("a");
    }
}
