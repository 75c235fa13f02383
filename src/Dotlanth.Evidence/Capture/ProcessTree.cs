using System.Globalization;

namespace Dotlanth.Evidence.Capture;

/// <summary>
/// Finds a process and its descendants through /proc. The start time identifies a process, so a pid reused
/// after a snapshot is never signalled.
/// </summary>
internal static class ProcessTree
{
    public readonly record struct Member(int Pid, long StartTime);

    private readonly record struct Stat(int Pid, int ParentPid, char State, long StartTime);

    public static IReadOnlyList<Member> Snapshot(int rootPid) => Snapshot(rootPid, null, null);

    /// <summary>
    /// The tree under <paramref name="rootPid"/> and, when <paramref name="adopter"/> is given, the trees under each of
    /// its children that <paramref name="isOwnChild"/> does not claim: orphans a subreaper adopted, whoever made them.
    /// </summary>
    public static IReadOnlyList<Member> Snapshot(int rootPid, int? adopter, Func<int, bool>? isOwnChild)
    {
        var all = ReadAll();
        var byParent = all.Values.ToLookup(s => s.ParentPid);
        var result = new List<Member>();
        var queue = new Queue<Stat>();
        if (all.TryGetValue(rootPid, out var root))
        {
            queue.Enqueue(root);
        }

        if (adopter is { } self)
        {
            foreach (var adopted in byParent[self].Where(c => c.Pid != rootPid && isOwnChild?.Invoke(c.Pid) != true))
            {
                queue.Enqueue(adopted);
            }
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            result.Add(new Member(current.Pid, current.StartTime));
            foreach (var child in byParent[current.Pid])
            {
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>The process with this pid now, if there is one; its start time tells it apart from a later reuse of the pid.</summary>
    public static Member? Find(int pid) => ReadStat(pid) is { } stat ? new Member(pid, stat.StartTime) : null;

    /// <summary>Alive means it exists, is the same process, and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(Member member)
    {
        var stat = ReadStat(member.Pid);
        return stat is { } s && s.StartTime == member.StartTime && s.State != 'Z' && s.State != 'X';
    }

    public static void Signal(IEnumerable<Member> members, int signal)
    {
        foreach (var member in members)
        {
            if (IsAlive(member))
            {
                _ = Native.kill(member.Pid, signal);
            }
        }
    }

    private static Dictionary<int, Stat> ReadAll()
    {
        var result = new Dictionary<int, Stat>();
        if (!Directory.Exists("/proc"))
        {
            return result;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat)
            {
                result[pid] = stat;
            }
        }

        return result;
    }

    private static Stat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may itself contain spaces or parentheses.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        // After the name: state(0) ppid(1) ... starttime is field 22 of the line, index 19 here.
        if (fields.Length < 20
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new Stat(pid, parent, fields[0][0], start);
    }
}
