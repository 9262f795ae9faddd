package io.github.camelasl.cli;

import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.resource.ResourceMappingException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code --resource-map FILE}: mapping files read in the order given; the first file's rules are tried first. */
final class ResourceMaps {

    static final String OPTION_DESCRIPTION = "a file mapping Task Resources to Camel URIs, tried before the AWS "
            + "connectors: .properties lines PATTERN = URI, or JSON {\"mappings\": [{\"resource\": PATTERN, "
            + "\"uri\": URI}]}; '*' in a pattern matches anything, {1}, {2}... in the URI is what it matched "
            + "(e.g. arn:aws:lambda:*:*:function:* = direct:lambda-{3}). Repeatable: earlier files first.";

    private ResourceMaps() {
    }

    /** The mappings in {@code files}, in order; a file that cannot be read or used is a usage error (exit 2). */
    static List<ResourceMapping> load(List<String> files, InputStream stdin) {
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        List<ResourceMapping> mappings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String file : files) {
            if (Inputs.STDIN.equals(file) || file.isBlank()) {
                throw CliException.usage("--resource-map needs a file name");
            }
            String text = Inputs.read(file, stdin, "--resource-map file");
            try {
                mappings.add(ResourceMapping.parse(file, text));
            } catch (ResourceMappingException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw CliException.usage("invalid --resource-map:", problems);
        }
        return mappings;
    }
}
