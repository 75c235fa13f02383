namespace Dotlanth.Evidence.Diagnostics;

/// <summary>The tool's own exit codes, for every front end; otherwise a run exits with its command's code.</summary>
public static class ExitCodes
{
    /// <summary>Bad input: a usage error, an unknown run, a refused or blocked run (sysexits' usage is 64; 2 is what shells and CLIs use).</summary>
    public const int Usage = 2;

    /// <summary>The tool itself failed (EX_SOFTWARE): the evidence could not be made, whatever the command did.</summary>
    public const int ToolError = 70;
}
