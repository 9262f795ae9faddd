package io.github.camelasl.aws.lambda;

import io.github.camelasl.aws.AwsEnvironment;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.aws2.lambda.Lambda2Configuration;
import org.apache.camel.component.aws2.lambda.Lambda2Endpoint;
import org.apache.camel.component.aws2.lambda.Lambda2Operations;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Invokes a Lambda function as an ASL Task does: asl-aws-lambda:function:NAME_OR_ARN for a function ARN as Resource,
 * asl-aws-lambda:invoke for arn:aws:states:::lambda:invoke. The request body is the
 * Task's effective input as JSON; the reply is the result; failures are AslErrors named as
 * on AWS. The call goes through a camel-aws2-lambda endpoint (operation invokeFunction).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-lambda", title = "ASL AWS Lambda",
             syntax = "asl-aws-lambda:integration:function", producerOnly = true,
             category = { Category.CLOUD, Category.SERVERLESS, Category.WORKFLOW })
public class LambdaEndpoint extends DefaultEndpoint {

    @UriPath(description = "How the Task calls Lambda: function (the Resource is the function's ARN) or invoke "
                           + "(arn:aws:states:::lambda:invoke, the parameters name the function).")
    @Metadata(required = true)
    private LambdaIntegration integration;
    @UriPath(description = "The function's name or ARN, with an optional qualifier (the function integration).")
    private String function;
    @UriParam
    private LambdaConfiguration configuration;

    private CapturingLambdaClient client;
    private Lambda2Endpoint aws2Lambda;

    public LambdaEndpoint(String uri, LambdaComponent component, LambdaConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new LambdaProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-lambda is a producer: a Task calls it");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (integration == null) {
            throw new IllegalArgumentException(getEndpointUri() + ": the integration (function or invoke) is missing");
        }
        if (integration == LambdaIntegration.function && (function == null || function.isBlank())) {
            throw new IllegalArgumentException(getEndpointUri() + ": asl-aws-lambda:function needs the function "
                    + "(asl-aws-lambda:function:<name or ARN>)");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LambdaComponent component = (LambdaComponent) getComponent();
        client = new CapturingLambdaClient(configuration.getLambdaClient() != null ? configuration.getLambdaClient()
                : component.clients().client(ClientSettings.of(configuration, function, AwsEnvironment.system())));
        Lambda2Configuration aws2 = new Lambda2Configuration();
        aws2.setOperation(Lambda2Operations.invokeFunction);
        // the producer builds the InvokeRequest itself: Qualifier, InvocationType, LogType, ClientContext
        aws2.setPojoRequest(true);
        aws2.setAwsLambdaClient(client);
        String name = function != null ? function : integration.name();
        aws2Lambda = new Lambda2Endpoint("aws2-lambda:" + name + "?operation=invokeFunction&pojoRequest=true",
                getCamelContext().getComponent("aws2-lambda"), aws2);
        aws2Lambda.setFunction(name);
        ServiceHelper.startService(aws2Lambda);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(aws2Lambda);
        super.doStop();
    }

    CapturingLambdaClient client() {
        return client;
    }

    Lambda2Endpoint aws2LambdaEndpoint() {
        return aws2Lambda;
    }

    ExecutorService invocations() {
        return ((LambdaComponent) getComponent()).invocations();
    }

    public LambdaIntegration getIntegration() {
        return integration;
    }

    public void setIntegration(LambdaIntegration integration) {
        this.integration = integration;
    }

    public String getFunction() {
        return function;
    }

    public void setFunction(String function) {
        this.function = function;
    }

    public LambdaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LambdaConfiguration configuration) {
        this.configuration = configuration;
    }
}
