package io.github.payguru.merchant.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The login issued for an MP subscription through the credential service, {@code pk = SUB#MP#<subsId>},
 * {@code sk = CRED}. The password is kept only as a salted PBKDF2 hash: the clear password exists only
 * in the credential-service answer, derived again from the first {@code trans_id} and a key from SSM when Payguru asks
 * again ({@code mp.GeneratedCredentials}).
 */
public class CredentialItem extends Item {

    public static final String SORT = "CRED";

    public static final StaticTableSchema<CredentialItem> SCHEMA = Item.schema(CredentialItem.class, CredentialItem::new)
            .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("subsId").getter(i -> i.subsId).setter((i, v) -> i.subsId = v))
            .addAttribute(String.class, a -> a.name("login").getter(i -> i.login).setter((i, v) -> i.login = v))
            .addAttribute(String.class,
                    a -> a.name("passwordHash").getter(i -> i.passwordHash).setter((i, v) -> i.passwordHash = v))
            .addAttribute(String.class, a -> a.name("transId").getter(i -> i.transId).setter((i, v) -> i.transId = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .build();

    public String service;
    public String subsId;
    public String login;
    /** {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. */
    public String passwordHash;
    /** Payguru's trans_id of the first credential request: the password is derived from it, once and for all. */
    public String transId;
    public String status;
}
