package io.github.camelasl.test;

import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link AslTestKit} per test class, closed after its last test:
 *
 * <pre>
 * &#64;RegisterExtension
 * static AslTestExtension asl = new AslTestExtension();
 *
 * &#64;Test
 * void charges() {
 *     StateMachineUnderTest orders = asl.kit().deploy("Orders", "classpath:orders.asl.json");
 *     ...
 * }
 * </pre>
 *
 * Beside CamelTestSupport or {@code @CamelMainTest}, give it the test's context:
 * {@code new AslTestExtension(() -> context)} (a field or {@code context()}), read when the kit is first asked for, so
 * from a test method or {@code @BeforeEach}, once the context exists. Registered on an instance field, the kit is
 * the test instance's (per test with JUnit's default lifecycle) and closed by the next kit's creator or after all.
 */
public final class AslTestExtension implements AfterAllCallback {

    private final Supplier<CamelContext> camelContext;
    private AslTestKit kit;
    private CamelContext kitContext;

    /** A kit with its own CamelContext. */
    public AslTestExtension() {
        this(null);
    }

    /** A kit on the test's CamelContext, which {@code camelContext} gives when the kit is first asked for. */
    public AslTestExtension(Supplier<CamelContext> camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * The test class's kit, made on first call. With a CamelContext supplier, a context other than the kit's (a new
     * one per test, as CamelTestSupport makes by default) gets a new kit, the former one closed.
     */
    public synchronized AslTestKit kit() {
        if (camelContext == null) {
            if (kit == null) {
                kit = AslTestKit.create();
            }
            return kit;
        }
        CamelContext context = camelContext.get();
        if (context == null) {
            throw new IllegalStateException("The CamelContext supplier gave null: ask for the kit from a test or "
                    + "@BeforeEach, once the test's context exists");
        }
        if (kit == null || kitContext != context) {
            if (kit != null) {
                kit.close();
            }
            kit = AslTestKit.of(context);
            kitContext = context;
        }
        return kit;
    }

    @Override
    public synchronized void afterAll(ExtensionContext extension) {
        if (kit != null) {
            kit.close();
            kit = null;
            kitContext = null;
        }
    }
}
