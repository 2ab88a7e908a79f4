package io.avrogate.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every module's dependencies on other reactor modules against the layering rule (see {@link Layer}).
 * Counted are the dependencies on its classpath outside tests: its own of every scope but test, and through those,
 * what Maven passes on (compile and runtime). Test-scope dependencies are free: any module may test with testkit.
 */
final class LayeringCheck {
    private LayeringCheck() {}

    /** One message per broken rule, naming both modules, the chain of dependencies between them and the rule. */
    static List<String> violations(Reactor reactor, Map<String, Layer> layers) {
        List<String> violations = new ArrayList<>();
        for (String module : reactor.dependencies().keySet()) {
            Layer layer = layers.get(module);
            if (layer == null) {
                violations.add("module " + module + " has no layer: place it in Layer.OF_MODULE (and in DESIGN.md's module table)");
                continue;
            }
            classpath(reactor, module).forEach((target, path) -> {
                String rule = brokenRule(module, layer, target, layers.get(target));
                if (rule != null) {
                    violations.add(module + " depends on " + target + " (" + String.join(" → ", path) + "): " + rule);
                }
            });
        }
        return violations;
    }

    /** The rule a dependency of {@code module} on {@code target} breaks, or null when it is allowed. */
    private static String brokenRule(String module, Layer layer, String target, Layer targetLayer) {
        if (targetLayer == null) return null; // reported as a module without a layer
        if (targetLayer == Layer.END) return "nothing may depend on " + target + ", an end of the dependency graph";
        if (layer == Layer.LIBRARY && targetLayer == Layer.SERVICE) {
            return "a library must not depend on a service";
        }
        if (layer == Layer.SERVICE && targetLayer == Layer.SERVICE) {
            return "a service must not depend on another service";
        }
        if (layer == Layer.LIBRARY && target.equals(Layer.SERVER_COMMON) && !module.equals(Layer.SERVER_COMMON)) {
            return "libraries never depend on " + Layer.SERVER_COMMON + " (only services may)";
        }
        if ((layer == Layer.LIBRARY || layer == Layer.SERVICE) && targetLayer == Layer.TEST_SUPPORT) {
            return "test support belongs in test scope only";
        }
        return null;
    }

    /**
     * The reactor modules on {@code module}'s classpath outside tests, each with the shortest chain of dependencies
     * that puts it there (breadth first), starting with {@code module}.
     */
    private static Map<String, List<String>> classpath(Reactor reactor, String module) {
        Map<String, List<String>> reached = new LinkedHashMap<>();
        Deque<List<String>> queue = new ArrayDeque<>();
        queue.add(List.of(module));
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String from = path.get(path.size() - 1);
            boolean direct = path.size() == 1;
            for (Reactor.Edge edge : reactor.dependencies().getOrDefault(from, List.of())) {
                boolean onClasspath = direct ? !edge.scope().equals("test") : edge.transitive();
                if (!onClasspath || edge.module().equals(module) || reached.containsKey(edge.module())) continue;
                List<String> longer = new ArrayList<>(path);
                longer.add(edge.module());
                reached.put(edge.module(), List.copyOf(longer));
                queue.add(longer);
            }
        }
        return reached;
    }
}
