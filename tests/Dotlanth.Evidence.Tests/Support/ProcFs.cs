namespace Dotlanth.Evidence.Tests.Support;

public static class ProcFs
{
    /// <summary>True while the pid names a live (non-zombie) process.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Kills <paramref name="pid"/> and every process below it with SIGKILL. Each one is stopped first, so none can
    /// fork a new child between the listing and the kill, and none is re-parented to init before it is found.
    /// </summary>
    public static void KillTree(int pid)
    {
        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var next))
        {
            _ = Kill(next, 19); // SIGSTOP
            found.Add(next);
            foreach (var child in Children(next))
            {
                pending.Enqueue(child);
            }
        }

        foreach (var member in found)
        {
            _ = Kill(member, 9);
        }
    }

    /// <summary>The live processes whose parent is <paramref name="pid"/>.</summary>
    public static IEnumerable<int> Children(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var parent) && parent == pid && fields[0] is not ("Z" or "X"))
            {
                yield return candidate;
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static int WaitForPidFile(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var pid))
            {
                return pid;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException($"{path} did not appear");
    }
}
