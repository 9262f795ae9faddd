package io.github.camelasl.engine;

/**
 * How a state machine is deployed: its name (the last part of its ARN), type (STANDARD or EXPRESS), the
 * partition ("aws" unless configured), region and account id its ARNs are built from, the role ARN reported as
 * $$.Execution.RoleArn, and retryIntervalScale, which multiplies Retry back-offs for local tests (0: retry at
 * once; 1 waits as AWS does), and the limits its executions run under. A value: equal configurations deploy the
 * same state machine.
 */
public final class StateMachineConfig {

    private final String name;
    private final String type;
    private final String partition;
    private final String region;
    private final String accountId;
    private final String roleArn;
    private final double retryIntervalScale;
    private final ExecutionLimits limits;
    private final EngineClock clock;
    /** Built once: every execution records it (a string per execution was a tenth of a parked one's heap). */
    private final String stateMachineArn;
    private final String executionArnPrefix;
    private final String effectiveRoleArn;

    public StateMachineConfig(String name, String type, String partition, String region, String accountId,
            String roleArn, double retryIntervalScale) {
        this(name, type, partition, region, accountId, roleArn, retryIntervalScale, ExecutionLimits.DEFAULT);
    }

    public StateMachineConfig(String name, String type, String partition, String region, String accountId,
            String roleArn, double retryIntervalScale, ExecutionLimits limits) {
        this(name, type, partition, region, accountId, roleArn, retryIntervalScale, limits, EngineClock.system());
    }

    private StateMachineConfig(String name, String type, String partition, String region, String accountId,
            String roleArn, double retryIntervalScale, ExecutionLimits limits, EngineClock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.name = name;
        this.type = type;
        this.partition = partition;
        this.region = region;
        this.accountId = accountId;
        this.roleArn = roleArn;
        this.retryIntervalScale = retryIntervalScale;
        String prefix = "arn:" + partition + ":states:" + region + ":" + accountId + ":";
        this.stateMachineArn = prefix + "stateMachine:" + name;
        this.executionArnPrefix = prefix + (express() ? "express:" : "execution:") + name + ":";
        this.effectiveRoleArn = roleArn != null ? roleArn
                : "arn:" + partition + ":iam::" + accountId + ":role/camel-asl-" + name;
    }

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
        return new StateMachineConfig(name, newType, partition, region, accountId, roleArn, retryIntervalScale,
                limits, clock);
    }

    public StateMachineConfig withRegion(String newRegion) {
        return new StateMachineConfig(name, type, partition, newRegion, accountId, roleArn, retryIntervalScale,
                limits, clock);
    }

    public StateMachineConfig withAccountId(String newAccountId) {
        return new StateMachineConfig(name, type, partition, region, newAccountId, roleArn, retryIntervalScale,
                limits, clock);
    }

    public StateMachineConfig withRoleArn(String newRoleArn) {
        return new StateMachineConfig(name, type, partition, region, accountId, newRoleArn, retryIntervalScale,
                limits, clock);
    }

    public StateMachineConfig withLimits(ExecutionLimits newLimits) {
        return new StateMachineConfig(name, type, partition, region, accountId, roleArn, retryIntervalScale,
                newLimits, clock);
    }

    /**
     * The same configuration whose executions read and schedule on {@code newClock} (a {@link VirtualClock} in
     * tests); equal to this one, as a clock changes no deployed state machine.
     */
    public StateMachineConfig withClock(EngineClock newClock) {
        return new StateMachineConfig(name, type, partition, region, accountId, roleArn, retryIntervalScale, limits,
                newClock);
    }

    /** The clock its executions read and schedule on; {@link EngineClock#system()} unless one was given. */
    public EngineClock clock() {
        return clock;
    }

    /** The limits its executions run under (payload size, nesting depth, history events, names). */
    public ExecutionLimits limits() {
        return limits;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    /**
     * STANDARD executions are "execution:MACHINE:NAME"; EXPRESS ones "express:MACHINE:NAME:UUID", as AWS
     * writes them.
     */
    public String executionArn(String executionName) {
        if (express()) {
            return executionArnPrefix + executionName + ":" + Ids.uuid();
        }
        return executionArnPrefix + executionName;
    }

    public String effectiveRoleArn() {
        return effectiveRoleArn;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** An EXPRESS state machine: AWS keeps no history of its executions and runs no Stop or Redrive on them. */
    public boolean express() {
        return "EXPRESS".equals(type);
    }

    public String partition() {
        return partition;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String roleArn() {
        return roleArn;
    }

    public double retryIntervalScale() {
        return retryIntervalScale;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateMachineConfig that && name.equals(that.name) && type.equals(that.type)
                && partition.equals(that.partition) && region.equals(that.region)
                && accountId.equals(that.accountId) && java.util.Objects.equals(roleArn, that.roleArn)
                && Double.compare(retryIntervalScale, that.retryIntervalScale) == 0 && limits.equals(that.limits);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, type, partition, region, accountId, roleArn, retryIntervalScale,
                limits);
    }

    @Override
    public String toString() {
        return "StateMachineConfig[" + stateMachineArn + ", " + type + "]";
    }
}
