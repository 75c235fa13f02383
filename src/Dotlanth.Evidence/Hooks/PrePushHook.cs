using System.Text;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Hooks;

/// <summary>
/// <c>hook install</c> / <c>hook uninstall</c>: a pre-push hook that hands git's refs to <c>hook pre-push</c>, which
/// runs the configured checks on each pushed commit and refuses the push unless every outcome is verified. It lives
/// where git looks for hooks (core.hooksPath honored), keeps an existing hook and runs it first, is idempotent, and
/// uninstalling restores exactly what was there.
/// </summary>
public static class PrePushHook
{
    public const string Marker = "# dotnet-evidence pre-push hook";
    public const string ChainedName = "pre-push.evidence-chained";

    public static string Install(string workingDirectory, IReadOnlyList<string> checks, bool inPlaceOnly, string toolFile)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var hooks = HooksFolder(workingDirectory);
        Directory.CreateDirectory(hooks);
        var hook = Path.Combine(hooks, "pre-push");
        var chained = Path.Combine(hooks, ChainedName);
        if (File.Exists(hook) && !IsOurs(hook))
        {
            if (File.Exists(chained))
            {
                throw new EvidenceException(new EvidenceError(Codes.HookConflict, $"both {hook} and {chained} exist and neither is this tool's", "merge them by hand, then install again"));
            }

            File.Move(hook, chained);
        }

        var text = Script(checks, inPlaceOnly, toolFile);
        File.WriteAllText(hook + ".new", text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook + ".new", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Move(hook + ".new", hook, overwrite: true);
        return hook;
    }

    /// <summary>Removes this tool's hook and puts back the one it chained, if any. Null when there was nothing to remove.</summary>
    public static string? Uninstall(string workingDirectory)
    {
        var hooks = HooksFolder(workingDirectory);
        var hook = Path.Combine(hooks, "pre-push");
        var chained = Path.Combine(hooks, ChainedName);
        if (!File.Exists(hook) || !IsOurs(hook))
        {
            return null;
        }

        File.Delete(hook);
        if (File.Exists(chained))
        {
            File.Move(chained, hook);
        }

        return hook;
    }

    /// <summary>Where git runs hooks from: <c>git rev-parse --git-path hooks</c> honors core.hooksPath and worktrees.</summary>
    public static string HooksFolder(string workingDirectory)
    {
        var git = new GitCli(workingDirectory);
        var top = git.Run("rev-parse", "--show-toplevel");
        var path = git.Run("rev-parse", "--git-path", "hooks");
        if (!top.Ok || !path.Ok)
        {
            throw new EvidenceException(new EvidenceError(Codes.NotGitRepository, $"{workingDirectory} is not inside a git work tree", "run 'hook install' inside the repository"));
        }

        return Path.GetFullPath(path.Stdout.Trim(), workingDirectory);
    }

    private static bool IsOurs(string hook) => File.ReadLines(hook).Take(3).Any(l => l.StartsWith(Marker, StringComparison.Ordinal));

    private static string Script(IReadOnlyList<string> checks, bool inPlaceOnly, string toolFile)
    {
        var options = (inPlaceOnly ? " --in-place" : string.Empty) + string.Concat(checks.Select(c => $" --check {Quote(c)}"));
        return new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append(Marker).Append(" (installed by 'dotnet evidence hook install'; 'dotnet evidence hook uninstall' restores what was here)\n")
            .Append("# For each pushed commit it runs the checks of evidence.yml under evidence (in a temporary worktree at that\n")
            .Append("# commit unless the work tree is that commit, clean) and refuses the push unless every outcome is verified.\n")
            .Append("hook_dir=$(dirname \"$0\")\n")
            .Append("refs=$(cat)\n")
            .Append("if [ -x \"$hook_dir/").Append(ChainedName).Append("\" ]; then\n")
            .Append("  # The hook that was here first still runs, with git's arguments and the refs on stdin.\n")
            .Append("  printf '%s\\n' \"$refs\" | \"$hook_dir/").Append(ChainedName).Append("\" \"$@\" || exit $?\n")
            .Append("fi\n")
            .Append("# The tool that installed the hook, while it is there; else the one on PATH.\n")
            .Append("tool_file=").Append(Quote(toolFile)).Append('\n')
            .Append("if [ -f \"$tool_file\" ]; then\n")
            .Append("  case \"$tool_file\" in *.dll) run_tool() { dotnet \"$tool_file\" \"$@\"; } ;; *) run_tool() { \"$tool_file\" \"$@\"; } ;; esac\n")
            .Append("elif command -v dotnet-evidence >/dev/null 2>&1; then run_tool() { dotnet-evidence \"$@\"; }\n")
            .Append("else run_tool() { dotnet evidence \"$@\"; }\n")
            .Append("fi\n")
            .Append("printf '%s\\n' \"$refs\" | EVIDENCE_RUN_ID= run_tool hook pre-push").Append(options).Append('\n')
            .Append("status=$?\n")
            .Append("if [ \"$status\" -ne 0 ]; then\n")
            .Append("  echo \"pre-push: push refused: the evidence outcome is not verified (exit $status); see 'dotnet evidence inspect last'\" >&2\n")
            .Append("  exit 1\n")
            .Append("fi\n")
            .ToString();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
