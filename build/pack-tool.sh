#!/usr/bin/env bash
# Packs Dotlanth.Evidence.Cli as a RID-specific .NET tool into OUT: a pointer package naming its runtime identifiers,
# a NativeAOT package for this machine's RID (it starts in milliseconds), and a portable package ('any', the same
# tool on the .NET runtime) that `dotnet tool install` falls back to on every other machine. The bundle's tool facts
# say which one ran (tool.build: native or portable).
# Usage: build/pack-tool.sh OUT [VERSION]   (EVIDENCE_NATIVE_RIDS overrides the native RIDs, space-separated;
# empty packs the portable package alone; EVIDENCE_NATIVE_OUT names a folder that gets each native binary, with the
# native libraries beside it, in a folder per RID). NativeAOT compiles for the machine it runs on: each RID listed
# must be this machine's (linux-arm64 is packed on an arm64 machine).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: build/pack-tool.sh OUT [VERSION]}
version=${2:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)}
host=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
native=${EVIDENCE_NATIVE_RIDS-$host}
# Lists go in through the environment: on the command line MSBuild would split them at the ';'.
export ToolPackageRuntimeIdentifiers
ToolPackageRuntimeIdentifiers=$(echo "$native any" | xargs | tr ' ' ';')
cli="$root/src/Dotlanth.Evidence.Cli/Dotlanth.Evidence.Cli.csproj"
common=(-c Release -o "$out" --nologo -v minimal -clp:NoSummary -p:Version="$version" -nodeReuse:false)

mkdir -p "$out"
echo "pack-tool: Dotlanth.Evidence.Cli $version for ${ToolPackageRuntimeIdentifiers//;/, } (native: ${native:-none})" >&2
# The pointer package: RuntimeIdentifiers names the native builds only ('any' is no runtime to restore for).
RuntimeIdentifiers=$(echo "$native" | xargs | tr ' ' ';') dotnet pack "$cli" "${common[@]}" -p:PublishAot=true
for rid in $native; do
  dotnet pack "$cli" "${common[@]}" -r "$rid" -p:PublishAot=true
  if [ -n "${EVIDENCE_NATIVE_OUT:-}" ]; then
    published="$root/src/Dotlanth.Evidence.Cli/bin/Release/net10.0/$rid/publish"
    mkdir -p "$EVIDENCE_NATIVE_OUT/$rid"
    cp "$published/dotnet-evidence" "$EVIDENCE_NATIVE_OUT/$rid/"
    cp "$published/"*.so "$EVIDENCE_NATIVE_OUT/$rid/" 2>/dev/null || true
  fi
done
dotnet pack "$cli" "${common[@]}" -r any
