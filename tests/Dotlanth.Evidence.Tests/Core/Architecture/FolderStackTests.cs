using Dotlanth.Evidence.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dotlanth.Evidence.Tests.Core.Architecture;

/// <summary>
/// The core's folders form a stack: a folder uses only folders below it. The sources are bound by the compiler, so a
/// name counts wherever it is used (a type, a member, a constant the build inlines), however it is spelled.
/// </summary>
public sealed class FolderStackTests
{
    /// <summary>Bottom first. docs/architecture.md draws the same stack; a new folder is placed in both.</summary>
    public static readonly string[] Stack =
    [
        "Diagnostics", "Values", "Http", "TestReports", "Capture", "Redaction", "Json", "Vm", "Bundles", "Git", "Index",
        "Verification", "Stores", "Config", "Options", "Facts", "Checks", "Sealing", "Host", "Runs",
        "Archives", "Comparison", "Inspection", "Replay", "GitHub", "Hooks",
    ];

    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    private static readonly string Core = Path.Combine(SchemaValidator.RepoRoot, "src", "Dotlanth.Evidence");

    [Fact]
    public void Every_folder_of_the_core_has_its_place_in_the_stack()
    {
        var folders = Directory.GetDirectories(Core).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order(StringComparer.Ordinal);

        Assert.Equal(Stack.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void No_folder_uses_a_folder_above_it()
    {
        var upward = Uses().Where(u => Array.IndexOf(Stack, u.To) > Array.IndexOf(Stack, u.From))
            .Select(u => $"{u.From} -> {u.To}: {u.Name} in {u.File}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(upward.Count == 0, "folders use folders above them:\n" + string.Join('\n', upward));
    }

    [Fact]
    public void The_check_sees_uses_across_folders()
    {
        // Guards the test itself: a binding that silently failed would find no use at all.
        var uses = Uses().ToList();

        Assert.Contains(uses, u => u is { From: "Runs", To: "Sealing" });
        Assert.Contains(uses, u => u is { From: "Stores", To: "Bundles", Name: "PushesFolder" });
        Assert.Contains(uses, u => u is { From: "Config", To: "Values", Name: "CheckNames" });
    }

    private static readonly Lazy<List<(string From, string To, string Name, string File)>> AllUses = new(() => [.. Bind()]);

    private static List<(string From, string To, string Name, string File)> Uses() => AllUses.Value;

    private static IEnumerable<(string From, string To, string Name, string File)> Bind()
    {
        var trees = Directory.GetFiles(Core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Preview)))
            .ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(f => !Path.GetFileName(f).StartsWith("Dotlanth.", StringComparison.Ordinal)))
            .DistinctBy(Path.GetFileName)
            .Select(f => MetadataReference.CreateFromFile(f));
        var compilation = CSharpCompilation.Create("Core", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        // Without the source generators some methods have no body, which is fine here; a name that does not bind is not.
        var broken = compilation.GetDiagnostics().Where(d => d.Id is "CS0103" or "CS0117" or "CS0234" or "CS0246" or "CS1061").Take(5).ToList();
        Assert.True(broken.Count == 0, "the core did not bind: " + string.Join('\n', broken));

        foreach (var tree in trees.Where(t => t.FilePath.Length > 0))
        {
            var from = FolderOfFile(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                if (symbol is not null && FolderOf(symbol) is { } to && to != from)
                {
                    yield return (from, to, name.Identifier.Text, Path.GetFileName(tree.FilePath));
                }
            }
        }
    }

    private static string FolderOfFile(string path) => Path.GetRelativePath(Core, path).Split(Path.DirectorySeparatorChar)[0];

    private static string? FolderOf(ISymbol symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        var ns = (type?.ContainingNamespace ?? symbol as INamespaceSymbol)?.ToDisplayString();
        const string root = "Dotlanth.Evidence.";
        return ns is not null && ns.StartsWith(root, StringComparison.Ordinal) ? ns[root.Length..].Split('.')[0] : null;
    }
}
