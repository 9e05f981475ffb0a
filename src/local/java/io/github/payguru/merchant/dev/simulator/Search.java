package io.github.payguru.merchant.dev.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The MP search body (src/site/markdown/payguru-api.md §2.1): {@code {"merchantId","serviceId","search":[{"column","term",
 * "condition"}] (at most 3), "sort":[{"column","asc"}] (at most 3), "limit" (at most 100, default 10),
 * "page" (from 1)}}, applied to the rows' JSON. Conditions: {@code = != > >= < <= like}
 * ({@code like}: case-insensitive substring, {@code %} wildcards ignored). A date column compares by
 * time whether the row holds epoch milliseconds or text and whether the term is a date or a date-time.
 */
final class Search {

    static final int MAX_CRITERIA = 3;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 10;

    record Page(List<ObjectNode> rows, int page, int limit, int total) {
    }

    private Search() {
    }

    static Page apply(List<ObjectNode> all, JsonNode body) {
        JsonNode search = body.path("search");
        JsonNode sort = body.path("sort");
        if (!search.isMissingNode() && !search.isNull() && !search.isArray()) {
            throw bad("search must be an array");
        }
        if (!sort.isMissingNode() && !sort.isNull() && !sort.isArray()) {
            throw bad("sort must be an array");
        }
        if (search.size() > MAX_CRITERIA || sort.size() > MAX_CRITERIA) {
            throw bad("at most " + MAX_CRITERIA + " search and " + MAX_CRITERIA + " sort entries");
        }
        int limit = body.path("limit").isMissingNode() || body.path("limit").isNull() ? DEFAULT_LIMIT
                : body.path("limit").asInt(-1);
        int page = body.path("page").isMissingNode() || body.path("page").isNull() ? 1 : body.path("page").asInt(-1);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw bad("limit must be 1.." + MAX_LIMIT);
        }
        if (page < 1) {
            throw bad("page must be 1 or more");
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode row : all) {
            boolean keep = true;
            for (JsonNode c : search) {
                keep &= matches(row, c);
            }
            if (keep) {
                rows.add(row);
            }
        }
        Comparator<ObjectNode> order = null;
        for (JsonNode s : sort) {
            String column = text(s, "column");
            boolean asc = !s.has("asc") || s.get("asc").asBoolean(true);
            Comparator<ObjectNode> c = (a, b) -> compare(a.get(column), b.get(column));
            c = asc ? c : c.reversed();
            order = order == null ? c : order.thenComparing(c);
        }
        if (order != null) {
            rows.sort(order);
        }
        int from = Math.min(rows.size(), (page - 1) * limit);
        int to = Math.min(rows.size(), from + limit);
        return new Page(rows.subList(from, to), page, limit, rows.size());
    }

    private static boolean matches(ObjectNode row, JsonNode criterion) {
        String column = text(criterion, "column");
        String term = criterion.path("term").asText(null);
        String condition = criterion.path("condition").asText("=").trim().toLowerCase(Locale.ROOT);
        if (term == null) {
            throw bad("search entry without term");
        }
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return "!=".equals(condition);
        }
        if ("like".equals(condition)) {
            return value.asText().toLowerCase(Locale.ROOT).contains(term.replace("%", "").toLowerCase(Locale.ROOT));
        }
        int cmp = compareTerm(column, value, term);
        return switch (condition) {
            case "=", "==" -> cmp == 0;
            case "!=", "<>" -> cmp != 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            default -> throw bad("unknown condition: " + condition);
        };
    }

    private static int compareTerm(String column, JsonNode value, String term) {
        Long termMillis = column.toLowerCase(Locale.ROOT).contains("date") ? millis(term) : null;
        if (termMillis != null) {
            Long v = value.isNumber() ? Long.valueOf(value.asLong()) : millis(value.asText());
            if (v != null) {
                return Long.compare(v, termMillis);
            }
        }
        if (value.isNumber()) {
            try {
                return value.decimalValue().compareTo(new BigDecimal(term));
            } catch (NumberFormatException e) {
                return value.asText().compareTo(term);
            }
        }
        return value.asText().compareTo(term);
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull() ? 0 : -1;
        }
        if (b == null || b.isNull()) {
            return 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().compareTo(b.asText());
    }

    private static Long millis(String text) {
        try {
            if (text.matches("\\d{10,}")) {
                return Long.parseLong(text);
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(SimDates.PAYGURU_ZONE).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(text.replace('T', ' '), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                    .atZone(SimDates.PAYGURU_ZONE).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw bad("entry without " + field);
        }
        return v.asText();
    }

    private static SimulatorError bad(String message) {
        return new SimulatorError(400, PayguruSimulator.MP_BAD_REQUEST, message);
    }
}
