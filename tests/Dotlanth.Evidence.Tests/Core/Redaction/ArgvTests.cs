using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

public sealed class ArgvTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Theory]
    [InlineData("mysql -uroot -pS3cr3tPw9 appdb", 2)]
    [InlineData("mysqldump -pshort1 appdb", 1)]
    [InlineData("sshpass -p hunter2pass ssh deploy@host", 2)]
    [InlineData("tool -p Zx9kQ27vLm3Wq --verbose", 2)]
    public void Short_password_flags_are_masked(string line, int secretIndex)
    {
        var argv = line.Split(' ');
        var redacted = Redactor.Create(NoEnvironment).RedactArgv(argv);

        Assert.Contains("[REDACTED:", redacted[secretIndex], StringComparison.Ordinal);
        Assert.DoesNotContain(argv[secretIndex].TrimStart('-').TrimStart('p'), redacted[secretIndex], StringComparison.Ordinal);
        Assert.Equal(argv[0], redacted[0]);
    }

    [Theory]
    [InlineData("mkdir -p build/out/bin")]
    [InlineData("docker run -p 8080:80 nginx")]
    [InlineData("mysql -p appdb")]
    [InlineData("python -m pytest -p no:cacheprovider")]
    public void Other_uses_of_dash_p_are_left_alone(string line)
    {
        var argv = line.Split(' ');
        Assert.Equal(argv, Redactor.Create(NoEnvironment).RedactArgv(argv));
    }
}
