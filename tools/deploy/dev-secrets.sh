#!/usr/bin/env bash
# dev-secrets.sh - create the Secrets the dev overlay (k8s/overlays/dev) references, with random
# values. Nothing secret is ever committed: run this once per cluster before the first deploy.
#
# Usage: tools/deploy/dev-secrets.sh [namespace]      (default houqin-dev)
#
# Idempotent: a Secret that exists is kept (delete it to rotate; see docs/deployment.md).
# The PostgreSQL role passwords and the apps' DATABASE_URLs are created together, so they match.
# tools/deploy/k8s.int-spec.ts runs this script against a stub kubectl and checks that it creates
# every Secret and key the dev overlay references.
set -euo pipefail

NAMESPACE="${1:-houqin-dev}"
# Every app with a database (ServiceDefinition.persistence): the gateway and the five services.
SERVICES=(gateway procurement maintenance catering transport evaluation)

random() { od -An -tx1 -N"${1:-24}" /dev/urandom | tr -d ' \n'; }

exists() { kubectl -n "$NAMESPACE" get secret "$1" >/dev/null 2>&1; }

create() {
  local name="$1"
  shift
  if exists "$name"; then
    echo "secret/$name exists, kept"
  else
    kubectl -n "$NAMESPACE" create secret generic "$name" "$@" >/dev/null
    echo "secret/$name created"
  fi
}

if ! kubectl get namespace "$NAMESPACE" >/dev/null 2>&1; then
  kubectl create namespace "$NAMESPACE" >/dev/null
  echo "namespace/$NAMESPACE created"
fi

create houqin-internal-token --from-literal=INTERNAL_TOKEN_SECRET="$(random 32)"
create houqin-gateway --from-literal=ACCESS_TOKEN_SECRET="$(random 32)" --from-literal=WEBHOOK_SECRET_KEY="$(random 32)"
create houqin-procurement --from-literal=BID_SEALING_KEY="$(random 32)"
create houqin-redis --from-literal=REDIS_URL=redis://redis:6379

if exists houqin-postgres; then
  echo "secret/houqin-postgres exists, kept (with the houqin-<app>-database Secrets)"
else
  postgres_args=(--from-literal=POSTGRES_PASSWORD="$(random 24)")
  for service in "${SERVICES[@]}"; do
    password="$(random 24)"
    postgres_args+=(--from-literal="$(echo "$service" | tr '[:lower:]' '[:upper:]')_PASSWORD=${password}")
    kubectl -n "$NAMESPACE" delete secret "houqin-${service}-database" --ignore-not-found >/dev/null
    kubectl -n "$NAMESPACE" create secret generic "houqin-${service}-database" \
      --from-literal=DATABASE_URL="postgres://${service}:${password}@postgres:5432/houqin_${service}" >/dev/null
    echo "secret/houqin-${service}-database created"
  done
  kubectl -n "$NAMESPACE" create secret generic houqin-postgres "${postgres_args[@]}" >/dev/null
  echo "secret/houqin-postgres created"
fi
