namespace Dotlanth.Evidence.Vm;

/// <summary>ABI v1. Numbers and names are a published contract: add, never renumber.</summary>
public static class SyscallTable
{
    public const int Abi = 1;

    public static readonly SyscallInfo LogEmit = new(1, "log.emit", 1, SyscallClass.SideEffect);
    public static readonly SyscallInfo ProcExec = new(2, "proc.exec", 2, SyscallClass.SideEffect);
    public static readonly SyscallInfo FsRead = new(3, "fs.read", 1, SyscallClass.NonDeterministic);
    public static readonly SyscallInfo FsWrite = new(4, "fs.write", 2, SyscallClass.SideEffect);
    public static readonly SyscallInfo EnvGet = new(5, "env.get", 1, SyscallClass.NonDeterministic);
    public static readonly SyscallInfo TimeNow = new(6, "time.now", 0, SyscallClass.NonDeterministic);
    public static readonly SyscallInfo RandomBytes = new(7, "random.bytes", 1, SyscallClass.NonDeterministic);
    public static readonly SyscallInfo GitSnapshot = new(8, "git.snapshot", 0, SyscallClass.NonDeterministic);
    public static readonly SyscallInfo ArtifactPut = new(9, "artifact.put", 3, SyscallClass.SideEffect);

    public static IReadOnlyList<SyscallInfo> All { get; } =
        [LogEmit, ProcExec, FsRead, FsWrite, EnvGet, TimeNow, RandomBytes, GitSnapshot, ArtifactPut];

    public static SyscallInfo? ByName(string name) => All.FirstOrDefault(s => s.Name == name);

    public static SyscallInfo? ByNumber(int number) => All.FirstOrDefault(s => s.Number == number);
}
