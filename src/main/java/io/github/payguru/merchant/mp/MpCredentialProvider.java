package io.github.payguru.merchant.mp;

import java.util.Optional;

import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * Where the login and password the MP credential service answers come from. The default
 * ({@link GeneratedCredentials}) generates them; a merchant with its own user base replaces it with an
 * {@code @ApplicationScoped} bean of its own (the default is an {@code @DefaultBean}).
 */
public interface MpCredentialProvider {

    /**
     * @param login what the customer logs in with
     * @param password the clear password, to be texted to the customer by Payguru; never log it
     */
    record Credentials(String login, String password) {
        @Override
        public String toString() {
            return "Credentials[login=" + Masking.param("login", login) + ", password=" + Masking.secret(password) + "]";
        }
    }

    /**
     * Credentials for the subscriber of {@code subsId} (Payguru asks after the first successful charge). Must be
     * idempotent: Payguru may ask again, with the same or another {@code transId}, and the subscriber keeps the
     * password first texted to them, so the same subscription must get the same answer.
     *
     * @param service the MP service whose secret key signed the request
     * @param transId Payguru's {@code trans_id} of the request
     * @return the credentials, or an error reason (upper case, safe to send: e.g. {@code NOT AVAILABLE})
     */
    Issued issue(ServiceDirectory.NamedService service, String subsId, String transId);

    /** Either credentials or the reason there are none. */
    record Issued(Optional<Credentials> credentials, String error) {
        public static Issued of(Credentials c) {
            return new Issued(Optional.of(c), null);
        }

        public static Issued refused(String error) {
            return new Issued(Optional.empty(), error);
        }
    }
}
