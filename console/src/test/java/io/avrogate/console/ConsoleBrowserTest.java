package io.avrogate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium: the walks a user takes, with screenshots under {@code target/screenshots/}, no browser console
 * errors, and no serious or critical accessibility violation found by axe-core on any page shot. Tagged {@code browser}: {@code ./mvnw -Pbrowser -pl console -am test}.
 */
@Tag("browser")
@ExtendWith(RegistryExtension.class)
class ConsoleBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ConsoleFixture fixture;
    private static ChromeDriver browser;

    @BeforeAll
    static void start(EmbeddedKafka kafka, RegistryServer registry) throws IOException {
        fixture = new ConsoleFixture(kafka, registry);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        // As the environment's own headless check runs it: no sandbox (root), no GPU, and none of Chromium's
        // background connections, which this machine's closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) browser.quit();
        if (fixture != null) fixture.close();
    }

    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("browser console errors").isEmpty();
    }

    @Test
    void subjectListToSubjectToDiff() throws IOException {
        browser.get(fixture.urlAs("admin") + "/subjects");
        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys(fixture.tag, Keys.ENTER);
        assertThat(browser.findElement(By.cssSelector("p.count")).getText()).isEqualTo("4 subjects matching “" + fixture.tag + "”");
        screenshot("1-subjects");
        browser.findElement(By.linkText(fixture.orders)).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(fixture.orders);
        assertThat(browser.findElement(By.cssSelector(".tree")).getText()).contains("currency: string default \"EUR\"");
        screenshot("2-subject");
        browser.findElement(By.cssSelector("form.inline button")).click();   // v1 against v2, preselected
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(fixture.orders + ": v1 → v2");
        assertThat(browser.findElement(By.id("changes-table")).getText())
                .contains("added currency string default \"EUR\"", "default change note \"\" \"none\"");
        assertThat(browser.findElement(By.cssSelector("li[data-level=BACKWARD]")).getText()).startsWith("BACKWARD: compatible");
        assertThat(browser.findElements(By.cssSelector("table.diff tr.insert"))).isNotEmpty();
        screenshot("3-diff");
    }

    @Test
    void tryAnIncompatibleChangeShowsTheReasons() throws IOException {
        browser.get(fixture.urlAs("admin") + "/subjects/" + Html.url(fixture.orders) + "/try");
        WebElement editor = browser.findElement(By.id("schema"));
        editor.clear();
        editor.sendKeys(ConsoleFixture.ORDERS_BREAKING);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.findElement(By.id("own-verdict")).getText()).startsWith("Not compatible under the subject's level BACKWARD");
        assertThat(browser.findElement(By.cssSelector("li[data-level=BACKWARD]")).getText())
                .contains("v3 breaks BACKWARD: field 'customer' was added without a default");
        screenshot("4-try-a-change");
    }

    @Test
    void deadLettersShowThePoisonPillsWithTheirReasons() throws IOException {
        browser.get(fixture.urlAs("admin") + "/dead-letters");
        browser.findElement(By.linkText(fixture.dlqTopic)).click();
        List<WebElement> rows = browser.findElements(By.cssSelector("#dead-letters tbody tr"));
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) assertThat(rows.get(i).getText()).contains(ConsoleFixture.POISON_REASONS.get(i));
        screenshot("5-dead-letters");
    }

    @Test
    void aReaderOfOrdersSeesOnlyOrders() throws IOException {
        browser.get(fixture.urlAs("reader") + "/subjects?q=" + fixture.tag);
        assertThat(browser.findElements(By.cssSelector("#subjects tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("subjects")).getText()).contains(fixture.orders).doesNotContain(fixture.clicks);
        screenshot("6-reader");
    }

    @Test
    void usableAtPhoneWidthAndByKeyboard() throws IOException {
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(fixture.urlAs("admin") + "/subjects/" + Html.url(fixture.orders) + "/diff?from=1&to=2");
            Object overflow = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            assertThat(overflow).as("the page scrolls sideways at phone width").isEqualTo(false);
            screenshot("7-phone-diff");
            // Keyboard: the first Tab reaches the skip link, which leads to the content.
            browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Test
    void theAccessibilityCheckCatchesAPlantedViolation() {
        browser.get(fixture.urlAs("admin") + "/subjects");
        browser.executeScript("const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').append(i);");
        assertThat(seriousViolations()).anySatisfy(v -> assertThat(v).startsWith("image-alt"));
    }

    /** Saves a screenshot and runs axe-core on the page: no serious or critical accessibility violation. */
    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(seriousViolations()).as("serious accessibility violations on " + name).isEmpty();
    }

    private static List<String> seriousViolations() {
        browser.executeScript(AXE);
        Object found = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                                   .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    private static final String AXE = axeSource();

    private static String axeSource() {
        try (var in = ConsoleBrowserTest.class.getResourceAsStream("/axe.min.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
