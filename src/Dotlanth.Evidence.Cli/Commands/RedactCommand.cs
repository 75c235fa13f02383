using System.CommandLine;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence redact [FILE|-] [--report [--json]]</c>: the bundle's redactor as a filter.</summary>
internal static class RedactCommand
{
    private static readonly Argument<string> Input = new("file")
    {
        Description = "File to redact, or - for standard input (the default).",
        DefaultValueFactory = _ => "-",
    };

    private static readonly Option<bool> Report = new("--report") { Description = "Print where secrets are (line:column, rule, length) instead of the redacted text." };
    private static readonly Option<bool> Json = new("--json") { Description = "With --report: one JSON object per hit (the same as --format json)." };
    private static readonly Option<string> Format = new("--format")
    {
        Description = "With --report: text (the default), json (one object per hit) or sarif (SARIF 2.1.0, for code scanning).",
        DefaultValueFactory = _ => "text",
    };

    public static Command Create()
    {
        var command = new Command("redact", """
            Redact secrets from a file or standard input, exactly as bundles are redacted.

            Masks known secrets (sensitive environment variables, in their encoded forms too), the built-in
            catalog of token formats and your own rules, as [REDACTED:<rule>:<tag>]. Use it to try rules and
            to clean logs in pipelines. Values are never printed by --report.

            Examples:
              dotnet evidence redact build.log > build.redacted.log
              some-command 2>&1 | dotnet evidence redact
              dotnet evidence redact --report --json --redact-pattern 'ACME-[0-9]{12}' config.txt
              dotnet evidence redact --report --format sarif build.log > secrets.sarif
            """)
        {
            Arguments = { Input },
            Options = { Report, Json, Format },
        };
        RedactionCliOptions.AddTo(command).SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var path = parse.GetValue(Input) ?? "-";
        Redactor redactor;
        try
        {
            redactor = Redactor.Create(ProcessEnvironment.Read(), RedactionCliOptions.Read(parse));
        }
        catch (RedactionConfigException ex)
        {
            Console.Error.WriteLine(ErrorLines.Of(ex.Error));
            return 2;
        }

        var format = parse.GetValue(Format) ?? "text";
        if (format is not ("text" or "json" or "sarif"))
        {
            Console.Error.WriteLine($"dotnet-evidence: error EVD0001: --format: '{redactor.Redact(format)}' is not a report format; use text, json or sarif");
            return 2;
        }

        Stream input;
        try
        {
            input = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dotnet-evidence: error EVD0003: cannot read '{redactor.Redact(path)}': {redactor.Redact(ex.Message)}; check the path and its permissions");
            return 2;
        }

        using (input)
        using (var stdout = PlainConsole.Stdout())
        {
            if (parse.GetValue(Report))
            {
                if (format == "sarif")
                {
                    SarifReport.Write(input, redactor, stdout, path == "-" ? "stdin" : redactor.Redact(path.Replace('\\', '/')), ToolInfo.Version);
                }
                else
                {
                    RedactionReport.Write(input, redactor, stdout, parse.GetValue(Json) || format == "json");
                }
            }
            else
            {
                RedactionReport.Pump(input, redactor.Wrap(new StreamSink(stdout)));
            }
        }

        return 0;
    }
}
