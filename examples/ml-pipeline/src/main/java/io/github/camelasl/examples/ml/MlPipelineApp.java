package io.github.camelasl.examples.ml;

import io.github.camelasl.AslConstants;
import io.github.camelasl.AslComponent;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.history.TracePrinter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Runs the ML pipeline once: a Camel app with the pipeline's beans, a route that sends the input to
 * {@code asl:ml-pipeline}, and a trace of every state as it runs.
 */
public final class MlPipelineApp {

    /** The pipeline in the JSONPath dialect. */
    public static final String JSONPATH_DEFINITION = "classpath:ml-pipeline.asl.json";
    /** The same pipeline in the JSONata dialect, with variables. */
    public static final String JSONATA_DEFINITION = "classpath:ml-pipeline-jsonata.asl.json";

    private MlPipelineApp() {
    }

    /** A CamelContext with the pipeline's beans and the route {@code direct:train-pipeline}. */
    public static CamelContext create(Tasks.Notifier notifier, String definition) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("dataValidator", new Tasks.DataValidator());
        context.getRegistry().bind("trainer", new Tasks.Trainer());
        context.getRegistry().bind("evaluator", new Tasks.Evaluator());
        context.getRegistry().bind("deployer", new Tasks.Deployer());
        context.getRegistry().bind("notifier", notifier);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:train-pipeline").routeId("train-pipeline").to("asl:ml-pipeline?definition=" + definition);
            }
        });
        return context;
    }

    /** Arguments: [jsonata] to run the JSONata twin, then optionally the input JSON. */
    public static void main(String[] args) throws Exception {
        boolean jsonata = args.length > 0 && args[0].equals("jsonata");
        int inputArg = jsonata ? 1 : 0;
        String input = args.length > inputArg ? args[inputArg] : resource("input.json");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        try (CamelContext context = create(new Tasks.Notifier(), jsonata ? JSONATA_DEFINITION : JSONPATH_DEFINITION)) {
            context.getComponent("asl", AslComponent.class).setHistoryListener(new TracePrinter(out));
            context.start();
            System.out.println("Input: " + input.replaceAll("\\s+", " "));
            try {
                Exchange reply = context.createProducerTemplate().request("direct:train-pipeline",
                        e -> e.getMessage().setBody(input));
                if (reply.getException() != null) {
                    throw reply.getException();
                }
                System.out.println("SUCCEEDED " + reply.getMessage().getHeader(AslConstants.EXECUTION_ARN));
                System.out.println("Output: " + reply.getMessage().getBody(String.class));
            } catch (AslError | CamelExecutionException e) {
                AslError error = e instanceof AslError a ? a : (AslError) e.getCause();
                System.out.println("FAILED " + error.error() + ": " + error.cause());
                System.exit(1);
            }
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = MlPipelineApp.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
