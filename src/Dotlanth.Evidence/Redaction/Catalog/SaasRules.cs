using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction.Catalog;

public static partial class BuiltInRules
{
    private static IEnumerable<SecretRule> Saas() =>
    [
        new("slack-token", ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe"], SlackToken),
        new("slack-app-token", ["xapp-"], SlackAppToken),
        new("slack-webhook", ["hooks.slack.com"], SlackWebhook),
        new("stripe-secret-key", ["sk_live_", "sk_test_", "rk_live_", "rk_test_"], StripeSecretKey),
        new("stripe-webhook-secret", ["whsec_"], StripeWebhookSecret),
        new("sendgrid-api-key", ["SG."], SendGridApiKey, CaseSensitiveKeywords: true),
        new("twilio-api-key", ["SK"], TwilioApiKey, CaseSensitiveKeywords: true) { NotAfter = Alnum },
        new("twilio-auth-token", ["twilio"], TwilioAuthToken) { AnchoredAtKeywords = true },
        new("shopify-token", ["shpat_", "shpca_", "shppa_", "shpss_"], ShopifyToken),
        new("databricks-token", ["dapi"], DatabricksToken) { NotAfter = Alnum },
        new("digitalocean-token", ["dop_v1_", "doo_v1_", "dor_v1_"], DigitalOceanToken) { LeadInMax = 3, LeadInChars = "dopr" },
        new("vault-token", ["hvs.", "hvb.", "hvr."], VaultToken) { NotAfter = Alnum },
        new("heroku-api-key", ["HRKU-"], HerokuApiKeyV2),
        new("heroku-api-key", ["heroku"], HerokuApiKey) { AnchoredAtKeywords = true },
        new("datadog-api-key", ["datadog", "dd_api", "dd_app", "dd-api", "dd-app"], DatadogApiKey) { AnchoredAtKeywords = true },
        new("discord-bot-token", ["discord", "bot "], DiscordBotToken) { NotAfter = Alnum + "_-" },
        new("discord-webhook", ["discord"], DiscordWebhook),
        new("mailgun-api-key", ["key-"], MailgunApiKey) { NotAfter = Alnum },
        new("linear-api-key", ["lin_api_"], LinearApiKey),
        new("doppler-token", ["dp.pt.", "dp.st.", "dp.sa."], DopplerToken),
        new("sentry-auth-token", ["sntrys_", "sntryu_"], SentryAuthToken),
        new("newrelic-api-key", ["NRAK-"], NewRelicApiKey),
        new("grafana-token", ["glsa_", "glc_"], GrafanaToken),
        new("postman-api-key", ["PMAK-"], PostmanApiKey),
        new("telegram-bot-token", [":AA"], TelegramBotToken) { LeadInMax = 10, LeadInChars = "0123456789" },
        new("age-secret-key", ["AGE-SECRET-KEY-"], AgeSecretKey),
    ];

    [GeneratedRegex(@"xox(?:[baprs]|e(?:\.xox[bp])?)-[A-Za-z0-9\-]{10,250}", Options, MatchTimeoutMs)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"xapp-\d-[A-Z0-9]{6,20}-\d{6,20}-[a-z0-9]{20,80}", Options, MatchTimeoutMs)]
    private static partial Regex SlackAppToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_+\-]{20,200}", Options, MatchTimeoutMs)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex StripeSecretKey();

    [GeneratedRegex(@"whsec_[A-Za-z0-9+/=]{32,100}", Options, MatchTimeoutMs)]
    private static partial Regex StripeWebhookSecret();

    [GeneratedRegex(@"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex SendGridApiKey();

    [GeneratedRegex(@"SK[0-9a-fA-F]{32}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex TwilioApiKey();

    [GeneratedRegex(@"\G(?i:twilio)[A-Za-z0-9_.\-]{0,30}[""'\]]?[ \t]{0,5}(?::=|=>|=|:)[ \t]{0,5}[""']?(?<secret>[a-f0-9]{32})(?![A-Za-z0-9])", Options)]
    private static partial Regex TwilioAuthToken();

    [GeneratedRegex(@"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex ShopifyToken();

    [GeneratedRegex(@"dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex DatabricksToken();

    [GeneratedRegex(@"(?<=do[por])_v1_[a-f0-9]{64}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex DigitalOceanToken();

    [GeneratedRegex(@"hv[sbr]\.[A-Za-z0-9_\-]{24,200}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex VaultToken();

    [GeneratedRegex(@"HRKU-[A-Za-z0-9_\-]{60}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex HerokuApiKeyV2();

    [GeneratedRegex(@"\G(?i:heroku)[A-Za-z0-9_.\-]{0,30}[""'\]]?[ \t]{0,5}(?::=|=>|=|:)[ \t]{0,5}[""']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})", Options)]
    private static partial Regex HerokuApiKey();

    [GeneratedRegex(@"\G(?i:datadog|dd)[A-Za-z0-9_.\-]{0,20}(?i:api|app)[_.\-]?(?i:key)[""'\]]?[ \t]{0,5}(?::=|=>|=|:)[ \t]{0,5}[""']?(?<secret>[a-f0-9]{32,40})(?![A-Za-z0-9])", Options)]
    private static partial Regex DatadogApiKey();

    [GeneratedRegex(@"[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex DiscordBotToken();

    [GeneratedRegex(@"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{5,30}/[A-Za-z0-9_\-]{60,80}", Options, MatchTimeoutMs)]
    private static partial Regex DiscordWebhook();

    [GeneratedRegex(@"key-[0-9a-z]{32}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex MailgunApiKey();

    [GeneratedRegex(@"lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex LinearApiKey();

    [GeneratedRegex(@"dp\.(?:pt|st|sa)\.[A-Za-z0-9_\-]{40,44}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex DopplerToken();

    [GeneratedRegex(@"sntry[su]_[A-Za-z0-9+/=_\-]{40,400}", Options, MatchTimeoutMs)]
    private static partial Regex SentryAuthToken();

    [GeneratedRegex(@"NRAK-[A-Z0-9]{27}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex NewRelicApiKey();

    [GeneratedRegex(@"gl(?:sa_[A-Za-z0-9]{32}_[a-f0-9]{8}|c_[A-Za-z0-9+/]{32,400}={0,2})", Options, MatchTimeoutMs)]
    private static partial Regex GrafanaToken();

    [GeneratedRegex(@"PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex PostmanApiKey();

    [GeneratedRegex(@"(?<=(?<![0-9])[0-9]{8,10}):AA[A-Za-z0-9_\-]{32,33}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex TelegramBotToken();

    [GeneratedRegex(@"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", Options, MatchTimeoutMs)]
    private static partial Regex AgeSecretKey();
}
