namespace CollectorLb.Testing.Network;

/// <summary>
/// A connector that misbehaves to the byte, on a free loopback port: for <c>POST /convert</c> it reads the request's
/// headers and its body (or part of it), records what it read, then does what <see cref="Behavior"/> says; for
/// <c>GET /ping</c>, what <see cref="PingBehavior"/> says. Both can be switched while it runs. Register its
/// <see cref="Url"/> with a registry like any connector.
/// </summary>
public sealed class RawTcpConnector : IAsyncDisposable
{
    public const string SuccessAnswer = """{"result":"success"}""";
    public const string PongAnswer = """{"result":"success","ping":"pong"}""";
    private const string NotFoundAnswer = """{"result":"error","message":"not found"}""";

    private readonly RawHttpServer _server;
    private readonly ConcurrentQueue<RawUpload> _received = new();
    private RawBehavior _behavior;
    private RawBehavior _pingBehavior = RawBehavior.Answer;
    private int _pings;

    public RawTcpConnector(RawBehavior? behavior = null)
    {
        _behavior = behavior ?? RawBehavior.Answer;
        _server = new RawHttpServer(Route, Record);
        _server.Listening = _behavior != RawBehavior.Refuse;
    }

    /// <summary>What <c>/convert</c> does; <see cref="RawBehavior.Refuse"/> closes the port until another is set.</summary>
    public RawBehavior Behavior
    {
        get => Volatile.Read(ref _behavior);
        set
        {
            Volatile.Write(ref _behavior, value);
            _server.Listening = value != RawBehavior.Refuse;
        }
    }

    /// <summary>What <c>/ping</c> does (<see cref="RawBehavior.Answer"/>: the pong).</summary>
    public RawBehavior PingBehavior
    {
        get => Volatile.Read(ref _pingBehavior);
        set => Volatile.Write(ref _pingBehavior, value);
    }

    public int Port => _server.Port;

    public string Url => _server.Url;

    /// <summary>Every <c>/convert</c> read so far, in order, whatever was done with it after.</summary>
    public IReadOnlyList<RawUpload> Received => _received.ToArray();

    public int PingCount => Volatile.Read(ref _pings);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private (RawBehavior, string) Route(string method, string path) => (method, path) switch
    {
        ("POST", "/convert") => (Behavior, SuccessAnswer),
        ("GET", "/ping") => (PingBehavior, PongAnswer),
        _ => (RawBehavior.AnswerWith(404, NotFoundAnswer), NotFoundAnswer),
    };

    private void Record(RawRequest request)
    {
        if (request.Path == "/ping")
        {
            Interlocked.Increment(ref _pings);
        }
        else if (request.Path == "/convert")
        {
            _received.Enqueue(new RawUpload(
                request.Query.GetValueOrDefault("filename", string.Empty),
                request.BodyBytes,
                request.BodySha256Hex,
                request.BodyComplete,
                request.Headers.GetValueOrDefault("x-collectorlb-file-id")));
        }
    }
}
