package io.avrogate.registry.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile requests, grouped by what they attack. Subjects named {@code victim-*} are throwaway; {@value #BASE} has
 * one registered version so that version and compatibility probes reach an existing subject too.
 */
final class HostileCatalogue {
    static final String BASE = "hostile-base-value";
    static final String BASE_SCHEMA = "{\"type\":\"record\",\"name\":\"Base\",\"namespace\":\"hostile\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int BAD_REQUEST = 400;
    static final int NOT_FOUND = 404;
    static final int METHOD_NOT_ALLOWED = 405;
    static final int TOO_LARGE_BODY = 413;
    static final int UNSUPPORTED_TYPE = 415;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int INVALID_LEVEL = 42203;
    static final int INVALID_MODE = 42204;
    static final int NOT_PERMITTED = 42205;
    static final int INVALID_SUBJECT = 42208;
    static final int SCHEMA_TOO_LARGE = 42209;

    private final long maxRequestBytes;
    private final int maxSchemaBytes;
    private final Random random;
    private final List<Probe> probes = new ArrayList<>();
    private int victims;

    HostileCatalogue(long maxRequestBytes, int maxSchemaBytes, long seed) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxSchemaBytes = maxSchemaBytes;
        this.random = new Random(seed);
    }

    List<Probe> build() {
        malformedJson();
        nonObjectBodies();
        wronglyTypedFields();
        invalidSchemas();
        deepNesting();
        sizes();
        subjectNames();
        versions();
        ids();
        contentTypes();
        methods();
        levelsAndModes();
        unknownFields();
        queryParameters();
        refusedByTheHttpLayer();
        requestLines();
        randomBodies();
        randomPaths();
        return probes;
    }

    private String victim() {
        return "victim-" + (++victims);
    }

    /** Every endpoint that reads a RegisterSchemaRequest, on a fresh subject or the base one. */
    private List<String[]> schemaEndpoints() {
        return List.of(
                new String[] {"POST", "/subjects/" + victim() + "/versions"},
                new String[] {"POST", "/subjects/" + BASE},
                new String[] {"POST", "/compatibility/subjects/" + BASE + "/versions/latest"},
                new String[] {"POST", "/compatibility/subjects/" + BASE + "/versions"});
    }

    private List<String[]> allBodyEndpoints() {
        List<String[]> out = new ArrayList<>(schemaEndpoints());
        out.add(new String[] {"PUT", "/config/" + victim()});
        out.add(new String[] {"PUT", "/mode/" + victim()});
        out.add(new String[] {"PUT", "/config"});
        out.add(new String[] {"PUT", "/mode"});
        return out;
    }

    private static String register(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private void malformedJson() {
        List<String> bodies = List.of("{", "}", "{\"schema\":", "{\"schema\": }", "{'schema':'int'}", "{\"schema\":\"int\",}",
                "{\"schema\":\"int\"} trailing", "[", "nul", "tru", "{\"schema\":NaN}", "{\"schema\":\"\\x\"}",
                "{\"schema\":\"\\u12\"}", "\u0000", "{\"schema\":\"a\"\"b\"}", "{,}", "{\"schema\" \"int\"}", "{{}}",
                "{\"schema\":01}", "{\"schema\":-}", "{\"schema\":1e}", "{\"schema\":\"unterminated}", "/* c */ {}",
                "{\"schema\":\"int\"}}", "{\"a\":[1,2,}", "{\"a\":[1,2]]", "{\"schema\":tru}", "{\"schema\":undefined}",
                "{\"\":}", "0x1F", "{\"schema\":\"int\"\n,,}", "FULL", "READONLY", "schema=int", "<xml/>", "{\"schema\":\"\t\"",
                "{\"a\":\"\\ud800\"", "\uFEFF{\"schema\":\"int\"}x", "{\"schema\":[}", "{\"schema\":{\"type\":}}");
        for (String[] e : allBodyEndpoints()) {
            for (String body : bodies) probes.add(Probe.json("malformed JSON " + body, e[0], e[1], body, BAD_REQUEST));
        }
        // Bytes that are not UTF-8 inside a JSON string.
        byte[] invalidUtf8 = {'{', '"', 's', 'c', 'h', 'e', 'm', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        for (String[] e : allBodyEndpoints()) {
            Probe p = Probe.json("invalid UTF-8", e[0], e[1], "", BAD_REQUEST);
            probes.add(new Probe(p.label(), p.method(), p.target(), p.headers(), invalidUtf8, BAD_REQUEST));
        }
    }

    private void nonObjectBodies() {
        List<String> bodies = List.of("[]", "[1]", "1", "-1.5", "\"str\"", "true", "false", "null", "[{\"schema\":\"int\"}]",
                "\"{\\\"schema\\\":\\\"int\\\"}\"", "1e999", "[[[]]]");
        for (String[] e : allBodyEndpoints()) {
            for (String body : bodies) probes.add(Probe.json("non-object body " + body, e[0], e[1], body, BAD_REQUEST));
        }
    }

    private void wronglyTypedFields() {
        String valid = BASE_SCHEMA.replace("Base", "Typed");
        List<String> fieldsAndValues = List.of(
                "\"schema\":1", "\"schema\":true", "\"schema\":{}", "\"schema\":[]", "\"schema\":{\"type\":\"string\"}",
                "\"schema\":\"int\",\"references\":\"x\"", "\"schema\":\"int\",\"references\":5", "\"schema\":\"int\",\"references\":[1]",
                "\"schema\":\"int\",\"references\":[{\"name\":1}]", "\"schema\":\"int\",\"references\":[{\"name\":\"a\",\"subject\":\"s\",\"version\":\"x\"}]",
                "\"schema\":\"int\",\"references\":{}", "\"schema\":\"int\",\"references\":[null]",
                "\"schema\":\"int\",\"version\":\"abc\"", "\"schema\":\"int\",\"version\":1.5", "\"schema\":\"int\",\"version\":2147483648",
                "\"schema\":\"int\",\"version\":[]", "\"schema\":\"int\",\"id\":true", "\"schema\":\"int\",\"id\":\"x\"",
                "\"schema\":\"int\",\"id\":99999999999", "\"schema\":\"int\",\"schemaType\":5", "\"schema\":\"int\",\"schemaType\":[]");
        for (String[] e : schemaEndpoints()) {
            for (String f : fieldsAndValues) probes.add(Probe.json("wrongly typed " + f, e[0], e[1], "{" + f + "}", BAD_REQUEST));
        }
        // Well-typed but not allowed: references that resolve to nothing, explicit ids outside IMPORT, wrong versions.
        List<String[]> semantic = List.of(
                new String[] {"\"references\":[{\"name\":\"x.Y\",\"subject\":\"no-such-subject\",\"version\":1}]", "42201"},
                new String[] {"\"references\":[{\"name\":\"x.Y\",\"subject\":\"" + BASE + "\",\"version\":0}]", "42201"},
                new String[] {"\"references\":[{\"name\":\"x.Y\",\"subject\":\"" + BASE + "\",\"version\":99}]", "42201"},
                new String[] {"\"references\":[{\"name\":\"x.Y\",\"subject\":\"\",\"version\":1}]", "42201"},
                new String[] {"\"schemaType\":\"PROTOBUF\"", "42201"},
                new String[] {"\"schemaType\":\"XML\"", "42201"},
                new String[] {"\"schemaType\":\"\"", "42201"});
        for (String[] e : schemaEndpoints()) {
            for (String[] s : semantic) {
                boolean verboseFree = true;
                probes.add(Probe.json("semantic " + s[0], e[0], e[1],
                        "{\"schema\":" + JSON.getNodeFactory().textNode(valid) + "," + s[0] + "}",
                        verboseFree && !(e[1].startsWith("/compatibility") && s[0].contains("schemaType\":\"PROTOBUF"))
                                ? Integer.valueOf(s[1]) : null));
            }
        }
        String register = "/subjects/" + victim() + "/versions";
        probes.add(Probe.json("explicit id outside IMPORT", "POST", register,
                "{\"schema\":" + JSON.getNodeFactory().textNode(valid) + ",\"id\":5}", NOT_PERMITTED));
        probes.add(Probe.json("version 0", "POST", register, "{\"schema\":" + JSON.getNodeFactory().textNode(valid) + ",\"version\":0}", INVALID_SCHEMA));
        probes.add(Probe.json("version 7 on an empty subject", "POST", register,
                "{\"schema\":" + JSON.getNodeFactory().textNode(valid) + ",\"version\":7}", INVALID_SCHEMA));
        probes.add(Probe.json("version -2", "POST", register, "{\"schema\":" + JSON.getNodeFactory().textNode(valid) + ",\"version\":-2}", INVALID_SCHEMA));
    }

    private void invalidSchemas() {
        List<String> schemas = List.of("", " ", "x", "{", "{}", "[\"null\"", "{\"type\":\"record\"}",
                "{\"type\":\"record\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"1abc\",\"fields\":[]}",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}",
                "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"1\"]}",
                "{\"type\":\"enum\",\"name\":\"E\"}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}",
                "{\"type\":\"fixed\",\"name\":\"F\",\"size\":\"x\"}", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2147483648}",
                "{\"type\":\"fixed\",\"name\":\"F\"}", "{\"type\":\"Foo\"}", "\"Foo\"", "\"no.such.Type\"", "{\"type\":\"array\"}",
                "{\"type\":\"map\"}", "[\"int\",\"int\"]", "[[\"int\"]]",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\"}]}", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"type\":\"int\"}]}",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":{}}", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[1]}",
                "{\"type\":null}", "{\"type\":1}", "{\"type\":[]}", "{\"type\":{}}", "null", "1", "true",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"R2\"}]}",
                "{\"type\":\"record\",\"name\":\"a.b.\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"..\",\"fields\":[]}",
                "{\"type\":\"record\",\"name\":\"\u0000\",\"fields\":[]}", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"\",\"type\":\"int\"}]}",
                "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":\"A\"}");
        List<String> invalidDefaults = List.of(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":[\"null\",\"int\"],\"default\":1}]}");
        for (String[] e : schemaEndpoints()) {
            for (String s : schemas) probes.add(Probe.json("invalid schema " + s, e[0], e[1], register(s), INVALID_SCHEMA));
            // Confluent does not validate defaults: accepted (or judged for compatibility), never a crash.
            for (String s : invalidDefaults) probes.add(Probe.json("invalid default " + s, e[0], e[1], register(s), null));
        }
        // With verbose=true the check endpoints answer is_compatible=false with the parser's message instead.
        for (String s : schemas.subList(0, 10)) {
            probes.add(Probe.json("invalid schema, verbose " + s, "POST", "/compatibility/subjects/" + BASE + "/versions?verbose=true", register(s), null));
        }
    }

    private static String nested(String open, String leaf, String close, int depth) {
        StringBuilder b = new StringBuilder(depth * (open.length() + close.length()) + leaf.length());
        for (int i = 0; i < depth; i++) b.append(open.replace("#", Integer.toString(i)));
        b.append(leaf);
        for (int i = 0; i < depth; i++) b.append(close);
        return b.toString();
    }

    private void deepNesting() {
        int[] depths = {100, 500, 999, 1000, 1001, 2000, 10_000};
        for (int d : depths) {
            String arrays = nested("{\"type\":\"array\",\"items\":", "\"int\"", "}", d);
            String maps = nested("{\"type\":\"map\",\"values\":", "\"int\"", "}", d);
            String records = nested("{\"type\":\"record\",\"name\":\"R#\",\"fields\":[{\"name\":\"f\",\"type\":", "\"int\"", "}]}", d);
            String typeOfType = nested("{\"type\":", "\"int\"", "}", d);
            String unions = nested("[\"null\",", "\"int\"", "]", d);
            for (String[] e : schemaEndpoints()) {
                // Deep but valid schemas may be accepted; past the parser's nesting limit they are invalid. Never a crash.
                probes.add(Probe.json("nested arrays " + d, e[0], e[1], register(arrays), d > 1000 ? INVALID_SCHEMA : null));
                probes.add(Probe.json("nested maps " + d, e[0], e[1], register(maps), d > 1000 ? INVALID_SCHEMA : null));
                probes.add(Probe.json("nested records " + d, e[0], e[1], register(records), d > 250 ? INVALID_SCHEMA : null));
                probes.add(Probe.json("nested type-of-type " + d, e[0], e[1], register(typeOfType), d > 1000 ? INVALID_SCHEMA : null));
                probes.add(Probe.json("nested unions " + d, e[0], e[1], register(unions), INVALID_SCHEMA));
            }
        }
        // Deep schemas checked against deep earlier versions: the compatibility check walks both to the bottom.
        for (int d : new int[] {999}) {
            String subject = victim();
            for (String leaf : List.of("\"int\"", "\"long\"", "\"string\"")) {
                String arrays = nested("{\"type\":\"array\",\"items\":", leaf, "}", d);
                probes.add(Probe.json("deep chain arrays " + d + " " + leaf, "POST", "/subjects/" + subject + "/versions", register(arrays), null));
                probes.add(Probe.json("deep chain check " + d + " " + leaf, "POST",
                        "/compatibility/subjects/" + subject + "/versions?verbose=true", register(arrays), null));
            }
            String recordSubject = victim();
            for (String leaf : List.of("\"int\"", "\"long\"", "\"string\"")) {
                String records = nested("{\"type\":\"record\",\"name\":\"R#\",\"fields\":[{\"name\":\"f\",\"type\":", leaf, "}]}", d / 4);
                probes.add(Probe.json("deep chain records " + d / 4 + " " + leaf, "POST", "/subjects/" + recordSubject + "/versions", register(records), null));
            }
        }
        // Deeply nested JSON in the request body itself.
        for (int d : new int[] {1001, 10_000, 100_000}) {
            for (String[] e : allBodyEndpoints()) {
                probes.add(Probe.json("body nested arrays " + d, e[0], e[1], "{\"schema\":\"int\",\"x\":" + nested("[", "1", "]", d) + "}", BAD_REQUEST));
                probes.add(Probe.json("body nested objects " + d, e[0], e[1], nested("{\"a\":", "1", "}", d), BAD_REQUEST));
                probes.add(Probe.json("body of only brackets " + d, e[0], e[1], "[".repeat(d), BAD_REQUEST));
            }
        }
    }

    private void sizes() {
        // Over the request limit: refused before parsing.
        String overRequest = "{\"schema\":\"" + "a".repeat((int) maxRequestBytes) + "\"}";
        for (String[] e : allBodyEndpoints()) probes.add(Probe.json("body over the request limit", e[0], e[1], overRequest, TOO_LARGE_BODY));
        // Under the request limit but over the schema limit.
        String bigSchema = "{\"type\":\"record\",\"name\":\"Big\",\"doc\":\"" + "d".repeat(maxSchemaBytes) + "\",\"fields\":[]}";
        for (String[] e : schemaEndpoints()) {
            if (e[1].startsWith("/subjects/") && e[1].endsWith("/versions")) {
                probes.add(Probe.json("schema over the schema limit", e[0], e[1], register(bigSchema), SCHEMA_TOO_LARGE));
            } else {
                probes.add(Probe.json("schema over the schema limit", e[0], e[1], register(bigSchema), null));
            }
        }
        // An enum with very many symbols and a record with very many fields: large but legal.
        StringBuilder symbols = new StringBuilder();
        for (int i = 0; i < 20_000; i++) symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        probes.add(Probe.json("enum with 20,000 symbols", "POST", "/subjects/" + victim() + "/versions",
                register("{\"type\":\"enum\",\"name\":\"Many\",\"symbols\":[" + symbols + "]}"), null));
    }

    private void subjectNames() {
        List<String> encoded = new ArrayList<>();
        for (int c = 1; c < 0x20; c++) encoded.add(String.format("bad%%%02Xsubject", c));
        encoded.add("bad%7Fsubject");
        encoded.add("%20");
        encoded.add("%20%20%20");
        encoded.add("%09");
        encoded.add("x".repeat(4097));
        for (String s : encoded) {
            probes.add(Probe.json("invalid subject " + RawHttp.abbreviate(s), "POST", "/subjects/" + s + "/versions", register("\"int\""), INVALID_SUBJECT));
            probes.add(Probe.json("invalid subject config " + RawHttp.abbreviate(s), "PUT", "/config/" + s, "{\"compatibility\":\"NONE\"}", INVALID_SUBJECT));
            probes.add(Probe.json("invalid subject mode " + RawHttp.abbreviate(s), "PUT", "/mode/" + s, "{\"mode\":\"READONLY\"}", INVALID_SUBJECT));
            probes.add(Probe.bare("invalid subject read " + RawHttp.abbreviate(s), "GET", "/subjects/" + s + "/versions", null));
            probes.add(Probe.bare("invalid subject delete " + RawHttp.abbreviate(s), "DELETE", "/subjects/" + s, null));
        }
        // Malformed percent-encoding, invalid UTF-8, encoded slashes and dots, an over-long request line.
        List<String> malformed = List.of("%", "%zz", "%C3%28", "%ED%A0%80", "%FF%FE", "a%2Fb", "%2e%2e", "..", "a%00b", "%25",
                "%E2%9C%93-ok", "x".repeat(20_000), "%u0041", "a;b=c", "a%3Bb");
        for (String s : malformed) {
            probes.add(Probe.json("odd subject " + RawHttp.abbreviate(s), "POST", "/subjects/" + s + "/versions", register("\"int\""), null));
            probes.add(Probe.bare("odd subject read " + RawHttp.abbreviate(s), "GET", "/subjects/" + s + "/versions/1", null));
            probes.add(Probe.bare("odd subject config " + RawHttp.abbreviate(s), "GET", "/config/" + s, null));
        }
    }

    private void versions() {
        List<String> bad = List.of("0", "-2", "-100", "2147483648", "9999999999999", "abc", "1.5", "latest1", "1e3", "0x1",
                "%01", "-0", "-2147483648", "-2147483649", "%20", "lat%01est", "1%20abc", "NaN", "Infinity", "%C3%A9");
        for (String v : bad) {
            for (String s : List.of(BASE, "no-such-subject-v")) {
                probes.add(Probe.bare("bad version " + v, "GET", "/subjects/" + s + "/versions/" + v, INVALID_VERSION));
                probes.add(Probe.bare("bad version schema " + v, "GET", "/subjects/" + s + "/versions/" + v + "/schema", INVALID_VERSION));
                probes.add(Probe.bare("bad version referencedby " + v, "GET", "/subjects/" + s + "/versions/" + v + "/referencedby", INVALID_VERSION));
                probes.add(Probe.bare("bad version delete " + v, "DELETE", "/subjects/" + s + "/versions/" + v, INVALID_VERSION));
                probes.add(Probe.json("bad version compatibility " + v, "POST", "/compatibility/subjects/" + s + "/versions/" + v,
                        register(BASE_SCHEMA), INVALID_VERSION));
            }
        }
    }

    private void ids() {
        for (String id : List.of("-1", "0", "2147483647", "-2147483648", "123456789")) {
            for (String suffix : List.of("", "/schema", "/subjects", "/versions")) {
                probes.add(Probe.bare("unknown id " + id + suffix, "GET", "/schemas/ids/" + id + suffix, SCHEMA_NOT_FOUND));
            }
        }
        for (String id : List.of("2147483648", "-2147483649", "abc", "1.0", "0x10", "%01", "99999999999999999999", "%20", "1e2", "")) {
            for (String suffix : List.of("", "/schema", "/subjects", "/versions")) {
                probes.add(Probe.bare("non-numeric id " + id + suffix, "GET", "/schemas/ids/" + id + suffix, NOT_FOUND));
            }
        }
    }

    private void contentTypes() {
        List<String> types = List.of("text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "garbage", "image/png", "text/json", "application/jsonx", "application",
                "application/vnd.schemaregistry.v2+json");
        for (String[] e : allBodyEndpoints()) {
            for (String t : types) {
                probes.add(Probe.json("content type " + t, e[0], e[1], register("\"int\""), UNSUPPORTED_TYPE).withHeader("Content-Type", t));
            }
        }
        for (String accept : List.of("text/html", "application/xml", "image/png", "%%%", "text/plain;q=1")) {
            probes.add(Probe.bare("accept " + accept, "GET", "/subjects", 406).withHeader("Accept", accept));
            probes.add(Probe.json("accept " + accept, "POST", "/subjects/" + victim() + "/versions", register("\"int\""), 406)
                    .withHeader("Accept", accept));
        }
    }

    private void methods() {
        String[][] notAllowed = {{"PATCH", "/subjects"}, {"PUT", "/schemas/ids/1"}, {"DELETE", "/schemas/types"}, {"POST", "/config/x/y"},
                {"PATCH", "/subjects/" + BASE + "/versions"}, {"PUT", "/subjects/" + BASE}, {"DELETE", "/"}, {"PUT", "/schemas/types"},
                {"POST", "/schemas/ids/1"}, {"DELETE", "/compatibility/subjects/" + BASE + "/versions"}};
        for (String[] m : notAllowed) probes.add(Probe.bare("method " + m[0] + " " + m[1], m[0], m[1], null));
        for (String m : List.of("FOO", "TRACE", "CONNECT", "PROPFIND", "OPTIONS")) {
            probes.add(Probe.bare("method " + m, m, "/subjects", null));
        }
        for (String path : List.of("/nope", "/subjects/" + BASE + "/versions/1/extra/parts", "/schemas/ids", "//", "/subjects/",
                "/compatibility", "/config/a/b/c", "/mode/a/b")) {
            probes.add(Probe.bare("unknown path " + path, "GET", path, null));
        }
    }

    private void levelsAndModes() {
        List<String> levels = List.of("\"\"", "\"SIDEWAYS\"", "\"BACKWARD_TRANSITIVE2\"", "5", "true", "[]", "{}",
                "\"NONE\\u0000\"", "\"NONE;DROP\"", "[\"BACKWARD\"]", "\"FULL FULL\"", "-1");
        for (String l : levels) {
            probes.add(Probe.json("level " + l, "PUT", "/config/" + victim(), "{\"compatibility\":" + l + "}", INVALID_LEVEL));
            probes.add(Probe.json("global level " + l, "PUT", "/config", "{\"compatibility\":" + l + "}", INVALID_LEVEL));
        }
        List<String> modes = List.of("\"\"", "\"WRITEONLY\"", "\"READ WRITE\"", "5", "[]", "{}", "null", "\"IMPORTX\"",
                "\"READONLY\\u0000\"", "\"READWRITE;\"", "true", "[\"READONLY\"]");
        for (String m : modes) {
            probes.add(Probe.json("mode " + m, "PUT", "/mode/" + victim(), "{\"mode\":" + m + "}", INVALID_MODE));
            probes.add(Probe.json("global mode " + m, "PUT", "/mode", "{\"mode\":" + m + "}", INVALID_MODE));
        }
        probes.add(Probe.json("mode missing", "PUT", "/mode/" + victim(), "{}", INVALID_MODE));
        probes.add(Probe.json("global mode missing", "PUT", "/mode", "{\"modes\":\"READONLY\"}", INVALID_MODE));
    }

    private void unknownFields() {
        // Confluent 7.x ignores unknown fields: accepted, never a crash.
        for (int i = 0; i < 10; i++) {
            ObjectNode body = JSON.createObjectNode().put("schema", "{\"type\":\"record\",\"name\":\"U" + i + "\",\"fields\":[]}");
            body.put("bogus" + i, i).putObject("nested").putArray("x").add(1);
            body.put("", "empty key").putNull("\u0000");
            probes.add(Probe.json("unknown fields " + i, "POST", "/subjects/" + victim() + "/versions", body.toString(), null));
        }
        probes.add(Probe.json("unknown config fields", "PUT", "/config/" + victim(), "{\"compatibility\":\"NONE\",\"bogus\":[1,2]}", null));
        probes.add(Probe.json("unknown mode fields", "PUT", "/mode/" + victim(), "{\"mode\":\"READWRITE\",\"bogus\":{}}", null));
    }

    private void queryParameters() {
        List<String> targets = List.of("/subjects?deleted=maybe&subjectPrefix=%00", "/subjects?offset=abc&limit=-5",
                "/subjects?subjectPrefix=%ZZ", "/subjects?deleted", "/subjects?=&&&=", "/schemas/ids/1?fetchMaxId=xyz&subject=%00",
                "/subjects/" + BASE + "/versions?deletedOnly=%ZZ", "/subjects/" + BASE + "/versions/latest?deleted=%FF",
                "/config/" + BASE + "?defaultToGlobal=%", "/mode/" + BASE + "?defaultToGlobal=yes",
                "/subjects?subjectPrefix=" + "p".repeat(5000), "/schemas/ids/1?format=%C3%28", "/subjects?" + "a=1&".repeat(2000));
        for (String t : targets) probes.add(Probe.bare("query " + RawHttp.abbreviate(t), "GET", t, null));
        probes.add(Probe.json("query on register", "POST", "/subjects/" + victim() + "/versions?normalize=%ZZ&x=%", register("\"int\""), null));
        probes.add(Probe.json("query on compatibility", "POST", "/compatibility/subjects/" + BASE + "/versions?verbose=%&normalize=%FF",
                register(BASE_SCHEMA), null));
    }

    /** Jetty refuses these at the door (an encoded NUL or invalid UTF-8 in the path): a JSON 400 either way. */
    private void refusedByTheHttpLayer() {
        for (String target : List.of("/subjects/bad%00subject/versions", "/subjects/" + BASE + "/versions/%00",
                "/subjects/" + BASE + "/versions/%FF", "/schemas/ids/%00", "/config/%C3%28", "/mode/%FF%FE")) {
            probes.add(Probe.bare("refused by Jetty " + target, "GET", target, BAD_REQUEST));
            probes.add(Probe.json("refused by Jetty " + target, "POST", target, register("\"int\""), null));
            probes.add(Probe.bare("refused by Jetty " + target, "DELETE", target, null));
        }
    }

    private void requestLines() {
        // What a sloppy or hostile client puts in the request line and headers.
        probes.add(Probe.bare("raw space in path", "GET", "/subjects/a b/versions", null));
        probes.add(Probe.bare("raw tab in path", "GET", "/subjects/a\tb/versions", null));
        probes.add(Probe.bare("raw DEL in path", "GET", "/subjects/a\u007Fb/versions", null));
        probes.add(Probe.bare("raw high byte in path", "GET", "/subjects/a\u00FFb/versions", null));
        probes.add(Probe.bare("absolute-form target", "GET", "http://127.0.0.1/subjects", null));
        probes.add(Probe.bare("asterisk target", "GET", "*", null));
        probes.add(Probe.bare("no leading slash", "GET", "subjects", null));
        probes.add(Probe.bare("huge header", "GET", "/subjects", null).withHeader("X-Big", "h".repeat(20_000)));
        probes.add(Probe.bare("many headers", "GET", "/subjects", null).withHeader("X-A", "1").withHeader("X-B", "2".repeat(7000)));
        probes.add(Probe.json("bad content length", "POST", "/subjects/" + victim() + "/versions", register("\"int\""), null)
                .withHeader("Content-Length", "abc"));
        probes.add(Probe.json("negative content length", "POST", "/subjects/" + victim() + "/versions", register("\"int\""), null)
                .withHeader("Content-Length", "-5"));
    }

    private void randomBodies() {
        List<String[]> endpoints = allBodyEndpoints();
        List<String> types = List.of(Probe.V1, "application/json", "application/vnd.schemaregistry+json", "application/octet-stream");
        for (int i = 0; i < 400; i++) {
            String[] e = endpoints.get(random.nextInt(endpoints.size()));
            byte[] body = new byte[1 + random.nextInt(2000)];
            random.nextBytes(body);
            if (body[0] == '{' || body[0] == '[' || body[0] == '"' || Character.isWhitespace(body[0])) body[0] = '#';
            Probe p = Probe.json("random bytes #" + i, e[0], e[1], "", BAD_REQUEST).withHeader("Content-Type", types.get(random.nextInt(types.size())));
            probes.add(new Probe(p.label(), p.method(), p.target(), p.headers(), body, BAD_REQUEST));
        }
        // Random printable text that looks a little like JSON.
        String alphabet = "{}[]\":,0123456789abcdefnulltrue \\";
        for (int i = 0; i < 150; i++) {
            String[] e = endpoints.get(random.nextInt(endpoints.size()));
            StringBuilder text = new StringBuilder("{");
            int n = 1 + random.nextInt(300);
            for (int j = 0; j < n; j++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            probes.add(Probe.json("random JSON-ish #" + i, e[0], e[1], text.toString(), null));
        }
    }

    private void randomPaths() {
        for (int i = 0; i < 150; i++) {
            StringBuilder subject = new StringBuilder();
            int n = 1 + random.nextInt(60);
            for (int j = 0; j < n; j++) subject.append(String.format("%%%02X", random.nextInt(256)));
            String s = subject.toString();
            switch (i % 3) {
                case 0 -> probes.add(Probe.bare("random subject read #" + i, "GET", "/subjects/" + s + "/versions", null));
                case 1 -> probes.add(Probe.json("random subject register #" + i, "POST", "/subjects/" + s + "/versions", register("\"string\""), null));
                default -> probes.add(Probe.bare("random subject version #" + i, "GET", "/subjects/" + s + "/versions/latest/schema", null));
            }
        }
    }
}
