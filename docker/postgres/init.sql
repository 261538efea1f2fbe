-- One PostgreSQL server, one database per service (each service owns its schema; none reads another's tables).
create role jixiao login password 'jixiao';
create database indicator owner jixiao;
create database evaluation owner jixiao;
create database survey owner jixiao;
create database budget owner jixiao;
