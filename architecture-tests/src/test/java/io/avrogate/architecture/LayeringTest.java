package io.avrogate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The layering rule of DESIGN.md holds for the poms of this reactor: a dependency that breaks it fails the build. */
class LayeringTest {
    /** Surefire runs in this module's folder; the reactor's root pom is one up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyModuleDependsOnlyOnWhatItsLayerAllows() throws Exception {
        Reactor reactor = Reactor.read(ROOT);

        // The poms were really read: known edges are there, with their scopes.
        assertThat(reactor.dependencies().get("cli")).contains(new Reactor.Edge("registry", "compile"));
        assertThat(reactor.dependencies().get("serde")).contains(new Reactor.Edge("testkit-registry", "test"));
        assertThat(LayeringCheck.violations(reactor, Layer.OF_MODULE)).as("layering violations").isEmpty();
    }

    @Test
    void theLayerTableNamesOnlyModulesTheReactorBuilds() throws Exception {
        assertThat(Reactor.read(ROOT).dependencies().keySet()).as("modules of " + ROOT.resolve("pom.xml"))
                .containsAll(Layer.OF_MODULE.keySet());
    }
}
