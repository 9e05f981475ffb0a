package io.github.payguru.merchant.mp;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;

/**
 * {@code mp-refcode-create}: the merchant's backend registers the reference code (REFKOD) it shows a customer
 * for an SMS purchase of an order, or has one generated (secure random, in {@code payguru.mp.refcode.code-format},
 * a fresh code on a collision). The code is then valid for the REFKOD check, and the SMS payment that carries it
 * is linked to the order ({@link MpRefcodeLinks}). Answers the code, service, order and validity;
 * {@code created} is false when the same registration was renewed.
 */
@ApplicationScoped
public class MpRefcodeCreate {

    public static final String OPERATION = "mp-refcode-create";
    static final int ATTEMPTS = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MpRefcodes refcodes;
    private final MpConfig config;
    private final Privacy privacy;

    @Inject
    public MpRefcodeCreate(MpRefcodes refcodes, MpConfig config, Privacy privacy) {
        this.refcodes = refcodes;
        this.config = config;
        this.privacy = privacy;
    }

    /** {@code {"service","order","code"(optional),"validMinutes"(optional)}}. */
    public ObjectNode create(OperationRequest req) {
        String service = req.required("service");
        String order = OperationInput.required(req, "order", Validation.REFERENCE);
        String code = req.text("code");
        Duration validFor = validity(req.text("validMinutes"));
        MpRefcodes.Registration r;
        if (code != null) {
            if (!refcodes.wellFormed(code)) {
                throw new BadRequestException("malformed field: code (must match payguru.mp.refcode.code-format)");
            }
            r = refcodes.registration(service, code, order, validFor);
        } else {
            r = generated(service, order, validFor);
        }
        return OperationRequest.object().put("code", r.item().code).put("service", r.item().service)
                .put("order", privacy.text(r.item().orderRef)).put("validUntil", r.item().validUntil)
                .put("created", r.created()).put("generated", code == null);
    }

    /** 201 for a new code, 200 for a renewed registration. */
    public static int status(ObjectNode answer) {
        return answer.path("created").asBoolean() ? 201 : 200;
    }

    private MpRefcodes.Registration generated(String service, String order, Duration validFor) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String code = randomCode();
            if (!refcodes.wellFormed(code)) {
                throw new IllegalStateException("payguru.mp.refcode.generated-* do not make codes of code-format");
            }
            Optional<MpRefcodes.Registration> r = refcodes.registerNew(service, code, order, validFor);
            if (r.isPresent()) {
                return r.get();
            }
        }
        throw new OperationException(503, "NO_FREE_CODE", "no free code after " + ATTEMPTS + " attempts; try again",
                OperationException.STATE, null);
    }

    String randomCode() {
        String alphabet = config.refcode().generatedAlphabet();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < config.refcode().generatedLength(); i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private Duration validity(String minutes) {
        if (minutes == null) {
            return null;
        }
        long max = config.refcode().maxValidity().toMinutes();
        if (!minutes.matches("[1-9]\\d{0,6}") || Long.parseLong(minutes) > max) {
            throw new BadRequestException("malformed field: validMinutes (1 to " + max + ")");
        }
        return Duration.ofMinutes(Long.parseLong(minutes));
    }
}
