package io.github.payguru.merchant.mp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.CredentialItem;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;
import io.quarkus.arc.DefaultBean;

/**
 * The default credential provider ({@code payguru.mp.credentials.provider=generated}): one login per
 * subscription ({@code <prefix><subsId>}) and a random password, kept only as a salted PBKDF2 hash
 * ({@code SUB#MP#<subsId>}, {@code sk = CRED}) so the merchant's service can check a login with
 * {@link #verify}. The clear password exists only in the credential-service answer; since it is not
 * stored, a repeated call (Payguru retrying) issues a fresh password for the same login and the last one
 * answered is the valid one. Two calls racing for the same subscription: the loser answers an error.
 * With {@code provider=none} every call answers {@code ERROR: NOT AVAILABLE}.
 */
@DefaultBean
@ApplicationScoped
public class GeneratedCredentials implements MpCredentialProvider {

    static final int ITERATIONS = 60_000;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ledger ledger;
    private final LedgerReader reader;
    private final MpConfig config;

    @Inject
    public GeneratedCredentials(Ledger ledger, LedgerReader reader, MpConfig config) {
        this.ledger = ledger;
        this.reader = reader;
        this.config = config;
    }

    @Override
    public Issued issue(ServiceDirectory.NamedService service, String subsId, String transId) {
        String provider = config.credentials().provider();
        if ("none".equals(provider)) {
            return Issued.refused("NOT AVAILABLE");
        }
        if (!"generated".equals(provider)) {
            throw new IllegalStateException("payguru.mp.credentials.provider must be generated or none");
        }
        String pk = TableLayout.mpSubscription(subsId);
        Optional<CredentialItem> existing = reader.item(CredentialItem.SCHEMA, pk, CredentialItem.SORT);
        String login = existing.map(c -> c.login).orElse(config.credentials().loginPrefix() + subsId);
        long next = existing.map(c -> c.issued == null ? 0L : c.issued.longValue()).orElse(0L) + 1;
        String password = password(config.credentials().passwordLength());
        String now = ledger.now().toString();
        StateChange change = StateChange.of(pk, CredentialItem.SORT)
                .newerThanStored("issued", next)
                .mustMatch("service", service.payguruId())
                .mustMatch("login", login)
                .set("subsId", subsId)
                .set("passwordHash", hash(password))
                .set("transId", transId)
                .set("status", "issued")
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now);
        WriteResult w = ledger.apply(change);
        return switch (w.outcome()) {
            case APPLIED -> Issued.of(new Credentials(login, password));
            case CONFLICT -> Issued.refused("SUBSCRIPTION BELONGS TO ANOTHER SERVICE");
            default -> Issued.refused("CONCURRENT REQUEST, PLEASE RETRY");
        };
    }

    /** Whether {@code password} is the last one issued for the subscription's {@code login}. */
    public boolean verify(String subsId, String login, String password) {
        Optional<CredentialItem> c = reader.item(CredentialItem.SCHEMA, TableLayout.mpSubscription(subsId),
                CredentialItem.SORT);
        if (c.isEmpty() || c.get().passwordHash == null || login == null || password == null) {
            return false;
        }
        String[] parts = c.get().passwordHash.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        boolean passwordOk = MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[1])));
        boolean loginOk = MessageDigest.isEqual(c.get().login.getBytes(StandardCharsets.UTF_8),
                login.getBytes(StandardCharsets.UTF_8));
        return passwordOk & loginOk;
    }

    static String password(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 unavailable", e);
        }
    }

}
