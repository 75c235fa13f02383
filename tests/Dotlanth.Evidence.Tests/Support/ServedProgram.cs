using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// A DotVM program that serves HTTP, run by the real CLI (<c>exec</c>) as a child process. The address it listens on
/// is read from the CLI's own "listening on" line, so programs can ask for port 0 and tests never collide on a port.
/// </summary>
public sealed partial class ServedProgram : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task<string> _stdout;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stderrPump;

    private ServedProgram(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderrPump = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }

                if (Listening().Match(line) is { Success: true } match)
                {
                    _listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }

            _listening.TrySetException(new InvalidOperationException("the program ended before it listened:\n" + Stderr));
        });
    }

    /// <summary>The program's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    public int Pid => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>exec program</c> in <paramref name="cwd"/> and waits until it listens.</summary>
    public static ServedProgram Start(string cwd, string programFile) => StartCommand(cwd, ["exec", programFile]);

    /// <summary>Starts the CLI with <paramref name="args"/> (exec, resume...) and waits until the program it runs listens.</summary>
    public static ServedProgram StartCommand(string cwd, string[] args)
    {
        var served = new ServedProgram(Processes.Start(EvidenceCli.Executable, EvidenceCli.Args(args), cwd));
        if (!served._listening.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            served.Dispose();
            throw new TimeoutException("the program did not listen within 60 s:\n" + served.Stderr);
        }

        served.BaseUri = served._listening.Task.Result;
        return served;
    }

    public Uri At(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public void Signal(string name) => Processes.Run("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)], Path.GetTempPath());

    public ProcessResult WaitForExit(int seconds = 60)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the program did not end within {seconds} s:\n" + Stderr);
        }

        _stderrPump.Wait(TimeSpan.FromSeconds(10));
        return new ProcessResult(_process.ExitCode, _stdout.Result, Stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"net\.http\.serve: listening on (http://\S+)")]
    private static partial Regex Listening();
}
