package io.github.payguru.merchant.mp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

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
 * subscription ({@code <prefix><subsId>}) and one password, derived from the subscription's first credential request:
 * {@code HMAC-SHA256(payguru.mp.credentials.key, subsId, trans_id)} mapped onto an unambiguous alphabet. The item
 * ({@code SUB#MP#<subsId>}, {@code sk = CRED}) keeps the login, that first {@code trans_id} and a salted PBKDF2 hash of
 * the password, never the password, so that the merchant's service can check a login with {@link #verify}.
 * <p>
 * Idempotent: the same request (Payguru repeating it) is answered the same login and password. Another
 * {@code trans_id} for the same subscription (Payguru asks after the first successful charge, src/site/markdown/
 * payguru-api.md §1.3, so a second question is a repeat under a new id) is answered the first request's credentials
 * too: the password the subscriber received never changes behind their back. Two first requests racing: the first
 * write wins and both are answered its credentials. When the derived password no longer matches the stored hash (the
 * key was rotated, or the item was written by an earlier release that issued random passwords) nothing is changed and
 * the answer is {@code ERROR: CREDENTIALS CANNOT BE REPEATED}. With {@code provider=none} every call answers
 * {@code ERROR: NOT AVAILABLE}.
 */
@DefaultBean
@ApplicationScoped
public class GeneratedCredentials implements MpCredentialProvider {

    static final int ITERATIONS = 60_000;
    /** What the derivation is for, so that the key could serve another derivation without collisions. */
    static final String PURPOSE = "payguru-mp-credentials/v1";
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    /** The largest multiple of the alphabet's size in a byte: bytes above are skipped, so no letter is favoured. */
    private static final int UNBIASED = 256 - 256 % ALPHABET.length();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(GeneratedCredentials.class);

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
        byte[] key = config.credentials().key().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException(
                        "payguru.mp.credentials.key is not configured (SSM <SecretsPath>/mp/credentials/key)"));
        String pk = TableLayout.mpSubscription(subsId);
        Optional<CredentialItem> existing = reader.item(CredentialItem.SCHEMA, pk, CredentialItem.SORT);
        if (existing.isPresent()) {
            return repeat(existing.get(), key, service, subsId, transId);
        }
        String login = config.credentials().loginPrefix() + subsId;
        String password = password(key, subsId, transId, config.credentials().passwordLength());
        String now = ledger.now().toString();
        StateChange change = StateChange.of(pk, CredentialItem.SORT)
                .mustMatch("service", service.payguruId())
                .mustMatch("login", login)
                .mustMatch("transId", transId)
                .set("subsId", subsId)
                .setIfAbsent("passwordHash", hash(password))
                .set("status", "issued")
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now);
        WriteResult w = ledger.apply(change);
        if (w.outcome() == WriteResult.Outcome.APPLIED) {
            return Issued.of(new Credentials(login, password));
        }
        // another first request won the race (or the item belongs to another service): answer by what it stored
        return reader.item(CredentialItem.SCHEMA, pk, CredentialItem.SORT)
                .map(c -> repeat(c, key, service, subsId, transId))
                .orElse(Issued.refused("CONCURRENT REQUEST, PLEASE RETRY"));
    }

    /** The credentials already issued for the subscription, derived again from its first trans_id. */
    private Issued repeat(CredentialItem c, byte[] key, ServiceDirectory.NamedService service, String subsId,
            String transId) {
        if (!service.payguruId().equals(c.service)) {
            return Issued.refused("SUBSCRIPTION BELONGS TO ANOTHER SERVICE");
        }
        String password = c.transId == null ? null : password(key, subsId, c.transId, config.credentials().passwordLength());
        if (password == null || !matches(c.passwordHash, password)) {
            LOG.errorf("mp-credential-service subsId=%s trans_id=%s: the stored credentials cannot be derived again (the"
                    + " credentials key changed, or they were issued by an earlier release); nothing changed", subsId,
                    transId);
            return Issued.refused("CREDENTIALS CANNOT BE REPEATED");
        }
        LOG.infof("mp-credential-service subsId=%s trans_id=%s: the credentials of trans_id=%s answered again", subsId,
                transId, c.transId);
        return Issued.of(new Credentials(c.login, password));
    }

    /**
     * The password of one subscription's first credential request: {@code HMAC-SHA256(key, purpose, subsId,
     * trans_id)}, its bytes mapped onto {@link #ALPHABET} without bias (more blocks when a byte is skipped).
     */
    static String password(byte[] key, String subsId, String transId, int length) {
        StringBuilder b = new StringBuilder(length);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int block = 0; b.length() < length; block++) {
                byte[] bytes = mac.doFinal((PURPOSE + "\n" + subsId + "\n" + transId + "\n" + block)
                        .getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < bytes.length && b.length() < length; i++) {
                    int v = bytes[i] & 0xff;
                    if (v < UNBIASED) {
                        b.append(ALPHABET.charAt(v % ALPHABET.length()));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        return b.toString();
    }

    /** Whether {@code password} is the one issued for the subscription's {@code login}. */
    public boolean verify(String subsId, String login, String password) {
        Optional<CredentialItem> c = reader.item(CredentialItem.SCHEMA, TableLayout.mpSubscription(subsId),
                CredentialItem.SORT);
        if (c.isEmpty() || c.get().passwordHash == null || login == null || password == null) {
            return false;
        }
        boolean passwordOk = matches(c.get().passwordHash, password);
        boolean loginOk = MessageDigest.isEqual(c.get().login.getBytes(StandardCharsets.UTF_8),
                login.getBytes(StandardCharsets.UTF_8));
        return passwordOk & loginOk;
    }

    /** Whether {@code password} is the one {@code stored} ({@link #hash}) was made of. */
    static boolean matches(String stored, String password) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[1])));
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
