package io.github.payguru.merchant.console;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.chrome.ChromeDriver;

/** A failed browser test leaves what the browser showed in {@code target/console-screenshots/<test>.png}. */
final class ScreenshotOnFailure implements TestWatcher {

    private final Supplier<ChromeDriver> browser;

    ScreenshotOnFailure(Supplier<ChromeDriver> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ChromeDriver chrome = browser.get();
        if (chrome == null) {
            return;
        }
        try {
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            System.err.println("console browser test failed; screenshot: " + Browser.screenshot(chrome, name)
                    + " (page " + chrome.getCurrentUrl() + ")");
        } catch (RuntimeException e) {
            System.err.println("console browser test failed; no screenshot: " + e);
        }
    }
}
