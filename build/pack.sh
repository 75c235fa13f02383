#!/usr/bin/env bash
# Packs the two published packages, Dotlanth.Evidence.Cli (the .NET tool: a pointer package, the NativeAOT package
# for this machine's RID and the portable 'any' package, see build/pack-tool.sh) and Dotlanth.Evidence.MSBuild (with
# the same native CLI beside its portable one), with one version into one folder: what the release workflow publishes.
# Usage: build/pack.sh VERSION [OUT]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${1:?usage: build/pack.sh VERSION [OUT]}
out=${2:-"$root/artifacts/release"}
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$ ]]; then
  echo "pack: '$version' is not a version (MAJOR.MINOR.PATCH, optionally -prerelease)" >&2
  exit 2
fi

mkdir -p "$out"
# The MSBuild package carries the native binaries the tool packages are built with (no second compile).
native=$(mktemp -d)
trap 'rm -rf "$native"' EXIT
echo "pack: Dotlanth.Evidence.Cli $version" >&2
EVIDENCE_NATIVE_OUT="$native" bash "$root/build/pack-tool.sh" "$out" "$version" >&2
echo "pack: Dotlanth.Evidence.MSBuild $version" >&2
dotnet pack "$root/src/Dotlanth.Evidence.MSBuild/Dotlanth.Evidence.MSBuild.csproj" -c Release -o "$out" --nologo -v minimal \
  -p:Version="$version" -p:EvidenceNativeDir="$native" -nodeReuse:false >&2
echo "pack: $(find "$out" -name "*.$version.nupkg" | wc -l) package(s) in $out" >&2
