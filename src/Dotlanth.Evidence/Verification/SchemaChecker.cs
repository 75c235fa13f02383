using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Verification;

/// <summary>
/// A JSON Schema (draft 2020-12) validator for the keywords schemas/v1 uses: type, const, enum, required,
/// properties, additionalProperties, propertyNames, items, minItems, minLength, pattern, minimum, maximum,
/// exclusiveMinimum, allOf, anyOf, oneOf, not, if/then/else and local $ref. No schema library is available here, and
/// verify must run offline with nothing but the bundle, so the contract's own subset is implemented exactly.
/// </summary>
public sealed class SchemaChecker(JsonObject root)
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Each problem as "path: message"; empty when the instance is valid.</summary>
    public List<string> Check(JsonNode? instance)
    {
        var problems = new List<string>();
        Check(root, instance, "$", problems);
        return problems;
    }

    private bool Valid(JsonNode? schema, JsonNode? instance)
    {
        var problems = new List<string>();
        Check(schema, instance, "$", problems);
        return problems.Count == 0;
    }

    private void Check(JsonNode? schema, JsonNode? instance, string path, List<string> problems)
    {
        switch (schema)
        {
            case JsonValue boolean when boolean.GetValueKind() is JsonValueKind.True:
                return;
            case JsonValue boolean when boolean.GetValueKind() is JsonValueKind.False:
                problems.Add($"{path}: no value is allowed here");
                return;
            case not JsonObject:
                return;
        }

        var s = schema.AsObject();
        if (s["$ref"] is JsonValue reference)
        {
            Check(Resolve(reference.GetValue<string>()), instance, path, problems);
        }

        if (s["type"] is { } type && !TypeMatches(type, instance))
        {
            problems.Add($"{path}: {Show(instance)} is not of type {type.ToJsonString()}");
            return;
        }

        if (s["const"] is var constant && s.ContainsKey("const") && !JsonNode.DeepEquals(constant, instance))
        {
            problems.Add($"{path}: {Show(instance)} was expected to be {constant?.ToJsonString() ?? "null"}");
        }

        if (s["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, instance)))
        {
            problems.Add($"{path}: {Show(instance)} is not one of {options.ToJsonString()}");
        }

        switch (instance)
        {
            case JsonObject obj:
                Object(s, obj, path, problems);
                break;
            case JsonArray array:
                Array(s, array, path, problems);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Text(s, value.GetValue<string>(), path, problems);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                Number(s, value.GetValue<double>(), path, problems);
                break;
        }

        Combinators(s, instance, path, problems);
    }

    private void Object(JsonObject s, JsonObject obj, string path, List<string> problems)
    {
        foreach (var name in s["required"]?.AsArray().Select(r => (string)r!) ?? [])
        {
            if (!obj.ContainsKey(name))
            {
                problems.Add($"{path}: '{name}' is a required property");
            }
        }

        var properties = s["properties"] as JsonObject;
        foreach (var (name, value) in obj)
        {
            if (s["propertyNames"] is { } names && !Valid(names, JsonValue.Create(name)))
            {
                problems.Add($"{path}: property name '{name}' is not allowed");
            }

            if (properties is not null && properties.TryGetPropertyValue(name, out var property))
            {
                Check(property, value, $"{path}.{name}", problems);
            }
            else if (s.TryGetPropertyValue("additionalProperties", out var additional))
            {
                if (additional is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                {
                    problems.Add($"{path}: additional property '{name}' is not allowed");
                }
                else
                {
                    Check(additional, value, $"{path}.{name}", problems);
                }
            }
        }
    }

    private void Array(JsonObject s, JsonArray array, string path, List<string> problems)
    {
        if (s["minItems"] is { } min && array.Count < (int)min)
        {
            problems.Add($"{path}: {array.Count} item(s), at least {min} expected");
        }

        if (s["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{path}[{i}]", problems);
            }
        }
    }

    private static void Text(JsonObject s, string text, string path, List<string> problems)
    {
        if (s["minLength"] is { } min && new StringInfo(text).LengthInTextElements < (int)min)
        {
            problems.Add($"{path}: '{text}' is shorter than {min}");
        }

        if (s["pattern"] is JsonValue pattern)
        {
            var regex = Patterns.GetOrAdd(pattern.GetValue<string>(), p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            if (!regex.IsMatch(text))
            {
                problems.Add($"{path}: '{text}' does not match {pattern.ToJsonString()}");
            }
        }
    }

    private static void Number(JsonObject s, double number, string path, List<string> problems)
    {
        if (s["minimum"] is { } min && number < (double)min)
        {
            problems.Add($"{path}: {number} is less than the minimum {min}");
        }

        if (s["maximum"] is { } max && number > (double)max)
        {
            problems.Add($"{path}: {number} is more than the maximum {max}");
        }

        if (s["exclusiveMinimum"] is { } exclusive && number <= (double)exclusive)
        {
            problems.Add($"{path}: {number} is not more than {exclusive}");
        }
    }

    private void Combinators(JsonObject s, JsonNode? instance, string path, List<string> problems)
    {
        foreach (var part in s["allOf"]?.AsArray() ?? [])
        {
            Check(part, instance, path, problems);
        }

        if (s["anyOf"] is JsonArray any && !any.Any(part => Valid(part, instance)))
        {
            problems.Add($"{path}: {Show(instance)} matches none of the allowed forms");
        }

        if (s["oneOf"] is JsonArray one && one.Count(part => Valid(part, instance)) != 1)
        {
            problems.Add($"{path}: {Show(instance)} does not match exactly one of the allowed forms");
        }

        if (s["not"] is { } not && Valid(not, instance))
        {
            problems.Add($"{path}: {Show(instance)} matches a form that is not allowed");
        }

        if (s["if"] is { } condition)
        {
            var branch = Valid(condition, instance) ? s["then"] : s["else"];
            if (branch is not null)
            {
                Check(branch, instance, path, problems);
            }
        }
    }

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"only local references are used in schemas/v1, not {reference}");
        }

        JsonNode? node = root;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node ?? throw new InvalidOperationException($"unresolved reference {reference}");
    }

    private static bool TypeMatches(JsonNode type, JsonNode? instance) => type is JsonArray types
        ? types.Any(t => Is((string)t!, instance))
        : Is((string)type!, instance);

    private static bool Is(string type, JsonNode? instance) => type switch
    {
        "null" => instance is null,
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Math.Floor(v.GetValue<double>()) == v.GetValue<double>(),
        _ => false,
    };

    private static string Show(JsonNode? instance)
    {
        var text = instance?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
