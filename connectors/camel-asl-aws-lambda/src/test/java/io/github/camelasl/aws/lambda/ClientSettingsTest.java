package io.github.camelasl.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.camelasl.aws.AwsEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Region, endpoint and credentials: the options first, then the function ARN's region, then the environment. */
class ClientSettingsTest {

    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:score";
    private static final AwsEnvironment ENVIRONMENT = new AwsEnvironment(Map.of("AWS_REGION", "ap-south-1",
            "AWS_ENDPOINT_URL", "http://general", "AWS_ENDPOINT_URL_LAMBDA", "http://lambda")::get);

    @Test
    void theEnvironmentFillsWhatTheOptionsLeaveOpen() {
        ClientSettings settings = ClientSettings.of(new LambdaConfiguration(), null, ENVIRONMENT);
        assertEquals(new ClientSettings("ap-south-1", "http://lambda", null, null), settings);
    }

    @Test
    void theFunctionLivesInItsArnsRegion() {
        assertEquals("eu-west-1", ClientSettings.of(new LambdaConfiguration(), ARN, ENVIRONMENT).region());
    }

    @Test
    void optionsWin() {
        LambdaConfiguration options = new LambdaConfiguration();
        options.setRegion("us-west-2");
        options.setUriEndpointOverride("http://127.0.0.1:4566");
        options.setAccessKey("key");
        options.setSecretKey("secret");
        ClientSettings settings = ClientSettings.of(options, ARN, ENVIRONMENT);
        assertEquals(new ClientSettings("us-west-2", "http://127.0.0.1:4566", "key", "secret"), settings);
        assertFalse(settings.toString().contains("secret"), settings::toString);
    }

    @Test
    void anAccessKeyWithoutSecretMeansTheDefaultChain() {
        LambdaConfiguration options = new LambdaConfiguration();
        options.setAccessKey("key");
        assertNull(ClientSettings.of(options, null, new AwsEnvironment(name -> null)).accessKey());
        assertEquals("us-east-1", ClientSettings.of(options, null, new AwsEnvironment(name -> null)).region());
    }
}
