package io.avrogate.cli.demo;

import io.avrogate.check.SchemaRegistration;
import io.avrogate.check.SchemaRepository;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.util.Map;

/**
 * Registers every version under schemas/ into the registry, as the CI {@code avrogate register} step does after the
 * check passes on the main branch: referenced subjects first, oldest version first, each subject's level pinned.
 * Producers never register schemas themselves; from here on the registry holds exactly what was reviewed in git.
 */
final class RegisterSchemasStep implements DemoStep {
    /** What the registration did. */
    record Registered(SchemaRegistration.Outcome outcome) implements Result {
        @Override
        public String summary() {
            return outcome.registered() + " versions of " + outcome.subjects() + " subjects registered, "
                    + outcome.levelsSet() + " compatibility levels pinned from subject.yaml";
        }
    }

    @Override
    public String title() {
        return "Register the reviewed schemas (what CI runs after a merge)";
    }

    Registered run(DemoContext context, StartStackStep.Stack stack) {
        SchemaRegistration.Outcome outcome;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", stack.registryUrl()))) {
            outcome = new SchemaRegistration(SchemaRepository.load(context.schemas()), client, false, line -> { }).run();
        }
        context.story().count("registered.versions", outcome.registered());
        context.story().count("registered.levels", outcome.levelsSet());
        context.hint("./avrogate register --registry " + stack.registryUrl() + "    # again: changes nothing");
        context.hint("curl " + stack.registryUrl() + "/subjects/ad-clicks-value/versions/latest");
        return new Registered(outcome);
    }
}
