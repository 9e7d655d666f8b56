#!/usr/bin/env bash
# k8s-deploy.sh - deploy (or upgrade) Houqin from a kustomize overlay in the safe order:
#   1. everything but the apps and the migration Jobs (namespace, ConfigMaps, NetworkPolicies,
#      ServiceAccounts, Services, HPAs, PDBs, monitoring, and in dev the in-cluster Kafka/PostgreSQL/Redis);
#   2. the migration Jobs (the previous ones deleted first: a Job's pod template is immutable),
#      waiting until every one has completed;
#   3. the gateway and service Deployments, which roll one pod at a time (maxUnavailable 0) on
#      the migrated schema, waiting for each rollout.
# Migrations must stay backward compatible with the release still running during step 3.
#
# Usage: tools/deploy/k8s-deploy.sh <overlay dir> [extra kubectl apply flags...]
#   e.g. tools/deploy/k8s-deploy.sh k8s/overlays/prod
set -euo pipefail

OVERLAY="${1:?usage: k8s-deploy.sh <overlay dir> [kubectl apply flags]}"
shift
TIMEOUT="${HOUQIN_DEPLOY_TIMEOUT:-900s}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

kubectl kustomize "$OVERLAY" > "$WORK/all.yaml"
NAMESPACE="$(awk '/^  namespace: / { print $2; exit }' "$WORK/all.yaml")"
: "${NAMESPACE:?no namespace in the rendered overlay}"

# Split the rendered documents: app Deployments, migration Jobs, everything else.
awk -v dir="$WORK" '
  function flush() {
    if (doc == "") return
    file = dir "/rest.yaml"
    if (doc ~ /(^|\n)kind: Job\n/) file = dir "/jobs.yaml"
    else if (doc ~ /(^|\n)kind: Deployment\n/ && doc ~ /\n    app\.kubernetes\.io\/component: (gateway|service)\n/) file = dir "/apps.yaml"
    printf "---\n%s", doc >> file
    doc = ""
  }
  /^---$/ { flush(); next }
  { doc = doc $0 "\n" }
  END { flush() }
' "$WORK/all.yaml"

echo "--- 1/3 configuration, policies and infrastructure ($NAMESPACE)"
kubectl apply -f "$WORK/rest.yaml" "$@"
for kind in statefulset deployment; do
  for name in $(kubectl -n "$NAMESPACE" get "$kind" -l app.kubernetes.io/component=infrastructure -o name 2>/dev/null); do
    kubectl -n "$NAMESPACE" rollout status "$name" --timeout="$TIMEOUT"
  done
done

if [ -s "$WORK/jobs.yaml" ]; then
  echo "--- 2/3 database migrations"
  kubectl delete -f "$WORK/jobs.yaml" --ignore-not-found --wait=true
  kubectl apply -f "$WORK/jobs.yaml" "$@"
  if ! kubectl -n "$NAMESPACE" wait --for=condition=complete job -l app.kubernetes.io/component=migration --timeout="$TIMEOUT"; then
    kubectl -n "$NAMESPACE" logs -l app.kubernetes.io/component=migration --tail=50 --prefix || true
    echo "a migration Job did not complete: the Deployments were not touched" >&2
    exit 1
  fi
fi

echo "--- 3/3 gateway and services"
kubectl apply -f "$WORK/apps.yaml" "$@"
for name in $(kubectl -n "$NAMESPACE" get deployment -l 'app.kubernetes.io/component in (gateway,service)' -o name); do
  kubectl -n "$NAMESPACE" rollout status "$name" --timeout="$TIMEOUT"
done
echo "--- deployed $OVERLAY to $NAMESPACE"
