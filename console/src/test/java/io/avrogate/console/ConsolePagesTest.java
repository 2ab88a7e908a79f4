package io.avrogate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's pages over real HTTP, on the real broker and registry, as the admin and as a reader of orders-*. */
@ExtendWith(RegistryExtension.class)
class ConsolePagesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConsoleFixture fixture;

    @BeforeAll
    static void start(EmbeddedKafka kafka, RegistryServer registry) throws IOException {
        fixture = new ConsoleFixture(kafka, registry);
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    @Test
    void theSubjectListSearchesAndSummarisesEachSubject() throws Exception {
        HttpResponse<String> page = get("admin", "/subjects?q=" + fixture.tag);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("4 subjects matching", fixture.orders, fixture.money, fixture.payments, fixture.clicks)
                .contains("An order placed in the shop")   // the latest version's doc
                .contains("<td>v2</td><td>" + fixture.ordersV2Id + "</td><td>2</td><td>BACKWARD</td>")
                .contains("io.avrogate.test.Money</a> (" + fixture.money + " v1)");  // payments uses money
        assertThat(get("admin", "/subjects?q=orders-" + fixture.tag).body())
                .contains("1 subject matching", fixture.orders).doesNotContain(fixture.clicks);
    }

    @Test
    void aSubjectPageShowsVersionsTheSchemaAndWhatUsesIt() throws Exception {
        String page = get("admin", "/subjects/" + fixture.money).body();
        assertThat(page).contains("Compatibility level <strong>BACKWARD</strong>", "1 version")
                .contains("<code>units</code>: <span class=\"type\">long</span>")
                .contains(fixture.payments + " v1");                                    // used by
        String orders = get("admin", "/subjects/" + fixture.orders + "?version=1").body();
        assertThat(orders).contains("Schema v1 (id " + fixture.ordersV1Id + ")", "diff with v1");
        assertThat(get("admin", "/ids?id=" + fixture.ordersV2Id).body()).contains(fixture.orders + " v2");
    }

    @Test
    void theDiffClassifiesChangesAndGivesTheVerdictUnderEachLevel() throws Exception {
        String page = get("admin", "/subjects/" + fixture.orders + "/diff?from=1&to=2").body();
        assertThat(page).contains("<td>added</td><td><code>currency</code></td><td>string</td><td>default &quot;EUR&quot;</td>")
                .contains("<td>default change</td><td><code>note</code></td><td>&quot;&quot;</td><td>&quot;none&quot;</td>")
                .contains("data-level=\"BACKWARD\"><strong>BACKWARD</strong>: compatible")
                .contains("data-level=\"FULL\"><strong>FULL</strong>: compatible")
                .contains("<tr class=\"insert\">");
        String reverse = get("admin", "/subjects/" + fixture.orders + "/diff?from=2&to=1").body();
        assertThat(reverse).contains("<td>removed</td><td><code>currency</code></td>")
                .contains("data-level=\"BACKWARD\"><strong>BACKWARD</strong>: compatible");
    }

    @Test
    void tryingAnIncompatibleChangeExplainsItInCheckWords() throws Exception {
        HttpResponse<String> page = post("admin", "/subjects/" + fixture.orders + "/try", ConsoleFixture.ORDERS_BREAKING);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Not compatible under the subject's level BACKWARD")
                .contains("v3 breaks BACKWARD: field 'customer' was added without a default")
                .contains("data-level=\"FORWARD\"><strong>FORWARD</strong>: compatible")
                .contains("data-level=\"NONE\"><strong>NONE</strong>: compatible");
        String invalid = post("admin", "/subjects/" + fixture.orders + "/try", "{\"type\":\"record\"").body();
        assertThat(invalid).contains("Not a valid schema");
    }

    @Test
    void deadLettersShowStageReasonOriginAndTheDecodedValueWhenPossible() throws Exception {
        assertThat(get("admin", "/dead-letters").body()).contains(fixture.dlqTopic);
        String page = get("admin", "/dead-letters/" + fixture.dlqTopic).body();
        assertThat(page).contains("3 records");
        for (String reason : ConsoleFixture.POISON_REASONS) assertThat(page).contains(reason);
        assertThat(page).contains("VALUE_DESERIALIZATION", "HANDLER", "clicks-" + fixture.tag + "-0@42")
                .contains("not in the registry's wire format")
                .contains("id 999999")
                .contains("&quot;user&quot;: &quot;u-17&quot;");
        String missing = "clicks-" + fixture.tag + "-missing.dlq";
        assertThat(get("admin", "/dead-letters/" + missing).body()).contains("0 records");
        assertThat(get("admin", "/dead-letters").body()).as("a page view creates no topic").doesNotContain(missing);
    }

    @Test
    void aReaderOfOrdersSeesOnlyOrdersSubjectsAndNothingElse() throws Exception {
        String list = get("reader", "/subjects?q=" + fixture.tag).body();
        assertThat(list).contains("1 subject matching", fixture.orders, "signed in as <strong>reader</strong>")
                .doesNotContain(fixture.clicks).doesNotContain(fixture.payments).doesNotContain(fixture.money);
        assertThat(get("reader", "/subjects/" + fixture.orders).statusCode()).isEqualTo(200);
        assertThat(get("reader", "/subjects/" + fixture.clicks).statusCode()).isEqualTo(403);
        assertThat(get("reader", "/subjects/" + fixture.clicks + "/diff?from=1&to=1").statusCode()).isEqualTo(403);
        assertThat(get("reader", "/dead-letters/" + fixture.dlqTopic).statusCode()).isEqualTo(403);
        assertThat(get("reader", "/dead-letters").body()).doesNotContain(fixture.dlqTopic);
        assertThat(get("reader", "/migrations").statusCode()).isEqualTo(403);
        assertThat(get("reader", "/ids?id=" + fixture.ordersV1Id).body()).contains(fixture.orders + " v1");
        assertThat(get(null, "/subjects").statusCode()).isEqualTo(401);
        assertThat(get(null, "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownSubjectIsA404PageNotAStackTrace() throws Exception {
        HttpResponse<String> page = get("admin", "/subjects/no-such-subject-" + fixture.tag);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>Not found</h1>").doesNotContain("Exception");
    }

    private static HttpResponse<String> get(String user, String path) throws Exception {
        return HTTP.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String user, String path, String schema) throws Exception {
        String form = "schema=" + URLEncoder.encode(schema, StandardCharsets.UTF_8);
        return HTTP.send(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fixture.console.url() + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + ConsoleFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }
}
