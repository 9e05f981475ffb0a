package io.github.payguru.merchant.lambda;

import java.util.regex.Pattern;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Expressions;
import io.smallrye.config.Priorities;

/**
 * Secrets are read as written: no {@code ${…}} expansion of a secret's value (a token {@code ab${x}cd} is that
 * token, never {@code abcd} nor "absent"). Runs before SmallRye's expression interceptor (priority
 * {@value #PRIORITY} &gt; 3300) and turns expansion off for the lookup of a secret property: the MP callback token,
 * the merchant private key, each service's private key, the PHS token key and the credential key. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}. With {@link SsmSecrets} above the environment,
 * a configured secret can be neither blanked nor expanded (src/site/markdown/privacy-and-secrets.md).
 */
@Priority(RawSecrets.PRIORITY)
public class RawSecrets implements ConfigSourceInterceptor {

    static final int PRIORITY = Priorities.LIBRARY + 400;

    private static final Pattern SECRET = Pattern.compile(
            "payguru\\.(merchant-private-key|mp\\.callback-token|mp\\.credentials\\.key|api\\.phs-token-key"
                    + "|services\\.[^.]+\\.private-key|services\\.\"[^\"]+\"\\.private-key)");

    /** Whether a property holds a secret (its value is never expanded). */
    public static boolean isSecret(String property) {
        return property != null && SECRET.matcher(property).matches();
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        return isSecret(name) ? Expressions.withoutExpansion(() -> context.proceed(name)) : context.proceed(name);
    }
}
