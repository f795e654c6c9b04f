#!/usr/bin/env bash
# The native sources (target/native-sources) of the fixture build: the service with the tests'
# extra migration location on the file system, target/fixture-migrations, for the
# packaged-artifact tests against native executables (docs/native.md). Extra arguments go to Maven.
#
# Quarkus registers a filesystem: location as a native-image resource pattern, which native-image
# rejects ("specifies unknown module filesystem"). Flyway reads such a location at run time, so the
# pattern is dropped from the sources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

locations=$(sed -n 's:.*<fixture.flyway.locations>\(.*\)</fixture.flyway.locations>.*:\1:p' pom.xml)
./mvnw -B -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests "-Dquarkus.flyway.locations=$locations" "$@"

jar=$(realpath target/native-sources/*-runner.jar)
config=META-INF/native-image/resource-config.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q -d "$work" "$jar" "$config"
jq '.resources.includes |= map(select(.pattern | startswith("\\Qfilesystem:") | not))' "$work/$config" > "$work/patched"
mv "$work/patched" "$work/$config"
(cd "$work" && jar uf "$jar" "$config")
