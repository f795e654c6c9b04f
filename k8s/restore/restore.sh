#!/bin/sh
# Restores a dump taken by backup.sh: drops and recreates every object the dump holds, in one
# transaction, so that a failure leaves the database as it was. Runs in the PostgreSQL image as
# the owner role, while the API is stopped (docs/backup.md). Used by this folder's Job and by
# docker-compose.prod.yml's restore service.
#
#   restore.sh crm-<version>-<UTC time>.dump
#
# Environment: QUARKUS_DATASOURCE_JDBC_URL; PGUSER, PGPASSWORD; CRM_BACKUP_DIR [/backups].
set -eu

url=${QUARKUS_DATASOURCE_JDBC_URL:?QUARKUS_DATASOURCE_JDBC_URL names the database}
dump=${1:?usage: restore.sh DUMP, a file name in CRM_BACKUP_DIR}
dir=${CRM_BACKUP_DIR:-/backups}
case $dump in
*/* | .*) echo "restore: name a dump in $dir, not a path" >&2; exit 2 ;;
esac
if [ ! -f "$dir/$dump" ]; then
    echo "restore: no dump $dump in $dir; there are:" >&2
    ls -1t "$dir" >&2
    exit 2
fi

started=$(date +%s)
echo "restore: restoring $dump into ${url%%\?*} as $PGUSER"
pg_restore --clean --if-exists --single-transaction --exit-on-error --no-password --dbname="${url#jdbc:}" "$dir/$dump"
echo "restore: $dump restored in $(($(date +%s) - started)) s"
