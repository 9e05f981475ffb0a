package io.github.payguru.merchant.phs;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.payguru.TcknHashInput;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * PHS orders the merchant knows before Payguru reports a payment. Registering one keeps
 * {@code md5(TCKN + servicePrivateKey)} for TCKN verify — the raw TCKN is hashed here and dropped.
 * The payment-notification create operation registers through this; so do the local run and tests.
 */
@ApplicationScoped
public class PhsOrders {

    private static final java.util.regex.Pattern TCKN = java.util.regex.Pattern.compile("[1-9]\\d{10}");

    private final ServiceDirectory services;
    private final Ledger ledger;
    private final LedgerReader reader;

    @Inject
    public PhsOrders(ServiceDirectory services, Ledger ledger, LedgerReader reader) {
        this.services = services;
        this.ledger = ledger;
        this.reader = reader;
    }

    /**
     * Registers (idempotently) an order with the TCKN of its payer.
     *
     * @param service PHS service code or local name
     * @param tckn the payer's national id (11 digits) for TCKN verify, or null when the merchant has none
     * @param payguruCode Payguru's payment-notification code, when already known (may be null)
     * @return the stored order
     * @throws BadRequestException for an unknown service, a malformed order, amount or TCKN, or an
     *         order already registered with another TCKN or amount
     */
    public OrderItem register(String service, String order, String amount, String tckn, String payguruCode) {
        ServiceDirectory.NamedService svc = services.find(Line.PHS, service)
                .orElseThrow(() -> new BadRequestException("unknown service: " + service));
        Validation.check("order", order, Validation.REFERENCE);
        Amount parsed = Validation.amount("amount", amount);
        if (tckn != null && !TCKN.matcher(tckn).matches()) {
            throw new BadRequestException("malformed field: tckn (11 digits)");
        }
        String pk = TableLayout.phsOrder(svc.payguruId(), order);
        String now = ledger.now().toString();
        StateChange change = StateChange.of(pk, OrderItem.SORT)
                .transition("status", StatusMachine.CREATED, Set.of(StatusMachine.NONE, StatusMachine.CREATED))
                .mustMatch("amount", parsed.canonical())
                .set("line", Line.PHS.name())
                .set("service", svc.payguruId())
                .set("orderRef", order)
                .set("payguruCode", payguruCode)
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now)
                .set(TableLayout.GSI1_PK, TableLayout.orderRef(order))
                .set(TableLayout.GSI1_SK, pk)
                .cause(ChangeCause.OPERATION);
        if (tckn != null) {
            change.mustMatch("tcknHash", PayguruKeys.md5(new TcknHashInput(tckn, svc.privateKey())));
        }
        WriteResult result = ledger.apply(change);
        if (result.outcome() == WriteResult.Outcome.CONFLICT) {
            throw new BadRequestException(409, "order " + order + " is already registered with another TCKN or amount");
        }
        return reader.order(pk).orElseThrow();
    }
}
