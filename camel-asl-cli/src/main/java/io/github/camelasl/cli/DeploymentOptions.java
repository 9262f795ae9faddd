package io.github.camelasl.cli;

import io.github.camelasl.engine.StateMachineConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that deploy a definition to run it (run, test, test-state): the ARNs' region and
 * account, where Resources go (--resource-map), what they may call (the resource policy) and where stub classes are.
 */
final class DeploymentOptions {

    @Option(names = "--region", paramLabel = "R", defaultValue = StateMachineConfig.DEFAULT_REGION,
            description = "the region in ARNs (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--account-id", paramLabel = "ID", defaultValue = StateMachineConfig.DEFAULT_ACCOUNT,
            description = "the account id in ARNs (default: ${DEFAULT-VALUE})")
    String accountId;

    @Option(names = "--resource-map", paramLabel = "FILE", description = ResourceMaps.OPTION_DESCRIPTION)
    List<String> resourceMaps = new ArrayList<>();

    @Mixin
    ResourcePolicyOptions resourcePolicy;

    @Option(names = "--classpath", paramLabel = "PATH", description = StubClasspath.OPTION_DESCRIPTION)
    List<String> classpath = new ArrayList<>();
}
