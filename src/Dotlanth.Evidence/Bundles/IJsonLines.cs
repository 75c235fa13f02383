using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>A JSON-lines file of a bundle, written by one process or shared by the steps of an open run.</summary>
public interface IJsonLines
{
    void Append(JsonObject record);
}
