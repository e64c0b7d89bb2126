namespace CollectorLb.Testing.Network;

/// <summary>
/// A registry that misbehaves to the byte: <c>GET /services</c> answers <see cref="Listing"/> as the protocol's JSON
/// object, or does what <see cref="Behavior"/> says instead (stall mid-answer, reset...). Every other route is 404, so a
/// client does not fall back to <c>/target</c> and a stall stays a stall.
/// </summary>
public sealed class RawTcpRegistry : IAsyncDisposable
{
    private const string NotFoundAnswer = """{"result":"error","message":"not found"}""";

    private readonly RawHttpServer _server;
    private IReadOnlyDictionary<string, string> _listing = new Dictionary<string, string>();
    private RawBehavior _behavior = RawBehavior.Answer;
    private int _requests;

    /// <param name="port">0: a free loopback port; else the port a silo was told its registry is at.</param>
    public RawTcpRegistry(int port = 0)
    {
        _server = new RawHttpServer(Route, _ => Interlocked.Increment(ref _requests), port);
    }

    /// <summary>Connector name -> base URL.</summary>
    public IReadOnlyDictionary<string, string> Listing
    {
        get => Volatile.Read(ref _listing);
        set => Volatile.Write(ref _listing, value);
    }

    /// <summary>What <c>/services</c> does; <see cref="RawBehavior.Refuse"/> closes the port until another is set.</summary>
    public RawBehavior Behavior
    {
        get => Volatile.Read(ref _behavior);
        set
        {
            Volatile.Write(ref _behavior, value);
            _server.Listening = value != RawBehavior.Refuse;
        }
    }

    public int Port => _server.Port;

    public string Url => _server.Url;

    public int RequestCount => Volatile.Read(ref _requests);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private (RawBehavior, string) Route(string method, string path) => (method, path) switch
    {
        ("GET", "/services") => (Behavior, ListingJson()),
        _ => (RawBehavior.AnswerWith(404, NotFoundAnswer), NotFoundAnswer),
    };

    private string ListingJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, url) in Listing)
            {
                writer.WriteString(name, url);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
