namespace Dotlanth.Evidence.Vm;

/// <summary>
/// What a live host does for each syscall of the ABI, one method each. The table binds each entry to its method, so
/// a host cannot leave a syscall out and nothing dispatches on bare numbers.
/// </summary>
public interface ISyscallHandlers
{
    Value LogEmit(Value message);

    Value ProcExec(Value argv, Value options);

    Value FsRead(string path);

    Value FsWrite(string path, Value content);

    Value EnvGet(string name);

    Value TimeNow();

    Value RandomBytes(long count);

    Value GitSnapshot();

    Value ArtifactPut(string name, string type, Value content);

    Value FsList(string path);

    Value GitDiff(Value path);

    Value NetHttpServe(string address);

    Value NetHttpRespond(Value request, long status, Value body, Value headers);
}
