package io.github.payguru.merchant.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's chromedriver (packages {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), headless. Both are taken from {@code /usr/bin} (or {@code -Dconsole.chromium} and
 * {@code -Dconsole.chromedriver}); Selenium Manager is never asked, so nothing is downloaded. A missing browser fails
 * the test with the install line, never skips it.
 */
final class Browser {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private Browser() {
    }

    static ChromeDriver start() {
        File chromium = required("console.chromium", "/usr/bin/chromium");
        File driver = required("console.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    /** Saves what the browser shows to {@code target/console-screenshots/<name>.png}. */
    static Path screenshot(ChromeDriver chrome, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            Files.write(to, chrome.getScreenshotAs(OutputType.BYTES));
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File required(String property, String fallback) {
        File f = new File(System.getProperty(property, fallback));
        if (!f.canExecute()) {
            throw new IllegalStateException(f + " is missing: the console's browser tests need Debian's Chromium and"
                    + " its driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        return f;
    }
}
