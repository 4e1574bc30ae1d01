#!/usr/bin/env bash
# Adds an EF Core migration with the same name to BOTH providers' migrations assemblies, so the SQLite and
# PostgreSQL schemas never drift apart. Usage: scripts/add-migration.sh <MigrationName>
set -euo pipefail

if [[ $# -ne 1 || ! "$1" =~ ^[A-Za-z][A-Za-z0-9_]*$ ]]; then
  echo "usage: $0 <MigrationName>   (letters, digits and underscores, starting with a letter)" >&2
  exit 2
fi

name="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dotnet tool restore >/dev/null

for provider in Sqlite PostgreSql; do
  project="src/Data.Migrations.${provider}"
  echo "== ${provider}: adding migration ${name}"
  dotnet tool run dotnet-ef migrations add "$name" \
    --project "$project" \
    --startup-project "$project" \
    --context UsageDbContext \
    --output-dir Migrations
done

echo "Added ${name} to both providers. Review the generated files, then run: dotnet test tests/Data.Tests"
