#!/usr/bin/env bash
# Undoes a harmful release on docker compose, in one command: stops the API, restores a dump that
# the backup service took before a migration, waits until the restored schema is one the release
# in CRM_VERSION serves, and starts that release's API (docs/backup.md).
#
#   CRM_VERSION=<release to go back to> src/main/docker/compose-restore.sh crm-<version>-<UTC time>.dump
#
# Run from the repository root with the environment of docker-compose.prod.yml (passwords,
# CRM_IMAGE_PREFIX). COMPOSE_PROJECT_NAME selects another project than crm-service.
set -euo pipefail

dump=${1:?usage: CRM_VERSION=<release> $0 crm-<version>-<UTC time>.dump}
: "${CRM_VERSION:?set CRM_VERSION to the release to go back to: its API starts on the restored schema}"
compose=(docker compose -f docker-compose.yml -f docker-compose.prod.yml)

echo "== stopping the API"
"${compose[@]}" stop api
echo "== restoring $dump"
"${compose[@]}" run --rm restore "$dump"
echo "== waiting until the schema is the one release $CRM_VERSION serves"
"${compose[@]}" run --rm --no-deps api wait
echo "== starting the API of release $CRM_VERSION"
"${compose[@]}" up -d --no-deps --no-build --wait api
