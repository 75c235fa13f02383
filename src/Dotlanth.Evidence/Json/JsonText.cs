using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Json;

/// <summary>One serialisation style for every JSON file: UTF-8, no needless escaping, indented documents and compact lines.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToDocument(JsonNode? node)
    {
        var bytes = Serialize(node, Indented);
        return [.. bytes, (byte)'\n'];
    }

    public static byte[] ToLine(JsonNode? node) => [.. Serialize(node, Compact), (byte)'\n'];

    private static byte[] Serialize(JsonNode? node, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.ToArray();
    }
}
