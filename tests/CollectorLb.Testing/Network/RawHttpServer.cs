namespace CollectorLb.Testing.Network;

/// <summary>
/// Just enough HTTP/1.1 on a raw TCP socket on loopback for a peer that misbehaves as no web framework lets a server
/// do: one request per connection, its body read whole or in part, then answered, stalled or reset as the
/// <see cref="RawBehavior"/> its route gives says. A stall lasts until the client goes away or the server is disposed.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 16 * 1024;
    private const int ChunkBytes = 64 * 1024;

    private readonly Func<string, string, (RawBehavior Behavior, string RouteAnswer)> _route;
    private readonly Action<RawRequest> _received;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _nextConnection;

    /// <param name="route">Given a request's method and path, what to do and the route's answer.</param>
    /// <param name="received">Told of every request once its body was read (as much as its behaviour reads).</param>
    /// <param name="port">0: a free loopback port.</param>
    public RawHttpServer(Func<string, string, (RawBehavior Behavior, string RouteAnswer)> route, Action<RawRequest> received, int port = 0)
    {
        _route = route;
        _received = received;
        Port = port == 0 ? FreePorts.Tcp() : port;
        Listening = true;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>False closes the listening socket (connections are refused); true opens it again on the same port.</summary>
    public bool Listening
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }

        set
        {
            lock (_gate)
            {
                if (value && _listener is null && !_stopping.IsCancellationRequested)
                {
                    var listener = new TcpListener(IPAddress.Loopback, Port);
                    listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    listener.Start();
                    _listener = listener;
                    _accepting = AcceptAsync(listener);
                }
                else if (!value && _listener is not null)
                {
                    _listener.Stop();
                    _listener = null;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Listening = false;
        await _accepting;
        await Task.WhenAll(_connections.Values);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // stopped listening
            }

            var id = Interlocked.Increment(ref _nextConnection);
            _connections[id] = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client, _stopping.Token);
                }
                finally
                {
                    _connections.TryRemove(id, out _);
                }
            });
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, stopping);
                if (head is null)
                {
                    return;
                }

                var (behavior, routeAnswer) = _route(head.Method, head.Path);
                if (behavior.Action == RawBehavior.Act.Refuse)
                {
                    Reset(client);
                    return;
                }

                var toRead = Math.Min(behavior.BodyBytes ?? head.ContentLength, head.ContentLength);
                var (bytes, sha256) = await ReadBodyAsync(stream, head.BodyStart, toRead, stopping);
                var request = new RawRequest(head.Method, head.Path, head.Query, head.Headers, head.ContentLength, bytes, sha256);
                _received(request);
                await ActAsync(client, stream, behavior, routeAnswer, request.BodyComplete, stopping);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    private static async Task ActAsync(TcpClient client, NetworkStream stream, RawBehavior behavior, string routeAnswer, bool bodyRead, CancellationToken stopping)
    {
        switch (behavior.Action)
        {
            case RawBehavior.Act.Answer:
                if (behavior.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(behavior.Delay, stopping);
                }

                var body = Encoding.UTF8.GetBytes(behavior.Body ?? routeAnswer);
                await WriteAnswerAsync(stream, behavior.Status, body, body.Length, stopping);
                client.Client.Shutdown(SocketShutdown.Send);
                break;
            case RawBehavior.Act.StallAfterPartialAnswer:
                var answer = Encoding.UTF8.GetBytes(routeAnswer);
                await WriteAnswerAsync(stream, 200, answer, answer.Length / 2, stopping);
                await StallAsync(stream, bodyRead, stopping);
                break;
            case RawBehavior.Act.StallBeforeAnswer:
                await StallAsync(stream, bodyRead, stopping);
                break;
            case RawBehavior.Act.Reset:
                Reset(client);
                break;
        }
    }

    /// <summary>Status line and headers announcing the whole <paramref name="body"/>, then its first <paramref name="sentBytes"/>.</summary>
    private static async Task WriteAnswerAsync(NetworkStream stream, int status, byte[] body, int sentBytes, CancellationToken stopping)
    {
        var head = $"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} {ReasonPhrase(status)}\r\n"
            + "Content-Type: application/json\r\n"
            + $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n"
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stopping);
        await stream.WriteAsync(body.AsMemory(0, sentBytes), stopping);
        await stream.FlushAsync(stopping);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };

    /// <summary>
    /// Holds the connection open. After the whole body, until the client closes it (a read sees its end) or the server
    /// stops; in the middle of the body, reading would take the rest of it, so until the server stops.
    /// </summary>
    private static async Task StallAsync(NetworkStream stream, bool bodyRead, CancellationToken stopping)
    {
        if (!bodyRead)
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }

        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, stopping) > 0)
        {
        }
    }

    /// <summary>Closes with RST rather than FIN: the client's next read or write fails with "connection reset".</summary>
    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static async Task<Head?> ReadHeadAsync(NetworkStream stream, CancellationToken stopping)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), stopping);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Head.Parse(Encoding.ASCII.GetString(buffer, 0, end), buffer.AsMemory(end + 4, length - end - 4));
            }
        }

        return null;
    }

    private static async Task<(long Bytes, string Sha256Hex)> ReadBodyAsync(NetworkStream stream, ReadOnlyMemory<byte> start, long toRead, CancellationToken stopping)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var first = start[..(int)Math.Min(start.Length, toRead)];
        hash.AppendData(first.Span);
        var bytes = (long)first.Length;
        var buffer = new byte[ChunkBytes];
        while (bytes < toRead)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, toRead - bytes)), stopping);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            bytes += read;
        }

        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private sealed record Head(
        string Method,
        string Path,
        IReadOnlyDictionary<string, string> Query,
        IReadOnlyDictionary<string, string> Headers,
        long ContentLength,
        ReadOnlyMemory<byte> BodyStart)
    {
        public static Head Parse(string text, ReadOnlyMemory<byte> bodyStart)
        {
            var lines = text.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var target = requestLine.Length > 1 ? requestLine[1] : "/";
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? target : target[..question];
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            if (question >= 0)
            {
                foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    var name = equals < 0 ? pair : pair[..equals];
                    query[Uri.UnescapeDataString(name)] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
                }
            }

            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                }
            }

            var contentLength = headers.TryGetValue("content-length", out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
            return new Head(requestLine[0], path, query, headers, contentLength, bodyStart);
        }
    }
}
