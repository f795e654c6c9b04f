#!/bin/sh
# The backup before migrate: a pg_dump in custom format, one file per release and time,
# crm-<version>-<UTC time>.dump; then keeps the newest CRM_BACKUP_KEEP dumps, and every dump of the
# release being installed. Runs in the PostgreSQL image as a role that reads every row and
# changes none (docs/backup.md). Used by the migration Job (this folder's component) and by
# docker-compose.prod.yml.
#
# Environment: QUARKUS_DATASOURCE_JDBC_URL, the service's database (its libpq parameters, such
# as sslmode and sslrootcert, apply); PGUSER, PGPASSWORD; CRM_VERSION, the release being
# installed; CRM_BACKUP_DIR [/backups]; CRM_BACKUP_KEEP [5].
set -eu

url=${QUARKUS_DATASOURCE_JDBC_URL:?QUARKUS_DATASOURCE_JDBC_URL names the database}
version=${CRM_VERSION:?CRM_VERSION names the release being installed}
dir=${CRM_BACKUP_DIR:-/backups}
keep=${CRM_BACKUP_KEEP:-5}
case $version in
*[!A-Za-z0-9._-]* | '') echo "backup: CRM_VERSION may hold letters, digits and . _ - only" >&2; exit 2 ;;
esac
case $keep in
*[!0-9]* | '' | 0) echo "backup: CRM_BACKUP_KEEP must be a whole number of at least 1" >&2; exit 2 ;;
esac

name=crm-$version-$(date -u +%Y%m%dT%H%M%SZ).dump
started=$(date +%s)
echo "backup: dumping ${url%%\?*} as $PGUSER to $name"
# Only a complete dump gets its name: a failure leaves a .partial file, which retention ignores.
pg_dump --format=custom --no-password --dbname="${url#jdbc:}" --file="$dir/$name.partial"
mv "$dir/$name.partial" "$dir/$name"
echo "backup: $name done: $(wc -c <"$dir/$name") bytes in $(($(date +%s) - started)) s"

ls -1t "$dir"/crm-*.dump | tail -n +$((keep + 1)) | while read -r old; do
    case ${old##*/} in
    "crm-$version-"*) continue ;;
    esac
    rm -f "$old"
    echo "backup: removed ${old##*/} (keeping the newest $keep)"
done
