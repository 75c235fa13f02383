namespace Dotlanth.Evidence.Diagnostics;

/// <summary>Stable diagnostic codes. Never renumber: users grep for them and CI annotates with them.</summary>
public static class Codes
{
    public const string Usage = "EVD0001";
    public const string InvalidOption = "EVD0002";
    public const string InputNotFound = "EVD0003";
    public const string UnsupportedPlatform = "EVD0004";
    public const string ConfigInvalid = "EVD0005";
    public const string ConfigNotFound = "EVD0006";
    public const string CheckNotConfigured = "EVD0007";

    public const string ProgramNotFound = "EVD0101";
    public const string ProgramNotExecutable = "EVD0102";
    public const string CheckTimedOut = "EVD0103";
    public const string RunCancelled = "EVD0104";
    public const string ProgramStartFailed = "EVD0105";
    public const string OutputAbandoned = "EVD0106";
    public const string TestResultsMissing = "EVD0107";
    public const string TestsFailed = "EVD0108";
    public const string TestReportUnreadable = "EVD0109";

    public const string NotGitRepository = "EVD0201";
    public const string GitNotFound = "EVD0202";
    public const string NoCommits = "EVD0203";
    public const string DetachedHead = "EVD0204";
    public const string ShallowClone = "EVD0205";
    public const string DiffOverBudget = "EVD0206";
    public const string GitFailed = "EVD0207";
    public const string NoRemote = "EVD0208";
    public const string DiffBaseNotFound = "EVD0209";
    public const string UnsafeRepository = "EVD0210";
    public const string ChangedFileUnreadable = "EVD0211";
    public const string RepoChangedWhileRecorded = "EVD0212";

    public const string ProgramInvalid = "EVD0301";
    public const string StepBudgetExceeded = "EVD0302";
    public const string SyscallUnavailable = "EVD0303";
    public const string TimeBudgetExceeded = "EVD0304";
    public const string CheckNotRun = "EVD0305";
    public const string RunNotOpen = "EVD0306";
    public const string StepsStillRunning = "EVD0307";
    public const string StepAbandoned = "EVD0308";
    public const string NothingRan = "EVD0309";
    public const string CapabilityDenied = "EVD0310";
    public const string PathOutsideWorkspace = "EVD0311";
    public const string ReplayDiverged = "EVD0312";
    public const string ReplayImpossible = "EVD0313";
    public const string PathNotPlainFile = "EVD0314";
    public const string SyscallIoFailed = "EVD0315";
    public const string MaskedContent = "EVD0316";
    public const string SessionEnded = "EVD0317";
    public const string AddressUnavailable = "EVD0318";
    public const string ResumeRefused = "EVD0319";
    public const string UnfinishedSideEffect = "EVD0320";

    public const string LateRedaction = "EVD0401";

    public const string ArtifactMissing = "EVD0501";
    public const string ArtifactRefused = "EVD0502";

    public const string RunNotFound = "EVD0601";
    public const string RunAmbiguous = "EVD0602";
    public const string IndexRebuilt = "EVD0603";
    public const string IndexUnusable = "EVD0604";
    public const string BundleFileNotFound = "EVD0605";

    public const string RunRecovered = "EVD0701";

    public const string BundleInvalid = "EVD0801";
    public const string GateNotMet = "EVD0802";
    public const string ArchiveRefused = "EVD0803";
    public const string ImportConflict = "EVD0804";
    public const string KeyUnusable = "EVD0805";
    public const string HookConflict = "EVD0806";
    public const string PushNotAttestable = "EVD0807";

    public const string Internal = "EVD0901";
    public const string BundleWriteFailed = "EVD0902";

    public const string StoreUriInvalid = "EVD1001";
    public const string StoreConflict = "EVD1002";
    public const string StoreAccessDenied = "EVD1003";
    public const string StoreUnreachable = "EVD1004";
    public const string StoreBucketMissing = "EVD1005";
    public const string StoreRunInvalid = "EVD1006";
    public const string PushFailed = "EVD1007";
}
