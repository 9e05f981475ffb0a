package io.github.payguru.merchant.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do on the console's pages: open, fill a form, click, read a table. Every wait is explicit. */
final class ConsolePage {

    private final ChromeDriver chrome;
    private final String base;

    ConsolePage(ChromeDriver chrome, int port) {
        this.chrome = chrome;
        this.base = "http://localhost:" + port;
    }

    void open(String path) {
        chrome.get(base + path);
        await(By.tagName("h1"));
    }

    /** Fills a console form's inputs (a select too) and submits it with its button. */
    void submit(String formId, Map<String, String> fields) {
        WebElement form = await(By.id(formId));
        fields.forEach((name, value) -> {
            WebElement field = form.findElement(By.name(name));
            if ("select".equals(field.getTagName())) {
                new Select(field).selectByValue(value);
            } else {
                field.clear();
                field.sendKeys(value);
            }
        });
        form.findElement(By.tagName("button")).click();
    }

    String value(String formId, String field) {
        return await(By.id(formId)).findElement(By.name(field)).getDomAttribute("value");
    }

    void click(By by) {
        await(by).click();
    }

    /** Waits until the page's heading says {@code text} (a new page has loaded). */
    void awaitHeading(String text) {
        new WebDriverWait(chrome, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), text));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String text(By by) {
        return await(by).getText();
    }

    /** The cells of a table's body rows (the table by id). */
    List<List<String>> rows(String tableId) {
        return await(By.id(tableId)).findElements(By.cssSelector("tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    /** One column of a table, by its header. */
    List<String> column(String tableId, String header) {
        List<String> headers = await(By.id(tableId)).findElements(By.cssSelector("thead th")).stream()
                .map(WebElement::getText).toList();
        int i = headers.indexOf(header);
        if (i < 0) {
            throw new AssertionError("no column " + header + " in " + headers);
        }
        return rows(tableId).stream().map(r -> r.get(i)).toList();
    }

    boolean present(By by) {
        return !chrome.findElements(by).isEmpty();
    }

    private WebElement await(By by) {
        return new WebDriverWait(chrome, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(by));
    }
}
