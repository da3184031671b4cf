#!/usr/bin/env bash
# Generates one EF Core migration of a plugin's DbContext for every supported provider, into
# <PluginProjectDir>/Migrations/<Provider>/ with namespace <RootNamespace>.Migrations.<Provider>
# (the plugin runtime picks the active provider's set by that namespace).
# The plugin needs a design-time factory: class X() : PluginDesignTimeDbContextFactory<TContext>("<plugin id>").
# Usage: scripts/add-plugin-migration.sh <PluginProjectDir> <MigrationName> <ContextName>
set -euo pipefail
usage="usage: scripts/add-plugin-migration.sh <PluginProjectDir> <MigrationName> <ContextName>"
project=$(cd "${1:?$usage}" && pwd)
name=${2:?$usage}
context=${3:?$usage}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# EfDesign=true (read by build/PluginProject.targets) copies Joules.Core and EF Core Design into the output.
export EfDesign=true
dotnet build "$project" -c Debug -v q >/dev/null
namespace=$(dotnet msbuild "$project" -getProperty:RootNamespace)
# One context serves every provider, so the three model snapshots share a file name and `dotnet ef` would overwrite
# whichever it finds first: only the current provider's snapshot is left in the project during its run.
snapshot="${context}ModelSnapshot.cs"
parked=$(mktemp -d)
trap 'for p in Sqlite PostgreSql SqlServer; do [ -f "$parked/$p" ] && mkdir -p "$project/Migrations/$p" && mv "$parked/$p" "$project/Migrations/$p/$snapshot"; done; rm -rf "$parked"' EXIT
for provider in Sqlite PostgreSql SqlServer; do
  [ -f "$project/Migrations/$provider/$snapshot" ] && mv "$project/Migrations/$provider/$snapshot" "$parked/$provider"
done
for provider in Sqlite PostgreSql SqlServer; do
  if [ -f "$parked/$provider" ]; then mkdir -p "$project/Migrations/$provider"; mv "$parked/$provider" "$project/Migrations/$provider/$snapshot"; fi
  JOULES_EF_PROVIDER=$provider dotnet ef migrations add "$name" --no-build --configuration Debug \
    --project "$project" --startup-project "$project" --context "$context" \
    --output-dir "Migrations/$provider" --namespace "$namespace.Migrations.$provider"
  # A new snapshot lands in a folder named after its namespace: park it under Migrations/<Provider>/.
  written=$(cd "$project" && find . -name "$snapshot" -not -path "./bin/*" -not -path "./obj/*" | head -n 1)
  mv "$project/$written" "$parked/$provider"
  (cd "$project" && rmdir -p --ignore-fail-on-non-empty "$(dirname "$written")" 2>/dev/null || true)
done
