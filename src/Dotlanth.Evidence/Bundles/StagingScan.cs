using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// Defence in depth: before sealing, every staged file is read through the redactor once more. A file that still
/// held a secret is rewritten masked, and the slip is reported (never the value), so a gap in one sink cannot leak.
/// </summary>
public static class StagingScan
{
    private const string ScratchName = ".rescan";

    public static IReadOnlyList<EvidenceError> Rescan(BundleWriter bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var errors = new List<EvidenceError>();
        foreach (var path in Directory.EnumerateFiles(bundle.StagingPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(bundle.StagingPath, path).Replace('\\', '/');
            if (BundleWriter.IsControlEntry(relative))
            {
                continue;
            }

            var hits = new List<string>();
            // A control entry (seal removes it): a scratch file left by a kill is never taken for a bundle file.
            var scratch = Path.Combine(bundle.StagingPath, ScratchName);
            using (var output = new FileStream(scratch, FileMode.Create, FileAccess.Write))
            {
                var sink = bundle.Redactor.Wrap(new StreamSink(output), hit => hits.Add(hit.RuleId));
                using var input = File.OpenRead(path);
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    sink.Write(buffer.AsSpan(0, read));
                }

                sink.Complete();
            }

            if (hits.Count == 0)
            {
                File.Delete(scratch);
                continue;
            }

            File.Move(scratch, path, overwrite: true);
            var rules = string.Join(", ", hits.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            errors.Add(new EvidenceError(
                Codes.LateRedaction,
                $"{relative} still held {hits.Count} secret(s) ({rules}) after writing; they were masked before sealing",
                "report this: a sink missed the redactor",
                relative));
        }

        return errors;
    }
}
