#!/usr/bin/env bash
# Sourced once by the postgres image's entrypoint when the data directory is first initialised:
# one login role and one database per app with a database (the gateway and the five services), each
# role owning its database, nobody else allowed to connect. Passwords come from the environment (the
# houqin-postgres Secret), never from here.
# tools/deploy/k8s.int-spec.ts checks that every such app's database is created.
for houqin_service in gateway procurement maintenance catering transport evaluation; do
  houqin_password_var="$(echo "${houqin_service}" | tr '[:lower:]' '[:upper:]')_PASSWORD"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
    -v role="${houqin_service}" -v password="${!houqin_password_var}" -v db="houqin_${houqin_service}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
