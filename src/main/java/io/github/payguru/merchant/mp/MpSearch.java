package io.github.payguru.merchant.mp;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.mp.api.MpApi;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * The MP searches (src/site/markdown/payguru-api.md §2.1): transactions, subscriptions and, for customer
 * support, messages. One body for all three — at most 3 search terms and 3 sorts, each checked, a bounded
 * limit and page — forwarded as checked; a search without a match (HTTP 204) is an empty success. Reads only.
 */
@ApplicationScoped
public class MpSearch {

    public static final String TRANSACTION_SEARCH = "mp-transaction-search";
    public static final String SUBSCRIPTION_SEARCH = "mp-subscription-search";
    public static final String MESSAGE_SEARCH = "mp-message-search";

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,39}");
    private static final Pattern CONDITION = Pattern.compile("=|!=|<>|<|<=|>|>=|like|LIKE|in|IN");
    private static final Pattern TERM = Pattern.compile("[^\\p{Cntrl}]{0,100}");

    private final ServiceDirectory services;
    private final PayguruClients clients;
    private final PayguruCalls calls;
    private final PayguruApiConfig api;

    @Inject
    public MpSearch(ServiceDirectory services, PayguruClients clients, PayguruCalls calls, PayguruApiConfig api) {
        this.services = services;
        this.clients = clients;
        this.calls = calls;
        this.api = api;
    }

    public ObjectNode transactionSearch(OperationRequest req) {
        return search(req, TRANSACTION_SEARCH, body -> mp().transactionsSearch(body));
    }

    public ObjectNode subscriptionSearch(OperationRequest req) {
        return search(req, SUBSCRIPTION_SEARCH, body -> mp().subscriptionsSearch(body));
    }

    /** Customer support: every SMS to and from the customer (Payguru allows 1 call per second). */
    public ObjectNode messageSearch(OperationRequest req) {
        return search(req, MESSAGE_SEARCH, body -> mp().messagesSearch(body));
    }

    private ObjectNode search(OperationRequest req, String operation, Function<String, PayguruClients.Answer> send) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        ObjectNode body = OperationRequest.object().put("merchantId", services.merchantId())
                .put("serviceId", svc.payguruId());
        ArrayNode search = body.putArray("search");
        for (JsonNode s : list(req, "search")) {
            search.addObject().put("column", check("search[].column", s.path("column"), COLUMN))
                    .put("term", check("search[].term", s.path("term"), TERM))
                    .put("condition", check("search[].condition", s.path("condition"), CONDITION));
        }
        ArrayNode sort = body.putArray("sort");
        for (JsonNode s : list(req, "sort")) {
            JsonNode asc = s.path("asc");
            if (!asc.isMissingNode() && !asc.isBoolean()) {
                throw new BadRequestException("malformed field: sort[].asc (true or false)");
            }
            sort.addObject().put("column", check("sort[].column", s.path("column"), COLUMN))
                    .put("asc", asc.isMissingNode() || asc.booleanValue());
        }
        body.put("limit", bounded(req, "limit", 10, 100));
        body.put("page", bounded(req, "page", 1, Integer.MAX_VALUE));
        String json = body.toString();
        PayguruOutcome outcome = calls.call(operation, PayguruCalls.Mode.READ, PayguruOutcome::mp,
                () -> send.apply(json));
        if (outcome.kind() == PayguruOutcome.Kind.NOT_FOUND && outcome.httpStatus() == 204) {
            return Answers.answer(new PayguruOutcome(PayguruOutcome.Kind.OK, 204, "0000", "no match",
                    outcome.body()));
        }
        return Answers.answer(Answers.require(operation, outcome));
    }

    private static Iterable<JsonNode> list(OperationRequest req, String field) {
        JsonNode v = req.node(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray() || v.size() > 3) {
            throw new BadRequestException("malformed field: " + field + " (an array of at most 3 objects)");
        }
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw new BadRequestException("malformed field: " + field + " (an array of at most 3 objects)");
            }
        }
        return v;
    }

    private static String check(String field, JsonNode v, Pattern format) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new BadRequestException("missing field: " + field);
        }
        return Validation.check(field, v.asText(), format);
    }

    private static int bounded(OperationRequest req, String field, int dflt, int max) {
        String v = req.text(field);
        if (v == null) {
            return dflt;
        }
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
            throw new BadRequestException("malformed field: " + field + " (1 to " + max + ")");
        }
        return Integer.parseInt(v);
    }

    private MpApi mp() {
        return new MpApi(clients.at(api.mpBaseUrl()));
    }
}
