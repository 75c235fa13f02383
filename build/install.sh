#!/usr/bin/env bash
# Packs the CLI (NativeAOT, for this machine's runtime identifier) into artifacts/packages and installs it
# as a global .NET tool from there, so `dotnet evidence` (and `dotnet-evidence`, without the SDK's start-up) works on a
# fresh machine.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/artifacts/packages"
package=Dotlanth.Evidence.Cli
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "install: packing $package $version as a native binary for $rid (about two minutes the first time)…" >&2
rm -rf "$out"
# A RID-specific tool: the package users install names the native one for their machine, which NativeAOT compiles (it
# starts in milliseconds, without the .NET runtime), and falls back to the portable one elsewhere.
bash "$root/build/pack-tool.sh" "$out" "$version" 2>&1 | sed -u 's/^ */install:   /' >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "install: packing failed (the lines above say why)" >&2; exit 1; }

# A re-pack keeps its version, so drop any copy NuGet cached from an earlier install.
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
lower=$(echo "$package" | tr '[:upper:]' '[:lower:]')
rm -rf "$packages/$lower" "$packages/$lower.$rid" "$packages/$lower.any"

# dotnet tool install's own PATH advice would contradict the line below: keep its output for a failure only.
dotnet tool uninstall --global "$package" >/dev/null 2>&1 || true
if ! dotnet tool install --global "$package" --version "$version" --add-source "$out" >"$log" 2>&1; then
  cat "$log" >&2
  echo "install: dotnet tool install failed (above)" >&2
  exit 1
fi

tools="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"
linked=""
if ! command -v dotnet-evidence >/dev/null 2>&1 && [ "${EVIDENCE_INSTALL_LINK:-1}" != 0 ]; then
  # `dotnet evidence` finds dotnet-evidence on PATH; link it where this shell already looks, and say so first.
  for dir in /usr/local/bin "$HOME/.local/bin"; do
    if [ -d "$dir" ] && [ -w "$dir" ] && [[ ":$PATH:" == *":$dir:"* ]]; then
      echo "install: $tools is not on PATH; linking $dir/dotnet-evidence to it (EVIDENCE_INSTALL_LINK=0 skips this)" >&2
      ln -sf "$tools/dotnet-evidence" "$dir/dotnet-evidence"
      linked=" (linked from $dir)"
      break
    fi
  done
fi

if command -v dotnet-evidence >/dev/null 2>&1; then
  echo "install: installed dotnet evidence $(dotnet-evidence --version) as a global .NET tool in $tools$linked; try: dotnet evidence run -- git status" >&2
else
  echo "install: installed dotnet evidence $version as a global .NET tool in $tools, which is not on PATH: run export PATH=\"\$PATH:$tools\" (and add it to your shell profile)" >&2
fi
