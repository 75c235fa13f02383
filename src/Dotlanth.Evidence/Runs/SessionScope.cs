using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Runs;

/// <summary>What a session hands everything it runs: its options and environment, the bundle and its trace, the redactor, the console and the run's errors.</summary>
public sealed record SessionScope(
    RunOptions Options,
    IReadOnlyDictionary<string, string> Environment,
    Redactor Redactor,
    RunConsole Console,
    BundleWriter Bundle,
    TraceLog Trace,
    RunErrors Errors);
