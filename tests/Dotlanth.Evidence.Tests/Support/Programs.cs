namespace Dotlanth.Evidence.Tests.Support;

/// <summary>DotVM programs the exec and replay tests run.</summary>
public static class Programs
{
    /// <summary>Every syscall of ABI 1, each allowed by a capability where one is needed.</summary>
    public const string EverySyscall = """
        ; an agent that writes, reads, runs a check, files an artifact and looks around
        .abi 1
        .cap proc.exec "sh -c *"
        .cap fs.write "out/**"
        .cap fs.read "out/**"
        .cap env.get "AGENT_*"
        .cap artifact.put "note"
        .cap fs.list "out"
            const r1, "out/note.txt"
            const r2, "hello from the agent\n"
            syscall r3, fs.write, r1, r2
            syscall r4, fs.read, r1
            syscall r5, log.emit, r4
            const r6, ["sh", "-c", "echo checked; exit 0"]
            const r7, ["name", "check"]
            syscall r8, proc.exec, r6, r7
            const r9, "AGENT_MODE"
            syscall r10, env.get, r9
            syscall r11, git.snapshot
            const r12, "note"
            const r13, "document"
            syscall r14, artifact.put, r12, r13, r1
            syscall r15, time.now
            const r16, 8
            syscall r17, random.bytes, r16
            syscall r18, log.emit, r0
            const r19, "out"
            syscall r20, fs.list, r19
            syscall r21, git.diff, r19
            ret r8
        """;
}
