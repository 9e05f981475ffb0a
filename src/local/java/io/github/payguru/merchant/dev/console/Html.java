package io.github.payguru.merchant.dev.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The console's HTML: every value is escaped ({@link #esc}) unless it is {@link Raw} markup this class built. The
 * style is inline and the one script only refreshes the change events; everything else is plain forms (POST, then a
 * redirect), so the console reads and acts with JavaScript off.
 */
final class Html {

    /** Markup built here from escaped parts: inserted as is. */
    record Raw(String html) {
        @Override
        public String toString() {
            return html;
        }
    }

    private static final String STYLE = """
            body{font:14px system-ui,sans-serif;margin:1rem 2rem;color:#222}h1{font-size:1.3rem}h2{font-size:1.1rem;\
            margin-top:1.5rem}table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ccc;padding:2px 6px;\
            text-align:left;vertical-align:top}th{background:#f3f3f3}form{display:inline-block;margin:.2rem .6rem .2rem 0;\
            padding:.3rem;border:1px solid #ddd}label{margin-right:.4rem}input{width:8rem}.flag{color:#a00;font-weight:bold}\
            .msg{background:#ffd;border:1px solid #cc9;padding:.4rem}.muted{color:#777}nav a{margin-right:1rem}""";

    /** Polls the events fragment every 2 s into {@code tbody#events}; without JavaScript a reload does the same. */
    private static final String REFRESH = """
            <script>setInterval(function(){var t=document.getElementById('events');if(!t)return;\
            fetch(t.getAttribute('data-src')).then(function(r){return r.text()}).then(function(h){t.innerHTML=h})},2000);\
            </script>""";

    private Html() {
    }

    /** Text for an HTML text node or a quoted attribute: {@code & < > " '} escaped; null is empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Raw raw) {
            return raw.html();
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    static String page(String title, String message, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head><body><nav><a href=\"" + ConsoleRoute.BASE
                + "\">Console</a><a href=\"" + ConsoleRoute.BASE + "/events\">Change events</a>"
                + "<a href=\"/_local/events\">/_local/events (JSON)</a></nav><h1>" + esc(title) + "</h1>"
                + (message == null || message.isBlank() ? "" : "<p class=\"msg\" id=\"message\">" + esc(message) + "</p>")
                + body + REFRESH + "</body></html>";
    }

    static Raw link(String href, Object text) {
        return new Raw("<a href=\"" + esc(href) + "\">" + esc(text) + "</a>");
    }

    static Raw flag(Object text) {
        return new Raw("<span class=\"flag\">" + esc(text) + "</span>");
    }

    /** A table with an id (for tests and links); an empty one says {@code empty}. */
    static String table(String id, List<String> headers, List<List<Object>> rows, String empty) {
        if (rows.isEmpty()) {
            return "<p class=\"muted\" id=\"" + esc(id) + "-empty\">" + esc(empty) + "</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"").append(esc(id)).append("\"><thead><tr>");
        headers.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>").append(rows(rows)).append("</tbody></table>");
        return b.toString();
    }

    static String rows(List<List<Object>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<Object> row : rows) {
            b.append("<tr>");
            row.forEach(cell -> b.append("<td>").append(esc(cell)).append("</td>"));
            b.append("</tr>");
        }
        return b.toString();
    }

    /** A POST form: hidden fields, visible inputs ({@code name=default}), one submit button. */
    static Raw form(String id, String action, List<String[]> hidden, List<String[]> inputs, String button) {
        StringBuilder b = new StringBuilder("<form method=\"post\" id=\"").append(esc(id)).append("\" action=\"")
                .append(esc(ConsoleRoute.BASE + action)).append("\">");
        for (String[] h : hidden) {
            b.append("<input type=\"hidden\" name=\"").append(esc(h[0])).append("\" value=\"").append(esc(h[1]))
                    .append("\">");
        }
        for (String[] in : inputs) {
            b.append("<label>").append(esc(in[0])).append(" <input name=\"").append(esc(in[0])).append("\" value=\"")
                    .append(esc(in[1])).append("\"></label>");
        }
        return new Raw(b.append("<button type=\"submit\">").append(esc(button)).append("</button></form>").toString());
    }

    /** A select of {@code value=label} options inside a form built by the caller. */
    static String select(String name, List<String[]> options) {
        StringBuilder b = new StringBuilder("<select name=\"").append(esc(name)).append("\">");
        options.forEach(o -> b.append("<option value=\"").append(esc(o[0])).append("\">").append(esc(o[1]))
                .append("</option>"));
        return b.append("</select>").toString();
    }
}
