package io.github.camelasl.cli;

import io.github.camelasl.resource.ResourcePolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow-resource PATTERN} and {@code --deny-resource PATTERN}: glob patterns over Task Resources on top of
 * the default resource policy, which refuses what runs code or reads the host ({@code class:}, {@code exec:},
 * {@code file:}, {@code language:}, {@code bean:} naming a class, ...).
 */
final class ResourcePolicyOptions {

    @Option(names = "--allow-resource", paramLabel = "PATTERN",
            description = "allow Task Resources matching this glob ('*' matches anything), as written or as the Camel "
                    + "URI they resolve to, although the default resource policy denies them (it denies what runs "
                    + "code or reads the host: class:, exec:, file:, language:, sql:, bean: naming a class...), "
                    + "e.g. 'class:com.acme.Functions*'. Repeatable.")
    List<String> allowed = new ArrayList<>();

    @Option(names = "--deny-resource", paramLabel = "PATTERN",
            description = "deny Task Resources matching this glob, whatever else allows them (e.g. 'direct:admin-*'). "
                    + "Repeatable.")
    List<String> denied = new ArrayList<>();

    /** The default policy under the patterns; a pattern that is not a valid glob is a usage error (exit 2). */
    ResourcePolicy policy() {
        try {
            return ResourcePolicy.defaults().withPatterns(allowed, denied);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
