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
for provider in Sqlite PostgreSql SqlServer; do
  JOULES_EF_PROVIDER=$provider dotnet ef migrations add "$name" --no-build --configuration Debug \
    --project "$project" --startup-project "$project" --context "$context" \
    --output-dir "Migrations/$provider" --namespace "$namespace.Migrations.$provider"
done
