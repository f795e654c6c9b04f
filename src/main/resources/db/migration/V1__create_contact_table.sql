-- Expand: a new table; nothing running reads it yet.
create sequence contact_seq start with 1 increment by 50;

create table contact (
    id         bigint       not null,
    first_name varchar(100) not null,
    last_name  varchar(100) not null,
    email      varchar(254) not null,
    phone      varchar(32),
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    version    bigint       not null,
    constraint contact_pkey primary key (id)
);
