package io.github.camelasl.route;

import io.github.camelasl.AslComponent;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** CamelContexts for the durable-execution tests: the asl: component keeps STANDARD executions in a given store. */
final class StoreContexts {

    private StoreContexts() {
    }

    /** A new context whose asl: component uses {@code store} ("sqlite" or "memory") in {@code storeFolder}. */
    static CamelContext withStore(String store, Path storeFolder) {
        CamelContext context = new DefaultCamelContext();
        AslComponent asl = new AslComponent();
        asl.setStore(store);
        asl.setStoreFolder(storeFolder.toString());
        context.addComponent("asl", asl);
        return context;
    }
}
