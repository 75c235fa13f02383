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
echo "pack: Dotlanth.Evidence.Cli $version" >&2
bash "$root/build/pack-tool.sh" "$out" "$version" >&2

# The MSBuild package carries the native binaries the tool packages were just built with (no second compile).
host=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
native=$(mktemp -d)
trap 'rm -rf "$native"' EXIT
for rid in ${EVIDENCE_NATIVE_RIDS-$host}; do
  mkdir -p "$native/$rid"
  cp "$root/src/Dotlanth.Evidence.Cli/bin/Release/net10.0/$rid/publish/dotnet-evidence" "$native/$rid/"
  cp "$root/src/Dotlanth.Evidence.Cli/bin/Release/net10.0/$rid/publish/"*.so "$native/$rid/" 2>/dev/null || true
done
echo "pack: Dotlanth.Evidence.MSBuild $version" >&2
dotnet pack "$root/src/Dotlanth.Evidence.MSBuild/Dotlanth.Evidence.MSBuild.csproj" -c Release -o "$out" --nologo -v minimal \
  -p:Version="$version" -p:EvidenceNativeDir="$native" -nodeReuse:false >&2
echo "pack: $(find "$out" -name "*.$version.nupkg" | wc -l) package(s) in $out" >&2
