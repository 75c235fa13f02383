#!/usr/bin/env bash
# Packs the two published packages, Dotlanth.Evidence.Cli (the .NET tool) and Dotlanth.Evidence.MSBuild, with one
# version into one folder: what the release workflow publishes. Usage: build/pack.sh VERSION [OUT]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${1:?usage: build/pack.sh VERSION [OUT]}
out=${2:-"$root/artifacts/release"}
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$ ]]; then
  echo "pack: '$version' is not a version (MAJOR.MINOR.PATCH, optionally -prerelease)" >&2
  exit 2
fi

mkdir -p "$out"
for project in Dotlanth.Evidence.Cli Dotlanth.Evidence.MSBuild; do
  echo "pack: $project $version" >&2
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$out" --nologo -v minimal -p:Version="$version" -nodeReuse:false >&2
done
echo "pack: $(find "$out" -name "*.$version.nupkg" | wc -l) package(s) in $out" >&2
