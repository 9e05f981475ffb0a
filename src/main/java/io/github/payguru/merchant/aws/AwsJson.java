package io.github.payguru.merchant.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One call of an AWS service that speaks the JSON protocol ({@code x-amz-json-1.1}: SSM's {@code GetParameters},
 * EventBridge's {@code PutEvents}): a POST of a JSON body with {@code X-Amz-Target: <prefix>.<operation>},
 * signed with SigV4 by the SDK's own signer and sent with the SDK's URL-connection HTTP client, both already
 * in the artifact for DynamoDB. Why not the SDK's service clients: the SSM and EventBridge jars hold the model
 * classes of every operation of those services (8 MB of the function.zip) for one operation each.
 * <p>
 * Like the SDK's standard retry mode, a call is tried up to {@value #ATTEMPTS} times when it got no answer,
 * a 5xx or a throttling error; any other refusal fails at once. A failure names the operation, the HTTP status
 * and AWS's error code and message, never the request body (it may carry secrets' names and events' details,
 * and SSM's answer carries the secrets themselves).
 */
public final class AwsJson implements AutoCloseable {

    /** The error codes AWS uses for throttling across JSON services (retried). */
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottledException");
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call AWS refused or that got no usable answer. */
    public static final class Failure extends RuntimeException {

        private final int status;
        private final String errorCode;

        Failure(String message, int status, String errorCode, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.errorCode = errorCode;
        }

        /** The HTTP status, 0 when there was no answer. */
        public int status() {
            return status;
        }

        /** AWS's error code ({@code __type} without its namespace), null when there was none. */
        public String errorCode() {
            return errorCode;
        }
    }

    private final String signingName;
    private final String targetPrefix;
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param signingName the service's SigV4 name ({@code ssm}, {@code events})
     * @param targetPrefix the {@code X-Amz-Target} prefix ({@code AmazonSSM}, {@code AWSEvents})
     */
    public AwsJson(String signingName, String targetPrefix, URI endpoint, Region region,
            AwsCredentialsProvider credentials) {
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.endpoint = endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint;
        this.region = region.id();
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * As the SDK's clients do in Lambda: region and credentials from the environment (the default chains), the
     * endpoint {@code override} when given, else the SDK's endpoint settings ({@code aws.endpointUrl<ServiceId>},
     * {@code AWS_ENDPOINT_URL_<SERVICE_ID>}, then the same without service), else {@code https://<endpointPrefix>.<region>.<domain>}.
     *
     * @param serviceId the SDK's service id without spaces ({@code Ssm}, {@code EventBridge})
     */
    public static AwsJson fromEnvironment(String signingName, String targetPrefix, String endpointPrefix,
            String serviceId, String override) {
        Region region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        String configured = firstSet(override, System.getProperty("aws.endpointUrl" + serviceId),
                System.getenv("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT)),
                System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL"));
        URI endpoint = configured != null ? URI.create(configured)
                : URI.create("https://" + endpointPrefix + "." + region.id() + "." + domain(region));
        return new AwsJson(signingName, targetPrefix, endpoint, region, DefaultCredentialsProvider.builder().build());
    }

    /** Calls {@code operation} with {@code body}; answers AWS's JSON answer (an empty object when it had none). */
    public JsonNode call(String operation, JsonNode body) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Failure last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            try {
                return once(operation, payload);
            } catch (Failure f) {
                if (!retryable(f)) {
                    throw f;
                }
                last = f;
            }
        }
        throw last;
    }

    private JsonNode once(String operation, byte[] payload) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", targetPrefix + "." + operation)
                .putHeader("Content-Length", Integer.toString(payload.length)).build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        int status;
        byte[] answer;
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            status = response.httpResponse().statusCode();
            answer = read(response);
        } catch (IOException | UncheckedIOException e) {
            throw new Failure(targetPrefix + "." + operation + " got no answer: " + e.getClass().getSimpleName(), 0,
                    null, e);
        }
        JsonNode json = parse(answer);
        if (status / 100 == 2) {
            return json.isMissingNode() ? JSON.createObjectNode() : json;
        }
        String type = json.path("__type").asText(null);
        String code = type == null ? null : type.substring(type.lastIndexOf('#') + 1);
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText(null);
        throw new Failure(targetPrefix + "." + operation + " failed: HTTP " + status + " " + code
                + (message == null ? "" : " (" + message + ")"), status, code, null);
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (AbortableInputStream in = response.responseBody().get()) {
            return ((InputStream) in).readAllBytes();
        }
    }

    private static JsonNode parse(byte[] answer) {
        if (answer.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(new String(answer, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static boolean retryable(Failure f) {
        return f.status() == 0 || f.status() >= 500 || f.status() == 429
                || f.errorCode() != null && THROTTLING.contains(f.errorCode());
    }

    private static void pause(int attempt) {
        long base = 100L << (attempt - 2);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an AWS call", e);
        }
    }

    private static String domain(Region region) {
        RegionMetadata metadata = RegionMetadata.of(region);
        return metadata == null ? "amazonaws.com" : metadata.domain();
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    public void close() {
        http.close();
        if (credentials instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing to release that matters at shutdown
            }
        }
    }
}
