package io.github.camelasl.engine;

/**
 * How a state machine is deployed: its name, type and the region/account its ARNs are built from.
 *
 * @param name      the state machine name (the last part of its ARN)
 * @param type      STANDARD or EXPRESS
 * @param partition ARN partition, "aws" unless configured
 * @param region    region used in ARNs
 * @param accountId account id used in ARNs
 * @param roleArn   reported as $$.Execution.RoleArn
 * @param retryIntervalScale multiplies Retry back-offs (0: retry at once), for local tests; 1 waits as AWS does
 */
public record StateMachineConfig(String name, String type, String partition, String region, String accountId,
        String roleArn, double retryIntervalScale) {

    public StateMachineConfig(String name, String type, String partition, String region, String accountId,
            String roleArn) {
        this(name, type, partition, region, accountId, roleArn, 1);
    }

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "123456789012";

    public static StateMachineConfig of(String name) {
        return new StateMachineConfig(name, "STANDARD", "aws", DEFAULT_REGION, DEFAULT_ACCOUNT, null);
    }

    public StateMachineConfig withType(String newType) {
        return new StateMachineConfig(name, newType, partition, region, accountId, roleArn, retryIntervalScale);
    }

    public StateMachineConfig withRegion(String newRegion) {
        return new StateMachineConfig(name, type, partition, newRegion, accountId, roleArn, retryIntervalScale);
    }

    public StateMachineConfig withAccountId(String newAccountId) {
        return new StateMachineConfig(name, type, partition, region, newAccountId, roleArn, retryIntervalScale);
    }

    public StateMachineConfig withRoleArn(String newRoleArn) {
        return new StateMachineConfig(name, type, partition, region, accountId, newRoleArn, retryIntervalScale);
    }

    public String stateMachineArn() {
        return "arn:" + partition + ":states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    /**
     * STANDARD executions are "execution:MACHINE:NAME"; EXPRESS ones "express:MACHINE:NAME:UUID", as AWS
     * writes them.
     */
    public String executionArn(String executionName) {
        String prefix = "arn:" + partition + ":states:" + region + ":" + accountId + ":";
        if ("EXPRESS".equals(type)) {
            return prefix + "express:" + name + ":" + executionName + ":" + Ids.uuid();
        }
        return prefix + "execution:" + name + ":" + executionName;
    }

    public String effectiveRoleArn() {
        return roleArn != null ? roleArn
                : "arn:" + partition + ":iam::" + accountId + ":role/camel-asl-" + name;
    }
}
