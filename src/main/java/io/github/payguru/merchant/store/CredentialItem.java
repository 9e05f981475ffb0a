package io.github.payguru.merchant.store;

import java.math.BigDecimal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The login issued for an MP subscription through the credential service, {@code pk = SUB#MP#<subsId>},
 * {@code sk = CRED}. The password is kept only as a salted PBKDF2 hash: the clear password exists only
 * in the credential-service answer.
 */
public class CredentialItem extends Item {

    public static final String SORT = "CRED";

    public static final StaticTableSchema<CredentialItem> SCHEMA = Item.schema(CredentialItem.class, CredentialItem::new)
            .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("subsId").getter(i -> i.subsId).setter((i, v) -> i.subsId = v))
            .addAttribute(String.class, a -> a.name("login").getter(i -> i.login).setter((i, v) -> i.login = v))
            .addAttribute(String.class,
                    a -> a.name("passwordHash").getter(i -> i.passwordHash).setter((i, v) -> i.passwordHash = v))
            .addAttribute(BigDecimal.class, a -> a.name("issued").getter(i -> i.issued).setter((i, v) -> i.issued = v))
            .addAttribute(String.class, a -> a.name("transId").getter(i -> i.transId).setter((i, v) -> i.transId = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .build();

    public String service;
    public String subsId;
    public String login;
    /** {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. */
    public String passwordHash;
    /** How many times a password was issued (each credential call issues a fresh one). */
    public BigDecimal issued;
    /** Payguru's trans_id of the last credential call. */
    public String transId;
    public String status;
}
