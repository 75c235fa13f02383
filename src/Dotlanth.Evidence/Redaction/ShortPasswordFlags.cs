namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// <c>-p SECRET</c> and <c>-pSECRET</c> on a command line: the password flag of the MySQL/MariaDB clients and
/// <c>sshpass</c>, where <c>-p</c> glued to its value leaves no separator for the text rules to see. For other programs
/// <c>-p</c> means many things (<c>mkdir -p</c>, <c>docker run -p 8080:80</c>), so only a secret-shaped value counts.
/// </summary>
public static class ShortPasswordFlags
{
    private static readonly HashSet<string> PasswordPrograms = new(StringComparer.Ordinal)
    {
        "mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mysqlshow", "mysqlpump", "mysqlsh", "mysqlbinlog",
        "mariadb", "mariadb-dump", "mariadb-admin", "mariadb-import", "mariadb-check", "mariadb-show", "sshpass",
    };

    /// <summary>The elements of <paramref name="argv"/> that hold a password, with where in the element it starts.</summary>
    public static IEnumerable<(int Index, int Start)> Find(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0)
        {
            return [];
        }

        // Wrappers put the program further in: sudo mysql …, dotnet evidence run -- sshpass ….
        var names = argv.Select(a => Path.GetFileName(a)).ToList();
        var program = names.Any(PasswordPrograms.Contains);
        var sshpass = names.Contains("sshpass");
        var found = new List<(int, int)>();
        for (var i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];

            if (arg.Length > 2 && arg.StartsWith("-p", StringComparison.Ordinal) && (program || SecretShape.IsLikely(arg.AsSpan(2))))
            {
                found.Add((i, 2));
            }
            else if (arg == "-p" && i + 1 < argv.Count && !argv[i + 1].StartsWith('-')
                && (sshpass || SecretShape.IsLikely(argv[i + 1])))
            {
                // mysql -p NAME prompts for the password and NAME is the database; sshpass -p takes the password.
                found.Add((i + 1, 0));
            }
        }

        return found;
    }
}
