#!/usr/bin/env bash
# Packs the CLI (ReadyToRun, for this machine's runtime identifier) into artifacts/packages and installs it
# as a global .NET tool from there, so `dotnet evidence` works on a fresh machine.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/artifacts/packages"
package=Dotlanth.Evidence.Cli
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)

echo "install: packing $package $version for $rid" >&2
rm -rf "$out"
dotnet pack "$root/src/Dotlanth.Evidence.Cli/Dotlanth.Evidence.Cli.csproj" -c Release -o "$out" --nologo -v quiet \
  -p:RuntimeIdentifiers="$rid" -p:ToolPackageRuntimeIdentifiers="$rid" -p:PublishReadyToRun=true >&2

# A re-pack keeps its version, so drop any copy NuGet cached from an earlier install.
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
lower=$(echo "$package" | tr '[:upper:]' '[:lower:]')
rm -rf "$packages/$lower" "$packages/$lower.$rid"

dotnet tool uninstall --global "$package" >/dev/null 2>&1 || true
dotnet tool install --global "$package" --version "$version" --add-source "$out" >&2

tools="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"
if ! command -v dotnet-evidence >/dev/null 2>&1; then
  # `dotnet evidence` finds dotnet-evidence on PATH; link it where this shell already looks.
  for dir in /usr/local/bin "$HOME/.local/bin"; do
    if [ -d "$dir" ] && [ -w "$dir" ] && [[ ":$PATH:" == *":$dir:"* ]]; then
      ln -sf "$tools/dotnet-evidence" "$dir/dotnet-evidence"
      echo "install: linked $dir/dotnet-evidence -> $tools/dotnet-evidence" >&2
      break
    fi
  done
fi

if command -v dotnet-evidence >/dev/null 2>&1; then
  echo "install: ready: dotnet evidence $(dotnet-evidence --version)" >&2
else
  echo "install: add $tools to PATH to use 'dotnet evidence'" >&2
fi
