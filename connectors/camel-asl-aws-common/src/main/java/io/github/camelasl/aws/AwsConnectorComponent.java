package io.github.camelasl.aws;

/**
 * A connector's Camel component, whose AWS connection (region, endpoint, credentials) an application or the CLI
 * sets in one place for every connector.
 */
public interface AwsConnectorComponent {

    AwsConnectionConfiguration getConfiguration();
}
