package io.github.payguru.merchant.lambda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.aws.AwsJson;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The merchant's secrets, read from SSM Parameter Store once per container, before anything else starts.
 * <p>
 * A function lists the secrets it needs in {@code payguru.secrets.names} (env {@code PAYGURU_SECRETS_NAMES},
 * comma-separated, e.g. {@code merchant-private-key,services/phs/private-key}); each is the SecureString
 * parameter {@code <payguru.secrets.path>/<name>} and becomes the property {@code payguru.<name with dots>}
 * ({@code services/phs/private-key} → {@code payguru.services.phs.private-key}). Its IAM policy allows
 * {@code ssm:GetParameters} on exactly those parameters, so a function never holds another line's keys. A
 * listed parameter that does not exist, or whose value is blank, stops the function at start (fail closed: a callback
 * token that cannot be read must not turn the token check off). The source ranks above the environment and system
 * properties, so an empty {@code PAYGURU_MP_CALLBACK_TOKEN=} cannot hide the value read here, and its values are
 * never expanded ({@link RawSecrets}). Values are never logged; an error names parameters only. Without names
 * (local run, tests) nothing is read and the configuration supplies the values.
 * <p>
 * The call is {@code AmazonSSM.GetParameters} through {@link AwsJson} (SigV4, the URL-connection client), not the
 * SDK's SSM client: that jar alone was 6 MB of the function.zip for this one call.
 */
public class SsmSecrets implements ConfigSourceFactory {

    public static final String PATH = "payguru.secrets.path";
    public static final String NAMES = "payguru.secrets.names";
    /** Another SSM endpoint (the local emulator in tests of the packaged function). */
    public static final String ENDPOINT = "payguru.secrets.endpoint";
    /**
     * Above application.properties (250), the environment (300) and system properties (400): a secret read from SSM is
     * never overridden, nor blanked, by an environment variable of the same property.
     */
    static final int ORDINAL = 500;

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+){0,3}");
    private static final Pattern PARAMETER_PATH = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
    /** GetParameters takes at most 10 names per call. */
    private static final int BATCH = 10;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> names = names(value(context, NAMES));
        if (names.isEmpty()) {
            return List.of();
        }
        String path = value(context, PATH);
        if (path == null || !PARAMETER_PATH.matcher(path).matches()) {
            throw new IllegalStateException(PATH + " must be a parameter path such as /payguru-merchant, not " + path);
        }
        try (AwsJson ssm = client(value(context, ENDPOINT))) {
            return List.of(new PropertiesConfigSource(load(ssm, path, names), "ssm-secrets", ORDINAL));
        }
    }

    /**
     * SSM as the SDK's client finds it in Lambda (region, credentials and endpoint settings from the environment),
     * or at {@code endpoint} when set.
     */
    public static AwsJson client(String endpoint) {
        return AwsJson.fromEnvironment("ssm", "AmazonSSM", "ssm", "Ssm", endpoint);
    }

    /** The secrets as properties; refuses when a parameter is missing or blank (naming it, never a value). */
    public static Map<String, String> load(AwsJson ssm, String path, List<String> names) {
        Map<String, String> propertyOf = new LinkedHashMap<>();
        names.forEach(n -> propertyOf.put(path + "/" + n, property(n)));
        List<String> parameters = new ArrayList<>(propertyOf.keySet());
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i += BATCH) {
            List<String> batch = parameters.subList(i, Math.min(parameters.size(), i + BATCH));
            ObjectNode request = JsonNodeFactory.instance.objectNode().put("WithDecryption", true);
            batch.forEach(request.putArray("Names")::add);
            JsonNode r = ssm.call("GetParameters", request);
            for (JsonNode p : r.path("Parameters")) {
                String property = propertyOf.get(p.path("Name").asText());
                if (property != null && p.path("Value").isTextual() && !p.path("Value").asText().isBlank()) {
                    out.put(property, p.path("Value").asText());
                }
            }
            r.path("InvalidParameters").forEach(n -> missing.add(n.asText()));
        }
        for (String parameter : parameters) {
            if (!out.containsKey(propertyOf.get(parameter)) && !missing.contains(parameter)) {
                missing.add(parameter);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("SSM parameters not found or blank (create them as SecureString): " + missing);
        }
        return out;
    }

    /** {@code services/phs/private-key} → {@code payguru.services.phs.private-key}. */
    public static String property(String name) {
        return "payguru." + name.replace('/', '.');
    }

    /** The listed names, blanks dropped (a template may leave an entry empty), each checked. */
    public static List<String> names(String list) {
        if (list == null) {
            return List.of();
        }
        List<String> names = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalStateException(NAMES + ": not a secret name: " + n);
            }
        }
        return names;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null ? null : v.getValue();
    }
}
