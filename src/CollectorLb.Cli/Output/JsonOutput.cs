using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollectorLb.Cli.Output;

/// <summary><c>--json</c>: the cluster's own records, camelCase, enums as names, indented.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
