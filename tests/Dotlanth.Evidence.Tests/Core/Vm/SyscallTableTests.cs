using Dotlanth.Evidence.Tests.Support;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Vm;

/// <summary>The table is the one declaration of a syscall: everything else that names syscalls must agree with it.</summary>
public sealed class SyscallTableTests
{
    [Fact]
    public void Each_entry_is_bound_to_the_host_method_named_after_it()
    {
        foreach (var syscall in SyscallTable.All)
        {
            var host = new NamingHost();
            var args = syscall.Arguments.Select(a => a.Shape.StartsWith("integer", StringComparison.Ordinal) ? Value.Of(0L) : Value.Of(string.Empty)).ToArray();

            syscall.Handler(host, args);

            // "proc.exec" -> ProcExec: a handler wired to another syscall's method is caught here.
            var expected = string.Concat(syscall.Name.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            Assert.Equal(expected, host.Called);
        }

        Assert.Equal(typeof(ISyscallHandlers).GetMethods().Length, SyscallTable.All.Count);
    }

    [Fact]
    public void The_trace_schema_lists_the_numbers_names_and_classes_of_the_table()
    {
        var variants = SchemaValidator.Schema("trace.schema.json")["$defs"]!["syscall"]!["allOf"]![0]!["oneOf"]!.AsArray()
            .Select(v => v!["properties"]!)
            .Select(p => $"{p["number"]!["const"]} {p["name"]!["const"]} {p["class"]!["const"]}");
        var table = SyscallTable.All.Select(s => $"{s.Number} {s.Name} {ClassName(s.Class)}");

        Assert.Equal(table, variants);
    }

    [Fact]
    public void The_schemas_name_exactly_the_guarded_syscalls_where_capabilities_are_declared()
    {
        var guarded = SyscallTable.Guarded.Select(s => s.Name).ToList();
        var reported = SchemaValidator.Schema("capability-report.schema.json")["properties"]!["declared"]!["items"]!["properties"]!["syscall"]!["enum"]!.AsArray()
            .Select(n => (string)n!);
        var configured = SchemaValidator.Schema("evidence-config.schema.json")["properties"]!["capabilities"]!["properties"]!.AsObject().Select(p => p.Key);

        Assert.Equal(guarded, reported);
        Assert.Equal(guarded, configured);
        Assert.Equal(["proc.exec", "fs.read", "fs.write", "env.get", "artifact.put", "fs.list", "net.http.serve"], guarded);
    }

    [Fact]
    public void Only_a_guarded_syscall_may_be_named_in_a_capability()
    {
        foreach (var syscall in SyscallTable.All)
        {
            var pattern = syscall.Capability == CapabilitySubject.Address ? "127.0.0.1:*" : "x";
            var source = $".abi 1\n.cap {syscall.Name} \"{pattern}\"\nhalt\n";
            if (syscall.IsGuarded)
            {
                Assert.Single(Assembler.Assemble(source, "p.dasm").Capabilities);
            }
            else
            {
                var error = Assert.Throws<AssemblyException>(() => Assembler.Assemble(source, "p.dasm"));
                Assert.Contains($"{syscall.Name} needs no capability; only {SyscallTable.GuardedNames()} are limited", error.Message, StringComparison.Ordinal);
            }
        }
    }

    private static string ClassName(SyscallClass value) => value switch
    {
        SyscallClass.Pure => "pure",
        SyscallClass.NonDeterministic => "nondeterministic",
        _ => "side_effect",
    };

    private sealed class NamingHost : ISyscallHandlers
    {
        public string? Called { get; private set; }

        public Value LogEmit(Value message) => Record(nameof(LogEmit));

        public Value ProcExec(Value argv, Value options) => Record(nameof(ProcExec));

        public Value FsRead(string path) => Record(nameof(FsRead));

        public Value FsWrite(string path, Value content) => Record(nameof(FsWrite));

        public Value EnvGet(string name) => Record(nameof(EnvGet));

        public Value TimeNow() => Record(nameof(TimeNow));

        public Value RandomBytes(long count) => Record(nameof(RandomBytes));

        public Value GitSnapshot() => Record(nameof(GitSnapshot));

        public Value ArtifactPut(string name, string type, Value content) => Record(nameof(ArtifactPut));

        public Value FsList(string path) => Record(nameof(FsList));

        public Value GitDiff(Value path) => Record(nameof(GitDiff));

        public Value NetHttpServe(string address) => Record(nameof(NetHttpServe));

        public Value NetHttpRespond(Value request, long status, Value body, Value headers) => Record(nameof(NetHttpRespond));

        private Value Record(string name)
        {
            Called = name;
            return Value.Unit;
        }
    }
}
