-- The answers of POSTs sent with an Idempotency-Key (DESIGN section 8), per caller: the kit's IdempotentInterceptor
-- stores each in the transaction of the request's effect, and replays it when the same key and request come again.

create table idempotency_key (
    caller        varchar(128)  not null,
    key           varchar(128)  not null,
    request_hash  char(64)      not null,
    response      jsonb         not null,
    created_at    timestamptz   not null,
    primary key (caller, key)
);
