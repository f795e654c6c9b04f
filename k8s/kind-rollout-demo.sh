#!/usr/bin/env bash
# Walks through a release on a throw-away kind cluster: deploys OLD_REF, then NEW_REF (whose
# migrations, say, add a column), and shows that the old pods stay ready while the migration Job
# runs, that the new pods wait in their init container until it is done, and that the API never
# has fewer ready pods than replicas.
#
#   k8s/kind-rollout-demo.sh OLD_REF NEW_REF     e.g. k8s/kind-rollout-demo.sh v1.0.0 HEAD
#
# Both refs must have the Dockerfiles, the `wait` command and this k8s/ layout.
# Needs git, kind, kubectl and docker (or CONTAINER_ENGINE=podman). Builds each ref in a temporary
# git worktree; never edits the committed k8s/ (it renders a temporary copy of the dev overlay).
# Not run by the build: the project's CI has no container engine or cluster. KEEP_CLUSTER=1 keeps
# the cluster afterwards.
set -euo pipefail

old_ref=${1:?usage: $0 OLD_REF NEW_REF}
new_ref=${2:?usage: $0 OLD_REF NEW_REF}
engine=${CONTAINER_ENGINE:-docker}
cluster=${KIND_CLUSTER:-crm-rollout-demo}
namespace=crm-dev
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)

cleanup() {
    [[ -n ${watcher:-} ]] && kill "$watcher" 2>/dev/null || true
    for tree in "$work"/src-*; do
        [[ -d $tree ]] && git -C "$repo" worktree remove --force "$tree"
    done
    [[ ${KEEP_CLUSTER:-0} == 1 ]] || kind delete cluster --name "$cluster" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n=== %s\n' "$*"; }

# A version per ref: the short commit id (lower-case hex, valid in image tags and Job names).
version_of() { git -C "$repo" rev-parse --short=8 "$1^{commit}"; }

build_images() {
    local ref=$1 version=$2 tree="$work/src-$2"
    step "Building $ref as version $version"
    git -C "$repo" worktree add --detach "$tree" "$ref" >/dev/null
    (cd "$tree" && ./mvnw -B -q package -DskipTests)
    for target in api migrate; do
        "$engine" build -q -f "$tree/src/main/docker/Dockerfile.jvm" --target "$target" \
            -t "crm-service-$target:$version" "$tree" >/dev/null
        "$engine" save -o "$work/$target-$version.tar" "crm-service-$target:$version"
        kind load image-archive "$work/$target-$version.tar" --name "$cluster"
    done
}

# Renders a copy of the dev overlay with the given version and applies it.
deploy() {
    local version=$1
    rm -rf "$work/k8s" && cp -r "$repo/k8s" "$work/k8s"
    sed "s/^  version: .*/  version: \"$version\"/" "$repo/k8s/components/release/release.yaml" \
        >"$work/k8s/components/release/release.yaml"
    kubectl apply -k "$work/k8s/overlays/dev"
}

old_version=$(version_of "$old_ref")
new_version=$(version_of "$new_ref")
[[ $old_version != "$new_version" ]] || { echo "OLD_REF and NEW_REF are the same commit" >&2; exit 2; }

step "Creating kind cluster $cluster"
kind create cluster --name "$cluster" --wait 120s
build_images "$old_ref" "$old_version"
build_images "$new_ref" "$new_version"

step "Release $old_version: first install"
deploy "$old_version"
kubectl -n "$namespace" wait --for=condition=complete --timeout=10m "job/crm-migrate-$old_version"
kubectl -n "$namespace" rollout status deployment/crm-api --timeout=10m
replicas=$(kubectl -n "$namespace" get deployment crm-api -o jsonpath='{.spec.replicas}')

step "Release $new_version: watching the pods (version label, readiness, init container state)"
kubectl -n "$namespace" get pods -l app.kubernetes.io/name=crm-api -L app.kubernetes.io/version --watch &
watcher=$!
deploy "$new_version"

# Until the rollout ends, the API must keep every replica ready.
lowest=$replicas
while ! kubectl -n "$namespace" rollout status deployment/crm-api --timeout=1s >/dev/null 2>&1; do
    ready=$(kubectl -n "$namespace" get deployment crm-api -o jsonpath='{.status.readyReplicas}')
    (( ${ready:-0} < lowest )) && lowest=${ready:-0}
    sleep 1
done
kill "$watcher" 2>/dev/null || true
watcher=

step "Result"
kubectl -n "$namespace" get job "crm-migrate-$new_version"
kubectl -n "$namespace" logs "job/crm-migrate-$new_version" | tail -n 20
kubectl -n "$namespace" get pods -l app.kubernetes.io/name=crm-api -L app.kubernetes.io/version
echo "Fewest ready API pods during the release: $lowest of $replicas"
(( lowest >= replicas )) || { echo "FAILED: the API lost capacity during the release" >&2; exit 1; }
echo "OK: the old pods served throughout; the new ones started after the migration"
