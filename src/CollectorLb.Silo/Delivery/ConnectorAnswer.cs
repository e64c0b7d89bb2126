using CollectorLb.Silo.Http;

namespace CollectorLb.Silo.Delivery;

/// <summary>
/// A connector's JSON answer to any route: its status and its body (read up to a limit, so a misbehaving connector
/// cannot make us buffer much), with the body as JSON when it is JSON. Every route signals success alike, an object
/// with <c>"result":"success"</c>; what a route asks beyond that (a 200, <c>"ping":"pong"</c>) its caller checks.
/// </summary>
internal sealed class ConnectorAnswer : IDisposable
{
    private const int DescribedBytes = 200;

    private readonly byte[] _body;
    private readonly JsonDocument? _json;

    private ConnectorAnswer(HttpStatusCode statusCode, byte[] body, JsonDocument? json)
    {
        StatusCode = statusCode;
        _body = body;
        _json = json;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>False when the body is not JSON (an empty body included).</summary>
    public bool IsJson => _json is not null;

    /// <summary>The connectors' sign of success: an object with <c>"result":"success"</c>.</summary>
    public bool IsSuccess => Says("result", "success");

    /// <summary>Reads the answer's body; throws <see cref="BodyTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<ConnectorAnswer> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(response.Content, maxBytes, cancellationToken);
        return new ConnectorAnswer(response.StatusCode, body, TryParse(body));
    }

    /// <summary>True when the answer is an object whose <paramref name="property"/> is the string <paramref name="value"/>.</summary>
    public bool Says(string property, string value) =>
        _json?.RootElement is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty(property, out var element)
        && element.ValueKind == JsonValueKind.String
        && element.GetString() == value;

    /// <summary>The start of the body on one line, for a log or an error.</summary>
    public string Describe()
    {
        var text = Encoding.UTF8.GetString(_body, 0, Math.Min(_body.Length, DescribedBytes)).ReplaceLineEndings(" ");
        return text.Length == 0 ? "(empty)" : text;
    }

    public void Dispose() => _json?.Dispose();

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
