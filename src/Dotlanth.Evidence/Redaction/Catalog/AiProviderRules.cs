using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction.Catalog;

public static partial class BuiltInRules
{
    private static IEnumerable<SecretRule> AiProviders() =>
    [
        new("openai-api-key", ["sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"], OpenAiApiKey),
        new("anthropic-api-key", ["sk-ant-"], AnthropicApiKey),
        new("huggingface-token", ["hf_"], HuggingFaceToken) { NotAfter = Alnum },
        new("groq-api-key", ["gsk_"], GroqApiKey),
        new("replicate-api-token", ["r8_"], ReplicateApiToken) { NotAfter = Alnum },
    ];

    [GeneratedRegex(@"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,300}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex OpenAiApiKey();

    [GeneratedRegex(@"sk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_\-]{80,120}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex AnthropicApiKey();

    [GeneratedRegex(@"hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex GroqApiKey();

    [GeneratedRegex(@"r8_[A-Za-z0-9]{37}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex ReplicateApiToken();
}
