using System.Diagnostics;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>Starts real processes for tests, independent of the product's own runner.</summary>
public static class Processes
{
    public static Process Start(string program, IEnumerable<string> args, string cwd, IDictionary<string, string?>? env = null, bool redirectStdin = false)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A test's runs are its own, even when the suite itself runs inside an open evidence run.
        info.Environment.Remove("EVIDENCE_RUN_ID");
        foreach (var (name, value) in env ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return Process.Start(info)!;
    }

    public static ProcessResult Run(string program, IEnumerable<string> args, string cwd, IDictionary<string, string?>? env = null, string? stdin = null, int timeoutSeconds = 120)
    {
        using var process = Start(program, args, cwd, env, stdin is not null);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeoutSeconds}s");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Git(string cwd, params string[] args)
    {
        var result = Run("git", args, cwd);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} failed: {result.Stderr}");
        return result.Stdout.Trim();
    }
}
