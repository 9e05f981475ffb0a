package io.github.payguru.merchant.dev.simulator;

/**
 * A configured answer for the next request of an operation ({@link PayguruSimulator#failNext}).
 *
 * @param httpStatus HTTP status to answer
 * @param code MP {@code resultCode} or PHS {@code status} code to put in the body
 */
public record SimulatorFault(int httpStatus, String code) {
}
