package io.petwatch.collector.console.pages;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, nothing downloaded (SE_OFFLINE). Missing, it fails the
 * test under CI=true (.ci/run installs both) and skips it elsewhere, saying what to install. The browser runs in
 * Europe/London, so the console shows times there.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = env("PETWATCH_CHROMIUM").orElse("/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("PETWATCH_CHROMEDRIVER").orElse("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(String base) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            String missing = "the browser ITs need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing + " (skipped because CI is not true)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-GB", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "Europe/London")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        return new Browser(driver, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    void go(String path) {
        driver.get(base + path);
    }

    void signIn(String user) {
        go("/console");
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")));
        type(By.id("j_username"), user);
        type(By.id("j_password"), user + "-password");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await().until(ExpectedConditions.titleContains("Queue"));
    }

    void signOut() {
        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")));
    }

    void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Keys typed wherever the focus is, as a keyboard-only user would. */
    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    WebElement find(By by) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Waits up to 20 s. A change answered with HX-Refresh reloads the page, and a lookup that meets the old document
     * as it goes fails with a driver error ("does not belong to the document"): the next poll finds the new one.
     */
    WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    /** What the page's flash area says (refusals land there). */
    String flash() {
        return driver.findElement(By.id("flash")).getText();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page at a phone's width, for its screenshot, then back to 1280x800. */
    void screenshotAtPhoneWidth(String name) {
        driver.manage().window().setSize(new Dimension(390, 844));
        screenshot(name);
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
