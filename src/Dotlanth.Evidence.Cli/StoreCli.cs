using System.CommandLine;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Stores;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Cli;

/// <summary>What the commands that write to or read from an artifact store share.</summary>
internal static class StoreCli
{
    public const string UriForms = "a folder, or s3://bucket/prefix (settings as ?endpoint=URL&region=R&path_style=true&profile=P&timeout=60s&retries=4)";

    /// <summary>On run, exec, begin and end.</summary>
    public static readonly Option<string?> Target = new("--store")
    {
        Description = $"Where bundles go: {UriForms}. A folder is the store root (as --out); an s3:// store gets every sealed bundle pushed to it from the local store. Default: evidence.yml's 'store'.",
    };

    /// <summary>On ls, inspect, cat and verify.</summary>
    public static readonly Option<string?> Source = new("--store")
    {
        Description = $"Read runs from this store instead of the local one: {UriForms}.",
    };

    /// <summary>Folds --store into a run's options; a bad URI is an input error, so the run still leaves a bundle saying so.</summary>
    public static RunOptions Apply(ParseResult parse, RunOptions options)
    {
        if (parse.GetValue(Target) is not { } text)
        {
            return options;
        }

        try
        {
            var location = StoreUri.Parse(text, Environment.CurrentDirectory);
            return location.IsRemote ? options with { PushTo = text } : options with { StoreRoot = location.FolderPath };
        }
        catch (EvidenceException invalid)
        {
            return options with { InputErrors = options.InputErrors.Add(invalid.Error with { Message = "--store: " + invalid.Error.Message }) };
        }
    }

    public static StoreUri? SourceOf(ParseResult parse) =>
        parse.GetValue(Source) is { } text ? StoreUri.Parse(text, Environment.CurrentDirectory) : null;

    /// <summary>Pushes a sealed bundle where its run says; a failure is one warning line and a pending push record.</summary>
    public static void PushSealed(RunReport report)
    {
        if (report.Sealed is null || report.PushTo is not { } target)
        {
            return;
        }

        var redactor = Redactor.Create(ProcessEnvironment.Read());
        try
        {
            Print(StorePush.Push(report.Sealed.Path, target, redactor), target, redactor);
        }
        catch (EvidenceException failed)
        {
            Console.Error.WriteLine(OneLine(redactor.Redact($"dotnet-evidence: warning {Codes.PushFailed}: the bundle was sealed but not pushed: {failed.Error.Code}: {failed.Error.Message}; it is kept in the local store and 'dotnet evidence push {report.RunId}' (or 'push --pending') retries")));
        }
    }

    /// <summary>A message is one line whatever it quotes (a run selector or a path with a newline in it).</summary>
    public static string OneLine(string line) => line.ReplaceLineEndings("\\n");

    public static void Print(PushResult result, string target, IRedactor redactor)
    {
        var where = redactor.Redact(StoreUri.Parse(target, Environment.CurrentDirectory).ToString());
        Console.Error.WriteLine(result.AlreadyPresent
            ? $"dotnet-evidence: run {result.RunId} is already in {where} (digest {result.Digest[..12]}…); nothing pushed"
            : $"dotnet-evidence: pushed run {result.RunId} to {where}: {result.FilesUploaded} file(s), {ByteSizes.Format(result.BytesUploaded)}"
              + (result.FilesSkipped > 0 ? $" ({result.FilesSkipped} already there from an earlier attempt)" : string.Empty));
        if (result.UploadsAborted > 0)
        {
            Console.Error.WriteLine($"dotnet-evidence: aborted {result.UploadsAborted} unfinished upload(s) an earlier push of run {result.RunId} left in {where}");
        }
    }

    /// <summary>A temporary folder for a run fetched from a store, removed when the process exits.</summary>
    public static string Scratch()
    {
        var scratch = Directory.CreateTempSubdirectory("evidence-fetch-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(scratch);
        return scratch;
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A scratch copy under the temp folder; the system cleans it up.
        }
    }
}
