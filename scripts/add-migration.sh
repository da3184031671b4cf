#!/usr/bin/env bash
# Generates one EF Core migration of the core model for every supported provider.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build Joules.Core -c Debug -v q >/dev/null
for provider in Sqlite:SqliteJoulesDbContext PostgreSql:PostgresJoulesDbContext SqlServer:SqlServerJoulesDbContext; do
  folder=${provider%%:*}; context=${provider##*:}
  dotnet ef migrations add "$name" --no-build --project Joules.Core --startup-project Joules.Core \
    --context "$context" --output-dir "Data/Migrations/$folder"
done
