package io.github.payguru.merchant.payguru;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What one Payguru call came to, typed: every HTTP status and result code Payguru uses is mapped
 * to a {@link Kind}, which decides the caller's HTTP status and whether the call may be repeated.
 *
 * @param kind the typed outcome
 * @param httpStatus Payguru's HTTP status (0 when no answer arrived)
 * @param code Payguru's code: PHS {@code status} ({@code 000}, {@code ERR_0xx}), MP {@code resultCode},
 *        or {@code HTTP_<status>}, {@code TIMEOUT}, {@code UNREACHABLE}, {@code MALFORMED_RESPONSE}
 * @param message Payguru's message (or ours when it sent none)
 * @param body the parsed answer ({@link MissingNode} when there is none)
 */
public record PayguruOutcome(Kind kind, int httpStatus, String code, String message, JsonNode body) {

    public enum Kind {
        /** {@code 000} / MP {@code SUCCESS}. */
        OK(200),
        /** Payguru refused the request as sent (invalid service, amount, order, FAILED result …). */
        REJECTED(422),
        /** Unknown transaction, subscription, payment notification or order (HTTP 404, ERR_006, ERR_013, ERR_014). */
        NOT_FOUND(404),
        /** Already done or exists (HTTP 409, ERR_018 spending already recorded, ERR_019 order exists). */
        CONFLICT(409),
        /** Payguru's HTTP 429, or our own shared limit refusing before the call. */
        RATE_LIMITED(429),
        /** Our server is not allow-listed (MP HTTP 403, PHS ERR_002): a setup problem on Payguru's side. */
        IP_NOT_ALLOWED(502),
        /** Authorization refused (ERR_001, ERR_004, ERR_015, ERR_016, ERR_020, ERR_009): wrong merchant/key/token. */
        AUTH(502),
        /** Payguru failed (HTTP 5xx, ERR_010 internal error). */
        UNAVAILABLE(502),
        /** No answer within the read timeout: a write may or may not have been done. */
        TIMEOUT(504),
        /**
         * The connection failed after the request may have reached Payguru (reset, closed, half an answer): a
         * write may or may not have been done.
         */
        UNCERTAIN(502),
        /** Could not connect: nothing was sent. */
        UNREACHABLE(502),
        /** An answer that is not the documented JSON. */
        MALFORMED(502);

        private final int callerStatus;

        Kind(int callerStatus) {
            this.callerStatus = callerStatus;
        }

        /** The HTTP status the operation answers its caller with. */
        public int callerStatus() {
            return callerStatus;
        }

        /** Whether a read may be tried again (never a 4xx-type answer: the same request gets the same answer). */
        public boolean transientFailure() {
            return this == TIMEOUT || this == UNCERTAIN || this == UNREACHABLE || this == UNAVAILABLE;
        }

        /** Whether a write may have been carried out although no clear answer came back. */
        public boolean uncertain() {
            return this == TIMEOUT || this == UNCERTAIN || this == UNAVAILABLE || this == MALFORMED;
        }
    }

    /** PHS result codes → kinds (src/site/markdown/payguru-api.md §2.4, documented list). Codes not listed are {@link Kind#REJECTED}. */
    static final Map<String, Kind> PHS_CODES = Map.ofEntries(
            Map.entry("ERR_001", Kind.AUTH), // invalid authorization
            Map.entry("ERR_002", Kind.IP_NOT_ALLOWED), // IP not allowed
            Map.entry("ERR_004", Kind.AUTH), // invalid merchant
            Map.entry("ERR_006", Kind.NOT_FOUND), // invalid transaction
            Map.entry("ERR_009", Kind.AUTH), // service not enabled
            Map.entry("ERR_010", Kind.UNAVAILABLE), // internal error
            Map.entry("ERR_013", Kind.NOT_FOUND), // invalid payment notification
            Map.entry("ERR_014", Kind.NOT_FOUND), // invalid order
            Map.entry("ERR_015", Kind.AUTH), // empty token
            Map.entry("ERR_016", Kind.AUTH), // invalid token
            Map.entry("ERR_018", Kind.CONFLICT), // spending already recorded
            Map.entry("ERR_019", Kind.CONFLICT), // order exists
            Map.entry("ERR_020", Kind.AUTH)); // unauthorized
    // REJECTED: ERR_005 invalid service, 007 invalid request, 008 bad request, 011 invalid bank,
    // 012 amount required, 017 invalid amount, 021 amount limit exceeded, 039 invalid action.

    public static final String PHS_SUCCESS = "000";

    public boolean ok() {
        return kind == Kind.OK;
    }

    /** Whether PHS answered that the token is empty or invalid (renew it once and repeat). */
    public boolean tokenRefused() {
        return "ERR_015".equals(code) || "ERR_016".equals(code);
    }

    public static PayguruOutcome transport(Kind kind, String code, String message) {
        return new PayguruOutcome(kind, 0, code, message, MissingNode.getInstance());
    }

    /**
     * Classifies a PHS answer: {@code 000} on a 2xx is success; a documented {@code ERR_0xx} decides the kind;
     * otherwise the HTTP status does; an undocumented {@code ERR_} code on a 2xx is a refusal.
     */
    public static PayguruOutcome phs(int http, JsonNode body) {
        String status = text(body, "status");
        String message = text(body, "message");
        if (http >= 200 && http < 300 && PHS_SUCCESS.equals(status)) {
            return new PayguruOutcome(Kind.OK, http, status, message == null ? "Success" : message, body);
        }
        if (status != null && PHS_CODES.containsKey(status)) {
            return new PayguruOutcome(PHS_CODES.get(status), http, status, message == null ? status : message, body);
        }
        Kind byHttp = byHttpStatus(http);
        if (byHttp != null) {
            boolean coded = status != null && status.startsWith("ERR_");
            return new PayguruOutcome(byHttp, http, coded ? status : "HTTP_" + http,
                    message == null ? httpMessage(http) : message, body);
        }
        if (status != null && status.startsWith("ERR_")) {
            return new PayguruOutcome(Kind.REJECTED, http, status, message == null ? status : message, body);
        }
        return new PayguruOutcome(Kind.MALFORMED, http, "MALFORMED_RESPONSE",
                "Payguru answered without a status code", body);
    }

    /**
     * Classifies an MP answer: HTTP status first (403 = IP not allow-listed), then
     * {@code response.result} ({@code SUCCESS}/{@code FAILED}) with {@code resultCode}/{@code resultDescription}.
     * MP result codes beyond {@code 0000} are not documented: a FAILED result is passed through as REJECTED.
     */
    public static PayguruOutcome mp(int http, JsonNode body) {
        JsonNode response = body.path("response");
        String result = text(response, "result");
        String code = text(response, "resultCode");
        String message = text(response, "resultDescription");
        String detail = text(response, "resultDetail");
        if (detail != null && !detail.isBlank()) {
            message = message == null ? detail : message + " (" + detail + ")";
        }
        if (http == 204) {
            return new PayguruOutcome(Kind.NOT_FOUND, http, "HTTP_204", "Payguru has no such record", body);
        }
        if (http >= 200 && http < 300 && "SUCCESS".equalsIgnoreCase(result)) {
            return new PayguruOutcome(Kind.OK, http, code == null ? "0000" : code, message == null ? "SUCCESS" : message,
                    body);
        }
        Kind byHttp = byHttpStatus(http);
        if (byHttp != null) {
            return new PayguruOutcome(byHttp, http, code == null ? "HTTP_" + http : code,
                    message == null ? httpMessage(http) : message, body);
        }
        if ("FAILED".equalsIgnoreCase(result)) {
            return new PayguruOutcome(Kind.REJECTED, http, code == null ? "FAILED" : code,
                    message == null ? "FAILED" : message, body);
        }
        return new PayguruOutcome(Kind.MALFORMED, http, "MALFORMED_RESPONSE",
                "Payguru answered without response.result", body);
    }

    private static Kind byHttpStatus(int http) {
        if (http == 403) {
            return Kind.IP_NOT_ALLOWED;
        }
        if (http == 404) {
            return Kind.NOT_FOUND;
        }
        if (http == 409) {
            return Kind.CONFLICT;
        }
        if (http == 429) {
            return Kind.RATE_LIMITED;
        }
        if (http == 401) {
            return Kind.AUTH;
        }
        if (http >= 500) {
            return Kind.UNAVAILABLE;
        }
        if (http >= 400) {
            return Kind.REJECTED;
        }
        return null;
    }

    private static String httpMessage(int http) {
        return switch (http) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "IP address not allowed by Payguru";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> http >= 500 ? "Payguru server error" : "HTTP " + http;
        };
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
